// SQLite the way the engine opens it (WAL, numbered migrations), for the app's own journal.
export { openSqlite, runMigrations, type Migration } from '../../../engine/host/sqliteFile';
