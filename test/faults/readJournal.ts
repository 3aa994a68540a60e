import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const itemRow = z.object({
  id: z.number(), path: z.string(), name: z.string(), state: z.string(), size: z.number(), sha256: z.string().nullable(),
  asset_id: z.string().nullable(), asset_type: z.string().nullable(), last_error: z.string().nullable(),
  next_retry_at: z.number().nullable(), reason: z.string().nullable(),
});
const fileRow = z.object({ item_id: z.number(), file_no: z.number(), size: z.number(), upload_id: z.string().nullable(), part_size: z.number().nullable(), object_uri: z.string().nullable() });
const partRow = z.object({ item_id: z.number(), file_no: z.number(), part_no: z.number(), size: z.number(), etag: z.string() });

export type JournalItemRow = z.infer<typeof itemRow>;
export type JournalFileRow = z.infer<typeof fileRow>;
export type JournalPartRow = z.infer<typeof partRow>;

export interface JournalSnapshot {
  sources: number;
  items: JournalItemRow[];
  files: JournalFileRow[];
  parts: JournalPartRow[];
}

/**
 * The ingest journal as another process sees it, read-only (the ingest child owns it and may be
 * writing; SQLite's WAL lets us read a consistent snapshot). Empty before the first run.
 */
export function readJournal(stateDir: string): JournalSnapshot {
  const path = join(stateDir, 'journal.db');
  if (!existsSync(path)) return { sources: 0, items: [], files: [], parts: [] };
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const sources = z.number().parse(db.prepare('SELECT count(*) FROM sources').pluck().get());
    return {
      sources,
      items: z.array(itemRow).parse(db.prepare('SELECT id, path, name, state, size, sha256, asset_id, asset_type, last_error, next_retry_at, reason FROM items ORDER BY id').all()),
      files: z.array(fileRow).parse(db.prepare('SELECT item_id, file_no, size, upload_id, part_size, object_uri FROM item_files').all()),
      parts: z.array(partRow).parse(db.prepare('SELECT item_id, file_no, part_no, size, etag FROM item_parts ORDER BY item_id, file_no, part_no').all()),
    };
  } finally {
    db.close();
  }
}

/** Sources and finished items only: cheap enough to poll every few milliseconds while a child runs. */
export function journalCounts(stateDir: string): { sources: number; done: number } {
  const path = join(stateDir, 'journal.db');
  if (!existsSync(path)) return { sources: 0, done: 0 };
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const sources = z.number().parse(db.prepare('SELECT count(*) FROM sources').pluck().get());
    const done = z.number().parse(db.prepare("SELECT count(*) FROM items WHERE state = 'done'").pluck().get());
    return { sources, done };
  } finally {
    db.close();
  }
}
