import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SceneEngineClient } from '../../client/SceneEngineClient';
import { readJournal, type JournalSnapshot } from './readJournal';
import type { Corpus, CorpusFile } from './writeCorpus';

export interface Verdict {
  expected: number;
  /** Files on disk with no asset. */
  lost: string[];
  /** Files with more than one asset, and assets of no file of the corpus. */
  duplicated: string[];
  /** Assets whose recorded or downloaded bytes differ from the file's. */
  mismatched: string[];
  /** Journal rows that are not in a final state, or disagree with the file or the engine. */
  journal: string[];
  bytesVerified: number;
}

const docSchema = z.object({
  id: z.string(),
  sha256: z.string().optional(),
  aux: z.object({ source_path: z.string() }),
  object_access: z.object({ uri: z.string() }),
});
type Doc = z.infer<typeof docSchema> & { assetType: 'images' | 'lidars' };
const TYPE_OF_KIND = { image: 'images', lidar: 'lidars' } as const;

/**
 * What a fault run must leave behind, checked from the outside: through the engine's API (one
 * asset per file, found by its source path; its recorded sha256 and the bytes downloaded from
 * its presigned URL equal to the file's) and in the journal (every item final; its parts, when it
 * went multipart, cover the file exactly; its asset and object are the ones the engine holds).
 */
export async function verifyIngest(corpus: Corpus, upToBatch: number, client: SceneEngineClient, stateDir: string): Promise<Verdict> {
  const verdict: Verdict = { expected: 0, lost: [], duplicated: [], mismatched: [], journal: [], bytesVerified: 0 };
  const docs: Doc[] = [];
  for (const assetType of ['images', 'lidars'] as const) {
    for (const raw of await client.getAssetManager(assetType).searchMetaLarge()) docs.push({ ...docSchema.parse(raw), assetType });
  }
  const byPath = new Map<string, Doc[]>();
  for (const d of docs) byPath.set(d.aux.source_path, [...(byPath.get(d.aux.source_path) ?? []), d]);
  const inScope = corpus.files.filter((f) => f.batch <= upToBatch);
  const known = new Set(inScope.map((f) => f.path));
  for (const d of docs) if (!known.has(d.aux.source_path)) verdict.duplicated.push(`${d.id}: an asset of no corpus file (${d.aux.source_path})`);

  const toDownload: { file: CorpusFile; doc: Doc }[] = [];
  for (const f of inScope) {
    const found = byPath.get(f.path) ?? [];
    if (found.length > 1) verdict.duplicated.push(`${f.path}: ${found.length} assets (${found.map((d) => d.id).join(', ')})`);
    if (f.deleted && found.length === 0) continue; // deleted before it was registered: nothing to find
    if (!f.deleted) verdict.expected++;
    const doc = found[0];
    if (!doc) {
      verdict.lost.push(f.path);
      continue;
    }
    if (doc.assetType !== TYPE_OF_KIND[f.kind]) verdict.mismatched.push(`${f.path}: registered as ${doc.assetType}`);
    if (doc.sha256 !== f.sha256) verdict.mismatched.push(`${f.path}: asset records sha256 ${doc.sha256 ?? 'none'}, the file has ${f.sha256}`);
    toDownload.push({ file: f, doc });
  }
  await inParallel(toDownload, 4, async ({ file, doc }) => {
    const url = await client.getAssetManager(doc.assetType).getUrl(doc.id);
    const { size, sha256 } = await hashUrl(url);
    verdict.bytesVerified += size;
    if (sha256 !== file.sha256 || size !== file.size) verdict.mismatched.push(`${file.path}: downloaded ${size} bytes with sha256 ${sha256}, the file has ${file.size} bytes, ${file.sha256}`);
  });
  checkJournal(readJournal(stateDir), inScope, byPath, verdict);
  return verdict;
}

function checkJournal(snapshot: JournalSnapshot, files: readonly CorpusFile[], byPath: Map<string, Doc[]>, verdict: Verdict): void {
  const byPath2 = new Map(files.map((f) => [f.path, f]));
  for (const item of snapshot.items) {
    const file = byPath2.get(item.path);
    const where = `journal item ${item.id} (${item.path})`;
    if (!file) {
      verdict.journal.push(`${where}: not a file of the corpus`);
      continue;
    }
    const doc = byPath.get(item.path)?.[0];
    if (file.deleted) {
      const reported = item.state === 'failed' && item.next_retry_at === null && /deleted|no longer|ENOENT|not found/i.test(item.last_error ?? '');
      if (item.state !== 'done' && !reported) verdict.journal.push(`${where}: deleted file left in ${item.state} (${item.last_error ?? 'no error'})`);
      if (item.state === 'done' && !doc) verdict.journal.push(`${where}: done but the engine has no asset`);
      continue;
    }
    if (item.state !== 'done') {
      verdict.journal.push(`${where}: ${item.state}${item.last_error ? ` (${item.last_error})` : ''}${item.reason ? ` (${item.reason})` : ''}`);
      continue;
    }
    if (item.sha256 !== file.sha256 || item.size !== file.size) verdict.journal.push(`${where}: records ${item.size} bytes ${item.sha256}, the file has ${file.size} ${file.sha256}`);
    if (doc && item.asset_id !== doc.id) verdict.journal.push(`${where}: records asset ${item.asset_id}, the engine has ${doc.id}`);
    const rows = snapshot.files.filter((r) => r.item_id === item.id);
    if (rows.length !== 1) verdict.journal.push(`${where}: ${rows.length} file rows`);
    for (const row of rows) {
      if (doc && row.object_uri !== doc.object_access.uri) verdict.journal.push(`${where}: object ${row.object_uri} but the asset points at ${doc.object_access.uri}`);
      const parts = snapshot.parts.filter((p) => p.item_id === item.id && p.file_no === row.file_no);
      if (row.upload_id === null) {
        if (parts.length > 0) verdict.journal.push(`${where}: ${parts.length} parts recorded without an upload`);
        continue;
      }
      const partSize = row.part_size ?? 0;
      const count = Math.max(1, Math.ceil(row.size / partSize));
      const contiguous = parts.every((p, i) => p.part_no === i + 1 && p.etag.length > 0 && p.size === Math.min(partSize, row.size - i * partSize));
      if (parts.length !== count || !contiguous) verdict.journal.push(`${where}: parts ${parts.map((p) => `${p.part_no}:${p.size}`).join(',')} do not cover ${row.size} bytes in ${count} parts`);
    }
  }
  const journaled = new Set(snapshot.items.map((i) => i.path));
  for (const f of files) if (!f.deleted && !journaled.has(f.path)) verdict.journal.push(`${f.path}: not in the journal`);
}

async function hashUrl(url: string): Promise<{ size: number; sha256: string }> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`GET ${url.split('?')[0] ?? url} answered ${res.status}`);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of res.body) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  }));
}
