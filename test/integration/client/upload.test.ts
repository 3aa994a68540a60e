import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetManagerClient, HttpEvent, SceneEngineClient, UploadProgress } from '../../../client/index';
import { NotFoundError, PermissionError, ValidationError } from '../../../client/index';
import { connectClient } from '../../helpers/connectClient';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

const MiB = 1024 ** 2;
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

let engine: TestEngine;
let se: SceneEngineClient;
let requests: HttpEvent[];
let am: AssetManagerClient;
let dir: string;
const files: Record<string, { path: string; bytes: Buffer }> = {};

beforeAll(async () => {
  engine = await startTestEngine();
  ({ client: se, requests } = connectClient(engine));
  am = se.getAssetManager('images');
  dir = mkdtempSync(join(tmpdir(), 'scenedock-client-upload-'));
  for (const [name, size] of [['empty.bin', 0], ['one.bin', 1], ['five.bin', 5 * MiB], ['seventy.bin', 70 * MiB], ['parts.bin', 5 * MiB + 123]] as const) {
    const bytes = randomBytes(size);
    const path = join(dir, name);
    writeFileSync(path, bytes);
    files[name] = { path, bytes };
  }
});
afterAll(async () => {
  await engine.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string): { path: string; bytes: Buffer } => {
  const f = files[name];
  if (!f) throw new Error(`no test file ${name}`);
  return f;
};

describe('round trips', () => {
  it.each(['empty.bin', 'one.bin', 'five.bin'])('uploads %s by form POST and reads back the same bytes', async (name) => {
    const { path, bytes } = file(name);
    const progress: UploadProgress[] = [];
    const stored = await am.putFile(path, { onProgress: (p) => progress.push(p) });
    expect(stored).toMatchObject({ fileId: name, size: bytes.length, sha256: sha256(bytes) });
    expect(stored.uri).toMatch(new RegExp(`^s3://scenedock/.+/${name.replace('.', '\\.')}$`));
    expect(progress).toEqual([{ uploadedBytes: bytes.length, totalBytes: bytes.length }]);
    // The engine's own record of the bytes.
    expect(await am.findObjectBySha256(sha256(bytes))).toEqual({ exists: true, uri: stored.uri, size: bytes.length, sha256: sha256(bytes) });

    const { id } = await am.putAsset({ id: `asset_${name}`, sensor: 'cam' }, path);
    expect((await am.getMetadata(id)).object_access).toEqual({ uri: expect.stringMatching(/^s3:\/\//) as unknown, filename: id });
    expect((await am.getBytes(id)).equals(bytes)).toBe(true);
    const target = join(dir, `download_${name}`);
    expect(await am.downloadToFile(id, target)).toEqual({ path: target, size: bytes.length, sha256: sha256(bytes) });
    expect(readFileSync(target).equals(bytes)).toBe(true);
  });

  it('uploads 70 MiB multipart in 16 MiB parts, reporting acknowledged bytes, with the engine agreeing on sha256 and size', async () => {
    const { path, bytes } = file('seventy.bin');
    requests.length = 0;
    const progress: UploadProgress[] = [];
    const stored = await am.putFile(path, { id: 'big/seventy.bin', partSize: 16 * MiB, concurrency: 3, onProgress: (p) => progress.push(p) });
    expect(stored).toMatchObject({ fileId: 'big/seventy.bin', size: bytes.length, sha256: sha256(bytes) });
    expect(requests.filter((r) => r.url.includes('/multipart_temporary_upload_url'))).toHaveLength(5);
    expect(requests.filter((r) => r.url.includes('/multipart_complete'))).toHaveLength(1);
    expect(progress.map((p) => p.uploadedBytes).sort((a, b) => a - b)).toEqual(progress.map((p) => p.uploadedBytes));
    expect(progress.at(-1)).toEqual({ uploadedBytes: bytes.length, totalBytes: bytes.length });
    expect(new Set(progress.slice(1).map((p, i) => p.uploadedBytes - (progress[i]?.uploadedBytes ?? 0)))).toEqual(new Set([16 * MiB, 6 * MiB]));
    expect(await am.findObjectBySha256(sha256(bytes))).toMatchObject({ exists: true, uri: stored.uri, size: 70 * MiB });
    expect(await am.listObjects('scenedock', 'big')).toEqual([expect.objectContaining({ key: 'big/seventy.bin', size: 70 * MiB, sha256: sha256(bytes) })]);

    await am.putAsset({ id: 'seventy', object_access: { uri: stored.uri } });
    const target = join(dir, 'seventy.download');
    expect(await am.downloadToFile('seventy', target)).toMatchObject({ size: 70 * MiB, sha256: sha256(bytes) });
    expect(readFileSync(target).equals(bytes)).toBe(true);
    expect((await am.getBytes('seventy')).equals(bytes)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('uploads a Buffer (an id is then required), multipart too', async () => {
    const bytes = randomBytes(3 * MiB + 7);
    await expect(am.putFile(bytes)).rejects.toThrow(/id/);
    const stored = await am.putFile(bytes, { id: 'buffer.bin', folder: '/mem/', multipartThreshold: MiB, partSize: MiB });
    expect(stored).toMatchObject({ fileId: 'mem/buffer.bin', size: bytes.length, sha256: sha256(bytes) });
    const url = await am.getUrlFromObjectAccess({ uri: stored.uri });
    const fetched = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(fetched.equals(bytes)).toBe(true);
  });

  it('registers nothing of a batch when one of its files cannot be read', async () => {
    requests.length = 0;
    const failing = am.putAssetsBatch([
      { metadata: { id: 'fine_1' }, file: file('one.bin').path },
      { metadata: { id: 'broken' }, file: join(dir, 'does-not-exist.bin') },
    ]);
    await expect(failing).rejects.toMatchObject({ code: 'ENOENT' });
    expect(requests.some((r) => r.url.includes('/meta_batch'))).toBe(false);
    expect(await am.existsMultiple(['fine_1', 'broken'])).toEqual({ fine_1: false, broken: false });
  });

  it('uploads a batch of assets with their files, then writes their metadata in one batch', async () => {
    const results = await am.putAssetsBatch([
      { metadata: { id: 'batch_1', sensor: 'a' }, file: file('one.bin').path },
      { metadata: { id: 'batch_2', sensor: 'b' }, file: Buffer.from('hello'), fileOptions: { contentType: 'text/plain' } },
      { metadata: { id: 'batch_3', sensor: 'c' } },
    ], { concurrency: 2 });
    expect(results.map((r) => [r.id, r.upload?.size])).toEqual([['batch_1', 1], ['batch_2', 5], ['batch_3', undefined]]);
    expect((await am.getBytes('batch_2')).toString()).toBe('hello');
    const response = await fetch(await am.getUrl('batch_2'));
    expect(response.headers.get('content-type')).toBe('text/plain');
  });

  it('presigns the form posts of a batch a chunk of 100 files at a time, each file under its own id and folder', async () => {
    const bodies = Array.from({ length: 250 }, (_, i) => Buffer.from(`small file ${i}`));
    const before = requests.length;
    const results = await am.putAssetsBatch(bodies.map((body, i) => ({
      metadata: { id: `chunked_${i}` }, file: body,
      ...(i % 50 === 0 ? { fileOptions: { folder: 'odd', contentType: 'text/plain' } } : {}),
    })), { concurrency: 8 });
    const presigns = requests.slice(before).filter((r) => r.url.includes('/temporary_upload_url'));
    // Three chunks, the first two and the third each with one text/plain group besides the default.
    expect(presigns).toHaveLength(6);
    expect(results.map((r) => r.upload?.fileId)).toEqual(bodies.map((_, i) => (i % 50 === 0 ? `odd/chunked_${i}` : `chunked_${i}`)));
    for (const i of [0, 1, 99, 100, 249]) expect((await am.getBytes(`chunked_${i}`)).equals(bodies[i] ?? Buffer.alloc(0))).toBe(true);
  });
});

describe('multipart primitives', () => {
  it('lists the parts of a partial upload, refuses a bad completion, then completes', async () => {
    const { path, bytes } = file('parts.bin');
    const partSize = MiB;
    const range = (n: number): [number, number] => [(n - 1) * partSize, Math.min(bytes.length, n * partSize)];
    const uploadId = await am.createMultipartUpload('parts.bin');
    const etags = new Map<number, string>();
    for (const n of [1, 3]) etags.set(n, await am.uploadPart(await am.getPartUploadUrl('parts.bin', n, uploadId), path, ...range(n)));
    const listed = await am.listUploadedParts(uploadId);
    expect(listed).toEqual([
      { PartNumber: 1, ETag: etags.get(1), Size: partSize },
      { PartNumber: 3, ETag: etags.get(3), Size: partSize },
    ]);
    expect(etags.get(1)).toBe(`"${sha256(bytes.subarray(0, partSize))}"`);

    for (const n of [2, 4, 5, 6]) etags.set(n, await am.uploadPart(await am.getPartUploadUrl('parts.bin', n, uploadId), path, ...range(n)));
    const parts = [...etags].sort(([a], [b]) => a - b).map(([PartNumber, ETag]) => ({ PartNumber, ETag }));
    const wrong = parts.map((p) => (p.PartNumber === 2 ? { ...p, ETag: `"${'0'.repeat(64)}"` } : p));
    await expect(am.completeMultipartUpload('parts.bin', uploadId, wrong)).rejects.toMatchObject({ status: 400, serverMessage: expect.stringContaining('ETag of part 2') as unknown });
    const missing = parts.map((p) => (p.PartNumber === 2 ? { PartNumber: 2 } : p)) as typeof parts;
    await expect(am.completeMultipartUpload('parts.bin', uploadId, missing)).rejects.toMatchObject({ status: 400, serverMessage: expect.stringContaining('parts.1.ETag') as unknown });
    await expect(am.completeMultipartUpload('parts.bin', uploadId, [...parts, { PartNumber: 7, ETag: '"x"' }])).rejects.toMatchObject({ serverMessage: expect.stringContaining('part 7 was never uploaded') as unknown });
    await expect(am.completeMultipartUpload('other.bin', uploadId, parts)).rejects.toBeInstanceOf(ValidationError);
    // Failed completions change nothing: the parts are all still held.
    expect((await am.listUploadedParts(uploadId)).map((p) => p.PartNumber)).toEqual([1, 2, 3, 4, 5, 6]);

    const done = await am.completeMultipartUpload('parts.bin', uploadId, parts);
    expect(done).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
    await expect(am.listUploadedParts(uploadId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('aborts an upload, after which its parts are gone', async () => {
    const uploadId = await am.createMultipartUpload('aborted.bin');
    await am.uploadPart(await am.getPartUploadUrl('aborted.bin', 1, uploadId), file('one.bin').path, 0, 1);
    await am.abortMultipartUpload(uploadId);
    await expect(am.listUploadedParts(uploadId)).rejects.toBeInstanceOf(NotFoundError);
    expect(readdirSync(join(engine.dataDir, 'uploads'))).not.toContain(uploadId);
  });

  it('refuses a part range outside the file before sending anything', async () => {
    await expect(am.uploadPart('http://127.0.0.1:9/never', file('one.bin').path, 0, 2)).rejects.toBeInstanceOf(RangeError);
  });

  it('finds stored bytes by sha256 within the caller organization only, and checks the digest', async () => {
    expect(await am.findObjectBySha256('f'.repeat(64))).toEqual({ exists: false });
    await expect(am.findObjectBySha256('ABC')).rejects.toMatchObject({ status: 400, serverMessage: expect.stringContaining('sha256') as unknown });
  });
});

describe('download URLs', () => {
  it('signs one URL, many URLs, and object accesses, on both batch routes', async () => {
    await am.putAsset({ id: 'linked', object_access: { url: 'https://example.org/x.png' } });
    await am.putAsset({ id: 'bare', sensor: 'none' });
    const single = await am.getUrl('asset_one.bin', 60);
    expect(single).toMatch(/\/storage\/objects\/scenedock\/.+\?expires=\d+&signature=/);
    const batch = await am.getUrlInBatch(['asset_one.bin', 'ASSET_FIVE.BIN', 'linked', 'bare', 'missing']);
    expect(Object.keys(batch).sort()).toEqual(['asset_five.bin', 'asset_one.bin', 'bare', 'linked']);
    expect(batch.linked).toBe('https://example.org/x.png');
    expect(batch.bare).toBeNull();
    expect(Buffer.from(await (await fetch(batch['asset_five.bin'] ?? '')).arrayBuffer()).equals(file('five.bin').bytes)).toBe(true);

    const { uri } = (await am.getMetadata('asset_one.bin')).object_access as { uri: string };
    expect(await am.getUrlFromObjectAccess({ url: 'https://example.org/y' })).toBe('https://example.org/y');
    const pair = await am.getUrlsFromObjectAccesses(['a', 'b'], [{ uri }, { uri: 's3://scenedock/nowhere' }]);
    expect(pair.b).toBeNull();
    expect(Buffer.from(await (await fetch(pair.a ?? '')).arrayBuffer()).equals(file('one.bin').bytes)).toBe(true);
    // The bulk uploader posts the same batch under /assets/.
    const { SceneBoxHttp } = await import('../../../client/index');
    const http = new SceneBoxHttp({ baseUrl: await se.assetManagerUrl(), authToken: engine.adminToken });
    const { assetWire } = await import('../../../shared/wire/assetWire');
    const viaAssets = await http.post('/assets/url_from_object_access_in_batch', { schema: assetWire.urlBatch, query: { asset_type: 'images' }, body: { ids: ['a'], object_accesses: [{ uri }] } });
    expect(viaAssets.a).toMatch(/signature=/);
  });

  it('signs a bucket key and lists objects under a folder', async () => {
    const key = (await am.listObjects('scenedock', 'mem'))[0]?.key;
    expect(key).toBe('mem/buffer.bin');
    const url = await am.getSignedUrl('scenedock', (((await am.getMetadata('asset_one.bin')).object_access as { uri: string }).uri).replace('s3://scenedock/', ''));
    expect((await fetch(url)).status).toBe(200);
    expect(await am.listObjects('another-bucket')).toEqual([]);
  });

  it('redirects the legacy GET of an asset to its presigned URL', async () => {
    const base = await se.assetManagerUrl();
    const response = await fetch(`${base}/assets/asset_one.bin?asset_type=images`, { headers: { authorization: `Bearer ${engine.adminToken}` }, redirect: 'manual' });
    expect(response.status).toBe(307);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/signature=/);
    expect(Buffer.from(await (await fetch(location)).arrayBuffer()).equals(file('one.bin').bytes)).toBe(true);
  });

  it('refuses a forged or expired presigned URL with 403, and a forged part URL through the client', async () => {
    const url = new URL(await am.getUrl('asset_one.bin'));
    const forged = new URL(url);
    forged.searchParams.set('signature', `${url.searchParams.get('signature')?.slice(0, -2) ?? ''}AA`);
    expect((await fetch(forged)).status).toBe(403);
    const longer = new URL(url);
    longer.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    expect((await fetch(longer)).status).toBe(403);

    const shortLived = await am.getUrl('asset_one.bin', 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await fetch(shortLived);
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ error: 'forbidden', message: expect.stringContaining('expired') as unknown });

    const uploadId = await am.createMultipartUpload('forged.bin');
    const partUrl = new URL(await am.getPartUploadUrl('forged.bin', 1, uploadId));
    partUrl.pathname = partUrl.pathname.replace(/\/1$/, '/2');
    const failure = am.uploadPart(partUrl.toString(), file('one.bin').path, 0, 1, { retries: 0 });
    await expect(failure).rejects.toBeInstanceOf(PermissionError);
    await expect(failure).rejects.not.toThrow(/signature=[^r]/);
    expect(await am.listUploadedParts(uploadId)).toEqual([]);
  });

  it('refuses a forged upload policy without storing a byte', async () => {
    const posts = await fetch(`${await se.assetManagerUrl()}/assets/temporary_upload_url?asset_type=images`, {
      method: 'POST', headers: { authorization: `Bearer ${engine.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ ids: ['forged.txt'] }),
    });
    const post = (await posts.json()) as Record<string, { url: string; fields: Record<string, string> }>;
    const target = post['forged.txt'];
    if (!target) throw new Error('no presigned post');
    const form = new FormData();
    form.set('key', target.fields.key ?? '');
    form.set('policy', `${target.fields.policy?.split('.')[0] ?? ''}.forgedsignature`);
    const payload = randomBytes(64);
    form.set('file', new Blob([payload]), 'forged.txt');
    expect((await fetch(target.url, { method: 'POST', body: form })).status).toBe(403);
    expect(await am.findObjectBySha256(sha256(payload))).toEqual({ exists: false });
  });
});

describe('storage deletes', () => {
  it('deletes the stored object of a file id, once', async () => {
    const stored = await am.putFile(Buffer.from('temporary'), { id: 'temp.txt' });
    expect(await am.clearBytesFromCache('temp.txt')).toMatchObject({ acknowledged: true });
    expect(await am.deleteIfExistsInStorage('temp.txt')).toBe(true);
    expect(await am.deleteIfExistsInStorage('temp.txt')).toBe(false);
    await expect(am.getUrlFromObjectAccess({ uri: stored.uri })).rejects.toBeInstanceOf(NotFoundError);
  });
});
