import type { Migration } from '../engine/sqlite';
import { journalMigration0001 } from './migrations/0001-journal';

export const JOURNAL_MIGRATIONS: readonly Migration[] = [journalMigration0001];
