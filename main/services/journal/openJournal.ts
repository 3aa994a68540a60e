import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openSqlite } from '../engine/sqlite';
import { JOURNAL_MIGRATIONS } from './journalMigrations';
import { JournalReader } from './JournalReader';
import { JournalWriter } from './JournalWriter';

export interface Journal {
  db: Database;
  reader: JournalReader;
  writer: JournalWriter;
  close(): void;
}

/** Opens (creating and migrating) `<stateDir>/journal.db`. */
export function openJournal(stateDir: string, options: { now?: () => number; nativeBinding?: string } = {}): Journal {
  mkdirSync(stateDir, { recursive: true });
  const db = openSqlite(join(stateDir, 'journal.db'), { migrations: JOURNAL_MIGRATIONS, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  return { db, reader: new JournalReader(db), writer: new JournalWriter(db, options.now), close: () => db.close() };
}
