// The engine's SQLite conventions (WAL, numbered migrations), offered to embedders so that the
// app's journal opens its file the same way the engine does.
export type { Migration } from '../db/Migration';
export { openSqlite, type OpenSqliteOptions } from '../db/openSqlite';
export { runMigrations } from '../db/runMigrations';
