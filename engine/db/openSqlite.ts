import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Options } from 'better-sqlite3';
import type { Migration } from './Migration';
import { runMigrations } from './runMigrations';

export interface OpenSqliteOptions {
  migrations: readonly Migration[];
  /** Lets the Electron app load a better-sqlite3 build made for its own ABI (see main/). */
  nativeBinding?: string;
}

/**
 * Opens a SQLite file in WAL mode (readers never block the writer) with the settings every
 * SceneDock database shares, then migrates it.
 */
export function openSqlite(file: string, options: OpenSqliteOptions): SqliteDatabase {
  const dbOptions: Options = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const db = new Database(file, dbOptions);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode is durable across application crashes; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  runMigrations(db, options.migrations);
  return db;
}
