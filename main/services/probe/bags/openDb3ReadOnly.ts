import { readFile, stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { RandomAccessFile } from './RandomAccessFile';

/** WAL databases up to this size are read into memory so that nothing is written beside them. */
export const MAX_IN_MEMORY_DB_BYTES = 512 * 1024 * 1024;
const SQLITE_MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;

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
    if (file.size < HEADER_BYTES) throw new Error(`${file.size} bytes is too small for an SQLite database`);
    header = await file.read(0, HEADER_BYTES);
  } finally {
    await file.close();
  }
  if (new TextDecoder().decode(header.subarray(0, SQLITE_MAGIC.length)) !== SQLITE_MAGIC) {
    throw new Error('not an SQLite database (no "SQLite format 3" header)');
  }
  const truncated = truncationReason(header, file.size);
  if (truncated) throw new Error(truncated);
  const wal = header[18] === 2 && header[19] === 2;
  if (!wal || (await hasPendingWal(path)) || file.size > MAX_IN_MEMORY_DB_BYTES) {
    return new Database(path, { readonly: true, fileMustExist: true });
  }
  const bytes = await readFile(path);
  bytes[18] = 1;
  bytes[19] = 1;
  return new Database(bytes, { readonly: true });
}

/**
 * SQLite reads a truncated file without complaint as long as the pages it touches exist (missing
 * free or trailing pages go unnoticed, even by quick_check), so compare with the header's own size.
 */
function truncationReason(header: Uint8Array, size: number): string | undefined {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = view.getUint32(28);
  // The page count is valid only when written by a SQLite that also set version-valid-for (92).
  const countValid = pageCount > 0 && view.getUint32(92) === view.getUint32(24);
  if (countValid && size < pageCount * pageSize) {
    return `truncated: the header says ${pageCount} pages of ${pageSize} bytes (${pageCount * pageSize} bytes), the file has ${size}`;
  }
  return undefined;
}

async function hasPendingWal(path: string): Promise<boolean> {
  try {
    return (await stat(`${path}-wal`)).size > 0;
  } catch {
    return false;
  }
}
