import { decodeLatin1 } from '../pcd/decodeLatin1';

/** The SQLite database header: the first 100 bytes of the file. */
export const SQLITE_HEADER_BYTES = 100;
const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * What is wrong with a file that should be an SQLite database (a rosbag2 .db3), judged from its
 * 100-byte header and its size; undefined when nothing is. SQLite itself reads a truncated file
 * without complaint as long as the pages it touches exist (missing free or trailing pages go
 * unnoticed, even by quick_check), so the size is compared with the header's own page count.
 */
export function sqliteHeaderProblem(header: Uint8Array, size: number): string | undefined {
  if (size < SQLITE_HEADER_BYTES || header.byteLength < SQLITE_HEADER_BYTES) return `${size} bytes is too small for an SQLite database`;
  if (decodeLatin1(header, 0, SQLITE_MAGIC.length) !== SQLITE_MAGIC) return 'not an SQLite database (no "SQLite format 3" header)';
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

/**
 * Bytes 18/19 of the header: 2 for a WAL database. Even opened read-only, such a file makes
 * SQLite create -shm/-wal beside it; setting both bytes to 1 (rollback journal) on a copy lets
 * SQLite read it like any other database without writing anything.
 */
export function isWalDatabase(header: Uint8Array): boolean {
  return header[18] === 2 && header[19] === 2;
}
