import type { Migration } from './Migration';
import { migration0001 } from './migrations/0001-initial';
import { migration0002 } from './migrations/0002-session-entities';

export const ENGINE_MIGRATIONS: readonly Migration[] = [migration0001, migration0002];
