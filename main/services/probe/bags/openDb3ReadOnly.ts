import { readFile, stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { isWalDatabase, SQLITE_HEADER_BYTES, sqliteHeaderProblem } from '../../../../shared/formats/bags/sqliteHeaderProblem';
import { RandomAccessFile } from './RandomAccessFile';

/** WAL databases up to this size are read into memory so that nothing is written beside them. */
export const MAX_IN_MEMORY_DB_BYTES = 512 * 1024 * 1024;

/**
 * Opens a rosbag2 .db3 file read-only without ever writing next to it, because the bag folders we
 * probe belong to the user (or are shared fixtures). Bytes 18/19 of the header say which journal
 * the database uses. A rollback-journal database opens in place read-only and SQLite creates
 * nothing. A WAL database, even opened read-only, makes SQLite create -shm/-wal beside it, and this
 * better-sqlite3 build has no URI support for `immutable=1`; so we read it into memory and mark
 * the copy as rollback-journal, which SQLite then reads like any other database.
 *
 * Two cases still open in place: a WAL database larger than MAX_IN_MEMORY_DB_BYTES (copying it
 * would cost as much memory), and one with a non-empty -wal beside it (its latest pages live in
 * that file, which an in-memory copy would miss). SQLite may then create or update -shm/-wal,
 * exactly as rosbag2's own tools do when they read such a bag.
 */
export async function openDb3ReadOnly(path: string): Promise<Database.Database> {
  const file = await RandomAccessFile.open(path);
  let header: Uint8Array;
  try {
    header = await file.readUpTo(0, SQLITE_HEADER_BYTES);
  } finally {
    await file.close();
  }
  const problem = sqliteHeaderProblem(header, file.size);
  if (problem) throw new Error(problem);
  const wal = isWalDatabase(header);
  if (!wal || (await hasPendingWal(path)) || file.size > MAX_IN_MEMORY_DB_BYTES) {
    return new Database(path, { readonly: true, fileMustExist: true });
  }
  const bytes = await readFile(path);
  bytes[18] = 1;
  bytes[19] = 1;
  return new Database(bytes, { readonly: true });
}

async function hasPendingWal(path: string): Promise<boolean> {
  try {
    return (await stat(`${path}-wal`)).size > 0;
  } catch {
    return false;
  }
}
