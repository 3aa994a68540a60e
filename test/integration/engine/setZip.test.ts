import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../helpers/fixturesDir';
import { pyFormUpload, pyRequest } from '../../helpers/pythonStyleRequest';
import { startSetsClient, type SetsClient } from '../../helpers/setsClient';
import { unzip } from '../../helpers/unzip';

// zip_set_and_download as the Python client does it: POST zip_all_assets/ → wait for the job →
// GET /am/v1/assets/<zip_id>?return_url=True&asset_type=zipfiles → a plain GET of the URL. The
// archive is read back with yauzl and compared byte for byte with what was uploaded.

let c: SetsClient;
let setId: string;
/** Uploaded files by asset id: generated ones always, real photos when the fixtures are present. */
const uploaded = new Map<string, { bytes: Buffer; ext: string }>();
// Complete annotation documents: the annotations module refuses any other on write.
const annotation = (id: string, assetId: string, extra: Record<string, unknown>) => ({
  id, asset_id: assetId, media_type: 'images', provider: 'coco', annotation_type: 'classification', annotation_entities: [], sets: [], aux: [], ...extra,
});
const annotations = [
  annotation('ann_1', 'cam_0', { annotation_type: 'two_d_bounding_box', labels: ['car'], sets: [null] }),
  annotation('ann_2', 'scene_a.png', { annotation_type: 'polygon', labels: ['person'] }),
  annotation('ann_other_asset', 'not_in_set', {}),
  annotation('ann_video', 'cam_0', { media_type: 'videos', frame: 0 }),
];

async function upload(fileId: string, bytes: Buffer): Promise<string> {
  const res = await pyRequest('POST', `${c.am}/assets/temporary_upload_url/`, { asset_type: 'images', metadata_only: false, token: c.token }, { ids: [fileId] });
  const entry = (res.json as Record<string, { url: string; fields: Record<string, string>; uri: string }>)[fileId];
  if (!entry) throw new Error(`no upload URL for ${fileId}`);
  expect(await pyFormUpload(entry.url, entry.fields, bytes)).toBe(204);
  return entry.uri;
}

function realPhotos(): string[] {
  const dir = fixturesDir();
  if (!dir) return [];
  const folder = join(dir, 'images', 'exifr');
  return readdirSync(folder).filter((f) => /\.(jpg|png|tif)$/i.test(f)).map((f) => join(folder, f));
}

async function zipAndDownload(id: string, params: Record<string, boolean> = { force_recreate: false }): Promise<{ jobNotes: string[]; zipId: string; bytes: Buffer }> {
  const res = await c.call('POST', `/sets/${id}/zip_all_assets/`, params);
  expect(res.status, res.text).toBe(200);
  const { job_id: jobId, zip_id: zipId } = res.json as { job_id: string; zip_id: string };
  const job = await c.runJobById(jobId);
  expect(job.status, job.notes.join('\n')).toBe('finished');
  expect(job.job_type).toBe('zipping');
  const link = await pyRequest('GET', `${c.am}/assets/${zipId}`, { return_url: true, expiration: 43200, asset_type: 'zipfiles', metadata_only: false, token: c.token });
  expect(link.status).toBe(200);
  const url = (link.json as { url: string }).url;
  expect(new URL(url).searchParams.get('token')).toBeNull();
  const download = await fetch(url);
  expect(download.status).toBeLessThan(400);
  return { jobNotes: job.notes, zipId, bytes: Buffer.from(await download.arrayBuffer()) };
}

const getMeta = async (assetType: string, id: string) =>
  (await pyRequest('GET', `${c.am}/assets/meta/${id}`, { asset_type: assetType, metadata_only: false, token: c.token })).json as Record<string, unknown>;

beforeAll(async () => {
  c = await startSetsClient();
  setId = await c.createSet('zip me');
  const docs: Record<string, unknown>[] = [];
  const files: [string, Buffer, string][] = [
    ['cam_0', randomBytes(3 * 1024 * 1024 + 17), 'cam_0.png'],
    ['cam_1', Buffer.alloc(0), 'empty.jpg'],
    // COCO ids keep the file's extension; the archive must not double it.
    ['scene_a.png', randomBytes(4096), 'scene_a.png'],
    // A hostile original name must not reach the archive.
    ['hostile', randomBytes(100), '../../../etc/evil.png'],
    ...realPhotos().map((file, i): [string, Buffer, string] => [`photo_${i}`, readFileSync(file), file.split('/').pop() ?? 'x']),
  ];
  for (const [id, bytes, name] of files) {
    const uri = await upload(`uploads/${id}${extname(name)}`, bytes);
    uploaded.set(id, { bytes, ext: id.endsWith(extname(name)) ? '' : extname(name) });
    docs.push({ id, sensor: 'cam', timestamp: '2026-01-01T00:00:00Z', sets: [setId], object_access: { filename: name, uri } });
  }
  docs.push({ id: 'meta_only', sensor: 'gps', sets: [setId] });
  docs.push({ id: 'outside_url', sets: [setId], object_access: { url: 'https://example.com/x.jpg' } });
  docs.push({ id: 'lost_bytes', sets: [setId], object_access: { uri: 's3://scenedock/nowhere/lost.jpg', filename: 'lost.jpg' } });
  docs.push({ id: 'not_in_set', sets: [] });
  await c.putAssets('images', docs);
  await c.putAssets('annotations', annotations);
});
afterAll(async () => {
  await c.engine.dispose();
});

describe('zip_set_and_download', () => {
  let entries: Map<string, Buffer>;
  let notes: string[];
  let zipId: string;

  beforeAll(async () => {
    const result = await zipAndDownload(setId);
    entries = await unzip(result.bytes);
    notes = result.jobNotes;
    zipId = result.zipId;
  });

  it('holds exactly the set document, the stored files, every member\'s metadata and the members\' annotations', () => {
    const members = [...uploaded.keys(), 'meta_only', 'outside_url', 'lost_bytes'];
    const expected = [
      'set.json',
      ...[...uploaded.entries()].map(([id, f]) => `images/${id}${f.ext}`),
      ...members.map((id) => `metadata/${id}.json`),
      'annotations/ann_1.json',
      'annotations/ann_2.json',
    ];
    expect([...entries.keys()].sort()).toEqual(expected.sort());
    expect(zipId).toBe(`${setId}_zip`);
  });

  it('stores every file byte for byte, under a safe name', () => {
    for (const [id, f] of uploaded) {
      const got = entries.get(`images/${id}${f.ext}`);
      expect(got?.equals(f.bytes), id).toBe(true);
    }
    for (const name of entries.keys()) {
      expect(name.startsWith('/')).toBe(false);
      expect(name.split('/')).not.toContain('..');
    }
  });

  it('stores each member\'s metadata and each annotation as JSON equal to what the asset manager answers', async () => {
    for (const id of [...uploaded.keys(), 'meta_only', 'lost_bytes']) {
      expect(JSON.parse(entries.get(`metadata/${id}.json`)?.toString('utf8') ?? 'null')).toEqual(await getMeta('images', id));
    }
    for (const id of ['ann_1', 'ann_2']) {
      expect(JSON.parse(entries.get(`annotations/${id}.json`)?.toString('utf8') ?? 'null')).toEqual(await getMeta('annotations', id));
    }
    expect(JSON.parse(entries.get('set.json')?.toString('utf8') ?? 'null')).toMatchObject({ id: setId, name: 'zip me', assets_type: 'images' });
  });

  it('notes the files it could not include, and leaves the set ready', async () => {
    const text = notes.join('\n');
    expect(text).toMatch(/2 files were left out/);
    expect(text).toMatch(/outside_url: its file is at an outside URL/);
    expect(text).toMatch(/lost_bytes: no object s3:\/\/scenedock\/nowhere\/lost\.jpg/);
    expect((await c.call('GET', `/sets/${setId}/status`)).json).toMatchObject({ status: 'ready', operations: [] });
    expect(await getMeta('zipfiles', zipId)).toMatchObject({ set_id: setId, members: uploaded.size + 3, files: uploaded.size, annotations: 2, object_access: { filename: `${zipId}.zip` } });
  });

  it('keeps the zip of an unchanged set, remakes it on force_recreate=True or after a change', async () => {
    const before = await getMeta('zipfiles', zipId);
    const kept = await zipAndDownload(setId);
    expect(kept.jobNotes.join('\n')).toMatch(/has not changed.*was kept/);
    expect(await getMeta('zipfiles', zipId)).toEqual(before);

    const forced = await zipAndDownload(setId, { force_recreate: true });
    expect(forced.jobNotes.join('\n')).not.toMatch(/was kept/);
    expect((await getMeta('zipfiles', zipId)).job_id).not.toBe(before.job_id);
    expect((await getMeta('zipfiles', zipId)).fingerprint).toBe(before.fingerprint);

    await c.runJob('POST', `/sets/${setId}/remove_assets_list/`, {}, { asset_list: ['meta_only'] });
    const changed = await zipAndDownload(setId);
    expect(changed.jobNotes.join('\n')).not.toMatch(/was kept/);
    expect([...(await unzip(changed.bytes)).keys()]).not.toContain('metadata/meta_only.json');
    expect((await getMeta('zipfiles', zipId)).fingerprint).not.toBe(before.fingerprint);
  });

  it('is not reachable from another organization', async () => {
    const res = await pyRequest('GET', `${c.am}/assets/${zipId}`, { return_url: true, asset_type: 'zipfiles', metadata_only: false, token: c.otherToken });
    expect(res.status).toBe(404);
  });
});

describe('zip edge cases', () => {
  it('zips an empty set into a valid archive holding only the set document', async () => {
    const empty = await c.createSet('empty zip');
    const { bytes } = await zipAndDownload(empty);
    expect([...(await unzip(bytes)).keys()]).toEqual(['set.json']);
  });

  it('refuses a version (set versioning is not implemented) with 400, creating no job', async () => {
    const jobs = await c.jobCount();
    const res = await c.call('POST', `/sets/${setId}/zip_all_assets/`, { version: 'abc123', force_recreate: false });
    expect(res.status).toBe(400);
    expect((res.json as { message: string }).message).toMatch(/version/);
    expect(await c.jobCount()).toBe(jobs);
  });

  it('aborts with the reason when a stored file cannot be read, keeps the previous zip and frees the set', async () => {
    const broken = await c.createSet('broken store');
    const uri = await upload('uploads/doomed.bin', randomBytes(1000));
    await c.putAssets('images', [{ id: 'doomed', sets: [broken], object_access: { uri, filename: 'doomed.bin' } }]);
    const record = c.engine.services.storage.objectForUri(c.organizationId, uri);
    rmSync(join(c.engine.dataDir, 'blobs', record.ref), { force: true });
    const res = await c.call('POST', `/sets/${broken}/zip_all_assets/`, { force_recreate: false });
    const job = await c.runJobById((res.json as { job_id: string }).job_id);
    expect(job.status).toBe('aborted');
    expect(job.notes.join('\n')).toMatch(/cannot read images\/doomed\.bin/);
    expect((await pyRequest('GET', `${c.am}/assets/exists/${broken}_zip`, { asset_type: 'zipfiles', metadata_only: false, token: c.token })).json).toBe(false);
    expect((await c.call('GET', `/sets/${broken}/status`)).json).toMatchObject({ status: 'ready' });
    expect(readdirSync(join(c.engine.dataDir, 'tmp'))).toEqual([]);
  });
});
