import { isAbsolute, resolve, sep } from 'node:path';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollJob } from '../helpers/pollJob';
import { pyFormUpload } from '../helpers/pythonStyleRequest';
import { startSecurityBed, type SecurityBed } from './startSecurityBed';

// Zips the engine produces (zip_all_assets) from a set whose asset ids, file names and
// annotation ids are hostile paths: every entry must stay inside the folder it is unpacked into,
// whatever tool unpacks it (no absolute names, no `..`, no backslashes or drive letters).

let bed: SecurityBed;

beforeAll(async () => {
  bed = await startSecurityBed();
});
afterAll(async () => {
  await bed.engine.dispose();
});

const HOSTILE = [
  '../../../../tmp/zip-slip.png', '/etc/cron.d/zip-slip', '..\\..\\Windows\\zip-slip.png', 'C:\\zip-slip.png', 'C:zip-slip.png',
  '....//....//zip-slip.png', '..', '.', 'nul\u0001byte.png', 'ok/../../zip-slip.png',
];

/** Entry names as written in the archive: yauzl's own name checks are off, so that nothing is hidden from the test. */
async function entryNames(bytes: Buffer): Promise<string[]> {
  const zip = await new Promise<ZipFile>((ok, fail) => fromBuffer(bytes, { lazyEntries: true, strictFileNames: false, decodeStrings: true, validateEntrySizes: true }, (err, z) => (err ? fail(err) : ok(z))));
  const names: string[] = [];
  await new Promise<void>((ok, fail) => {
    zip.on('error', fail);
    zip.on('end', ok);
    zip.on('entry', (entry: Entry) => {
      names.push(entry.fileName);
      zip.readEntry();
    });
    zip.readEntry();
  });
  return names;
}

/** Why a name would land outside `root` when unpacked on Linux, macOS or Windows; undefined if it stays inside. */
function escapes(name: string): string | undefined {
  const root = resolve('/unpack/root');
  if (name.includes('\\')) return 'backslash';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return 'control character';
  if (isAbsolute(name)) return 'absolute';
  if (name.split('/').some((s) => s === '..')) return '".." segment';
  const target = resolve(root, name);
  return target.startsWith(`${root}${sep}`) ? undefined : 'resolves outside';
}

describe('zip-slip', () => {
  it('a zip of a set full of hostile names has no entry that escapes the folder it is unpacked into', async () => {
    const call = bed.call.bind(bed);
    const writerA = bed.writerA;
    const setRes = await call('POST', '/v1/sets/add/', writerA, {}, { assets_type: 'images', name: 'hostile', origin_set_id: null, expected_count: null, tags: [] });
    const setId = (setRes.json as { id: string }).id;
    const ids: string[] = [];
    const docs: Record<string, unknown>[] = [];
    for (const [i, name] of HOSTILE.entries()) {
      const fileId = `file_${i}.png`;
      const urls = await call('POST', '/am/v1/assets/temporary_upload_url/', writerA, { asset_type: 'images' }, { ids: [fileId] });
      const entry = (urls.json as Record<string, { url: string; fields: Record<string, string>; uri: string }>)[fileId];
      expect(await pyFormUpload(entry?.url ?? '', entry?.fields ?? {}, new TextEncoder().encode(`image ${i}`))).toBe(204);
      // The hostile name as the asset's file name; as its id too where the engine takes it.
      const probe = await call('POST', '/am/v1/assets/meta_batch/', writerA, { asset_type: 'images', replace: true, replace_sets: false }, { ids: [name], metadata: [{ sets: [] }] });
      const id = probe.status === 200 ? name : `asset_${i}`;
      ids.push(id);
      docs.push({ id, sets: [setId], object_access: { uri: entry?.uri, filename: name } });
    }
    expect((await call('POST', '/am/v1/assets/meta_batch/', writerA, { asset_type: 'images', replace: true, replace_sets: false }, { ids, metadata: docs })).status).toBe(200);
    const annotations = HOSTILE.map((name, i) => ({ id: name, asset_id: ids[i], media_type: 'images', provider: 'p', annotation_type: 'classification', annotation_entities: [], sets: [], aux: [] }));
    const annRes = await call('POST', '/am/v1/assets/meta_batch/', writerA, { asset_type: 'annotations', replace: true, replace_sets: false }, { ids: HOSTILE, metadata: annotations });
    expect(annRes.status === 200 || annRes.status === 400, annRes.text).toBe(true);

    const zipped = await call('POST', `/v1/sets/${setId}/zip_all_assets/`, writerA, { force_recreate: true });
    expect(zipped.status, zipped.text).toBe(200);
    const { job_id: jobId, zip_id: zipId } = zipped.json as { job_id: string; zip_id: string };
    const job = await pollJob(bed.engine.url, writerA, jobId);
    expect(job.status, job.notes.join('\n')).toBe('finished');
    const link = await call('GET', `/am/v1/assets/${zipId}`, writerA, { return_url: true, asset_type: 'zipfiles' });
    const download = await fetch((link.json as { url: string }).url);
    const names = await entryNames(Buffer.from(await download.arrayBuffer()));

    // Every hostile file name reached the archive (as a stored file), so the check below saw them all.
    expect(names.filter((n) => n.startsWith('images/'))).toHaveLength(HOSTILE.length);
    const bad = names.map((n) => [n, escapes(n)] as const).filter(([, why]) => why !== undefined);
    expect(bad).toEqual([]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });
});
