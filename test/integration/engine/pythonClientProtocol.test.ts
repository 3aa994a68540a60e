import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pyFormUpload, pyRequest } from '../../helpers/pythonStyleRequest';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

// Replays what the public SceneBox Python client sends for common calls
// (../shared/reference/scenebox-client-observed-requests.md), byte for byte where it matters:
// `?token=`, `True`/`False` booleans, both trailing-slash spellings, form fields as file parts.

const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _enc, done) {
    logLines.push(chunk.toString('utf8'));
    done();
  },
});

let engine: TestEngine;
let token: string;
let am: string;

const amParams = (assetType: string, extra: Record<string, string | number | boolean> = {}) => ({
  ...extra, asset_type: assetType, metadata_only: ['sessions', 'jobs'].includes(assetType), token,
});

beforeAll(async () => {
  engine = await startTestEngine({ log: { level: 'info', destination: logSink } });
  token = engine.adminToken;
  const status = await pyRequest('GET', `${engine.url}/status`, { token });
  am = (status.json as { asset_manager_url: string }).asset_manager_url;
});
afterAll(async () => {
  await engine.dispose();
});

describe('discovery and identity', () => {
  it('GET /status answers the keys the client reads, with the asset manager under /am/v1', async () => {
    const res = await pyRequest('GET', `${engine.url}/status`, { token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ asset_manager_url: `${engine.url}/am/v1`, supported_version: expect.any(String), version: expect.any(String), frontend_url: expect.any(String) });
  });

  it('GET /auth and GET <am root>/auth give the identity with organization_id', async () => {
    for (const url of [`${engine.url}/auth`, `${engine.url}/am/auth`]) {
      const res = await pyRequest('GET', url, { token });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ username: 'admin', role: 'superadmin', organization_id: expect.any(String) });
    }
  });

  it('rejects a bad token with 401', async () => {
    const res = await pyRequest('GET', `${engine.url}/auth`, { token: 'not-a-token' });
    expect(res.status).toBe(401);
  });
});

describe('add_images: presigned form post, meta_batch/, search_meta_large, summary', () => {
  const png = randomBytes(2048);
  const fileId = 'probe_red.png';
  const assetId = '88ea0215_4be0_4e1f_9a4b_2f0c1c1d0e01';
  let uri: string;

  it('temporary_upload_url/ returns {id: {url, fields, uri}} and the form post stores the bytes', async () => {
    const res = await pyRequest('POST', `${am}/assets/temporary_upload_url/`, amParams('images'), { ids: [fileId] });
    expect(res.status).toBe(200);
    const entry = (res.json as Record<string, { url: string; fields: Record<string, string>; uri: string }>)[fileId];
    expect(entry?.uri).toMatch(/^s3:\/\/[^/]+\/.+probe_red\.png$/);
    expect(new URL(entry!.url).searchParams.get('token')).toBeNull();
    expect(await pyFormUpload(entry!.url, entry!.fields, png)).toBe(204);
    uri = entry!.uri;
    const cleared = await pyRequest('DELETE', `${am}/assets/clear_bytes_from_cache`, amParams('images', { id: fileId }));
    expect(cleared.status).toBe(200);
  });

  it('meta_batch/ with replace=True&replace_sets=False stores the documents', async () => {
    const metadata = [{
      width: 16, height: 16, format: 'png', sensor: null, timestamp: '2026-11-27T10:00:00.123456', sets: ['set_0001'],
      preprocesses: [], aux: { probe: 'true', index: 0 }, id: assetId, object_access: { filename: fileId, uri },
    }];
    const res = await pyRequest('POST', `${am}/assets/meta_batch/`, amParams('images', { replace: true, replace_sets: false }), { ids: [assetId], metadata });
    expect(res.status).toBe(200);
  });

  it('search_meta_large pages with search_after and stops on an empty page', async () => {
    const query = { filters: [{ field: 'id', values: [assetId] }], source_selected_fields: ['id', 'sets'] };
    const first = await pyRequest('POST', `${am}/assets/meta`, amParams('images', { size: 5000, offset: 0, scan: false, sort_field: 'id', sort_order: 'asc', compress: false }), query);
    expect(first.json).toEqual([{ id: assetId, sets: ['set_0001'] }]);
    const second = await pyRequest('POST', `${am}/assets/meta`, amParams('images', { size: 5000, offset: 0, scan: false, sort_field: 'id', sort_order: 'asc', search_after: assetId }), query);
    expect(second.json).toEqual([]);
  });

  it('compress=True answers gzip that requests decodes by itself', async () => {
    const res = await pyRequest('POST', `${am}/assets/meta`, amParams('images', { size: 50, offset: 0, scan: false, compress: true }), { filters: [{ field: 'id', values: [assetId] }] });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect((res.json as { id: string }[])[0]?.id).toBe(assetId);
  });

  it('meta/summary/ with dimensions [sets] answers {total, aggregations}', async () => {
    const res = await pyRequest('POST', `${am}/assets/meta/summary/`, amParams('images'), { search: { filters: [{ field: 'id', values: [assetId] }] }, dimensions: ['sets'] });
    expect(res.json).toEqual({ total: 1, aggregations: [{ dimension: 'sets', buckets: [{ key: 'set_0001', doc_count: 1 }] }] });
  });

  it('SceneEngine POST /v1/images with no body answers a bare list of ids', async () => {
    const res = await pyRequest('POST', `${engine.url}/v1/images`, { size: 5000, offset: 0, scan: false, sort_field: 'id', sort_order: 'asc', token });
    expect(res.json).toEqual([assetId]);
  });

  it('asset-manager POST /assets/ answers {results}', async () => {
    const res = await pyRequest('POST', `${am}/assets/`, amParams('images', { size: 50, offset: 0, scan: false }), { filters: [{ field: 'sensor', values: ['nothing'] }] });
    expect(res.json).toEqual({ results: [] });
  });

  it('an empty values list matches nothing rather than failing', async () => {
    const res = await pyRequest('POST', `${am}/assets/meta`, amParams('images', { size: 50, offset: 0, scan: false }), { filters: [{ field: 'asset_id', values: [] }] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual([]);
  });

  it('get_url then a plain GET without token returns the bytes', async () => {
    const res = await pyRequest('GET', `${am}/assets/${assetId}`, amParams('images', { return_url: true, expiration: 43200 }));
    const url = (res.json as { url: string }).url;
    expect(new URL(url).searchParams.get('token')).toBeNull();
    const download = await fetch(url);
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
  });

  it('url_from_object_access_in_batch answers {id: url} on both paths', async () => {
    for (const path of ['storage/url_from_object_access_in_batch/', 'assets/url_from_object_access_in_batch/']) {
      const res = await pyRequest('POST', `${am}/${path}`, amParams('images'), { ids: [assetId], object_accesses: [{ uri, filename: fileId }] });
      const url = (res.json as Record<string, string>)[assetId];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/objects\//);
    }
  });

  it('exists/<id> answers a bare boolean', async () => {
    expect((await pyRequest('GET', `${am}/assets/exists/${assetId}`, amParams('images'))).json).toBe(true);
    expect((await pyRequest('GET', `${am}/assets/exists/set_0001`, amParams('sets'))).json).toBe(false);
  });

  it('meta_batch without slash and replace=False appends lists; replace_sets=True replaces them', async () => {
    const append = { annotations: ['a1'], annotations_meta: [{ provider: 'coco', id: 'a1', version: 'v1', type: 'polygon' }] };
    await pyRequest('POST', `${am}/assets/meta_batch`, amParams('images', { replace: false, replace_sets: false, buffered_write: false }), { ids: [assetId], metadata: [append] });
    await pyRequest('POST', `${am}/assets/meta_batch`, amParams('images', { replace: false, replace_sets: false, buffered_write: false }), { ids: [assetId], metadata: [{ annotations: ['a2'] }] });
    let doc = (await pyRequest('GET', `${am}/assets/meta/${assetId}`, amParams('images'))).json as Record<string, unknown>;
    expect(doc.annotations).toEqual(['a1', 'a2']);
    expect(doc.width).toBe(16);
    await pyRequest('POST', `${am}/assets/meta_batch`, amParams('images', { replace: false, replace_sets: true, buffered_write: false }), { ids: [assetId], metadata: [{ annotations: ['a2'], annotations_meta: [] }] });
    doc = (await pyRequest('GET', `${am}/assets/meta/${assetId}`, amParams('images'))).json as Record<string, unknown>;
    expect(doc.annotations).toEqual(['a2']);
    expect(doc.annotations_meta).toEqual([]);
    expect(doc.sets).toEqual(['set_0001']);
  });
});

describe('multipart upload as put_file sends it for large files', () => {
  it('upload id, part URLs answered with an ETag, complete returns the uri', async () => {
    const fileId = 'big/recording.bin';
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1234)];
    const { upload_id: uploadId } = (await pyRequest('POST', `${am}/assets/multipart_upload_id/`, amParams('rosbags'), { id: fileId })).json as { upload_id: string };
    const etags: { ETag: string; PartNumber: number }[] = [];
    for (const [i, bytes] of parts.entries()) {
      const { url } = (await pyRequest('POST', `${am}/assets/multipart_temporary_upload_url/`, amParams('rosbags'), { id: fileId, part_no: i + 1, upload_id: uploadId })).json as { url: string };
      const put = await fetch(url, { method: 'PUT', body: bytes });
      expect(put.status).toBe(200);
      const etag = put.headers.get('etag');
      expect(etag).toBe(`"${createHash('sha256').update(bytes).digest('hex')}"`);
      etags.push({ ETag: etag!, PartNumber: i + 1 });
    }
    const done = await pyRequest('POST', `${am}/assets/multipart_complete/`, amParams('rosbags'), { id: fileId, parts: etags, upload_id: uploadId });
    expect(done.status).toBe(200);
    const whole = Buffer.concat(parts);
    expect(done.json).toMatchObject({ uri: expect.stringMatching(/big\/recording\.bin$/), size: whole.length, sha256: createHash('sha256').update(whole).digest('hex') });
  });
});

describe('jobs as the Python client polls them', () => {
  it('delete_with_list: job readable as an asset of type jobs and through /jobs/status/', async () => {
    await pyRequest('POST', `${am}/assets/meta_batch/`, amParams('images', { replace: true, replace_sets: false }), { ids: ['doomed'], metadata: [{ sensor: 'cam' }] });
    const res = await pyRequest('POST', `${am}/assets/remove_with_list/`, amParams('images'), { assets_list: ['doomed'] });
    const jobId = (res.json as { job_id: string }).job_id;
    const asAsset = await pyRequest('GET', `${am}/assets/meta/${jobId}`, amParams('jobs'));
    expect(asAsset.json).toMatchObject({ id: jobId, status: expect.stringMatching(/^(queued|running|finished)$/) });
    let status = '';
    for (let i = 0; i < 100 && status !== 'finished'; i++) {
      status = ((await pyRequest('GET', `${am}/jobs/status/${jobId}`, { token })).json as { status: string }).status;
      if (status !== 'finished') await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('finished');
    const after = await pyRequest('POST', `${am}/assets/meta`, amParams('images', { size: 50, offset: 0, scan: false }), { filters: [{ field: 'id', values: ['doomed'] }] });
    expect(after.json).toEqual([]);
  });
});

describe('logs', () => {
  it('never contain the token', () => {
    const all = logLines.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).toContain('token=[redacted]');
    expect(all).not.toContain(token);
  });
});
