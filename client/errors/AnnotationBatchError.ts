import { BatchRefusedError } from './BatchRefusedError';

/** Annotations (or a COCO file) refused before anything was written. */
export class AnnotationBatchError extends BatchRefusedError {}
