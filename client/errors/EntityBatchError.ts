import { BatchRefusedError } from './BatchRefusedError';

/** Entities refused before any chunk was sent (bad shape or time, unknown session, too long a span). */
export class EntityBatchError extends BatchRefusedError {}
