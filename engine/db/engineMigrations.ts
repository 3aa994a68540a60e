import type { Migration } from './Migration';
import { migration0001 } from './migrations/0001-initial';

export const ENGINE_MIGRATIONS: readonly Migration[] = [migration0001];
