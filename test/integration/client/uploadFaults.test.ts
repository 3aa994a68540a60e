import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrityError, PermissionError, SceneEngineClient, StorageFullError, TransportError } from '../../../client/index';
import { startFaultyProxy, type Fault, type FaultyProxy } from '../../helpers/faultyProxy';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

const MiB = 1024 ** 2;
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

let engine: TestEngine;
let dir: string;
let path: string;
let bytes: Buffer;
let decide: (method: string, path: string, attempt: number) => Fault = () => 'pass';
let proxy: FaultyProxy;

beforeAll(async () => {
  engine = await startTestEngine();
  proxy = await startFaultyProxy(engine.url, (m, p, n) => decide(m, p, n));
  dir = mkdtempSync(join(tmpdir(), 'scenedock-client-faults-'));
  bytes = randomBytes(3 * MiB + 11);
  path = join(dir, 'flaky.bin');
  writeFileSync(path, bytes);
});
afterAll(async () => {
  await proxy.close();
  await engine.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const throughProxy = () => new SceneEngineClient({ authToken: engine.adminToken, sceneEngineUrl: proxy.url }).getAssetManager('images');
const fast = { multipartThreshold: MiB, partSize: MiB };
const leftoverUploads = () => readdirSync(join(engine.dataDir, 'uploads'));

describe('retries of byte requests', () => {
  it('retries each part with a fresh read after a 503 and after a cut connection', async () => {
    decide = (method, p, attempt) => (method === 'PUT' && p.startsWith('/storage/parts/') && attempt === 1 ? (p.endsWith('/2') ? 'reset' : { status: 503 }) : 'pass');
    proxy.seen.length = 0;
    const am = throughProxy();
    const stored = await am.putFile(path, { ...fast, id: 'flaky.bin' });
    expect(stored).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
    const partPuts = proxy.seen.filter((s) => s.startsWith('PUT /storage/parts/'));
    expect(partPuts).toHaveLength(8);
    expect(new Set(partPuts).size).toBe(4);
    await am.putAsset({ id: 'flaky', object_access: { uri: stored.uri } });
    expect((await am.getBytes('flaky')).equals(bytes)).toBe(true);
  });

  it('retries a form POST whose connection was cut', async () => {
    decide = (method, p, attempt) => (method === 'POST' && p === '/storage/upload' && attempt === 1 ? 'reset' : 'pass');
    proxy.seen.length = 0;
    const small = randomBytes(1000);
    const stored = await throughProxy().putFile(small, { id: 'small.bin' });
    expect(stored.sha256).toBe(sha256(small));
    expect(proxy.seen.filter((s) => s === 'POST /storage/upload')).toHaveLength(2);
  });

  it('does not retry a refusal (403): the upload fails and is aborted on the engine', async () => {
    decide = (method, p) => (method === 'PUT' && p.endsWith('/3') && p.startsWith('/storage/parts/') ? { status: 403 } : 'pass');
    proxy.seen.length = 0;
    await expect(throughProxy().putFile(path, { ...fast, id: 'refused.bin', concurrency: 1 })).rejects.toBeInstanceOf(PermissionError);
    expect(proxy.seen.filter((s) => s.startsWith('PUT /storage/parts/') && s.endsWith('/3'))).toHaveLength(1);
    expect(proxy.seen.some((s) => s === 'DELETE /am/v1/assets/multipart_upload')).toBe(true);
    expect(leftoverUploads()).toEqual([]);
  });

  it('stops and aborts the upload when the caller aborts', async () => {
    decide = () => 'pass';
    const controller = new AbortController();
    const am = throughProxy();
    const run = am.putFile(path, { ...fast, id: 'cancelled.bin', concurrency: 1, signal: controller.signal, onProgress: () => controller.abort(new Error('user cancelled')) });
    await expect(run).rejects.toThrow('user cancelled');
    expect(leftoverUploads()).toEqual([]);
    expect(await am.findObjectBySha256(sha256(bytes))).toMatchObject({ exists: true });
    expect((await am.listObjects('scenedock')).map((o) => o.key)).not.toContain('cancelled.bin');
  });
});

describe('credentials', () => {
  it('sends the token as a Bearer header to the servers and nothing to presigned storage URLs', async () => {
    decide = () => 'pass';
    proxy.requests.length = 0;
    const am = throughProxy();
    await am.putAsset({ id: 'creds_small' }, Buffer.from('small'));
    await am.putAsset({ id: 'creds_large' }, path, { fileOptions: fast });
    expect((await am.getBytes('creds_large')).equals(bytes)).toBe(true);
    const storage = proxy.requests.filter((r) => r.path.startsWith('/storage/'));
    expect(new Set(storage.map((r) => `${r.method} ${r.path.split('/').slice(0, 3).join('/')}`))).toEqual(new Set(['POST /storage/upload', 'PUT /storage/parts', 'GET /storage/objects']));
    for (const r of storage) {
      expect(r.authorization).toBeUndefined();
      expect(r.query.has('token')).toBe(false);
    }
    const api = proxy.requests.filter((r) => !r.path.startsWith('/storage/') && r.path !== '/status');
    expect(api.length).toBeGreaterThan(5);
    for (const r of api) {
      expect(r.authorization).toBe(`Bearer ${engine.adminToken}`);
      expect(r.query.has('token')).toBe(false);
    }
  });
});

describe('files and downloads that go wrong', () => {
  it('fails with IntegrityError when the file shrinks while it is sent, leaving no upload behind', async () => {
    decide = () => 'pass';
    const shrinking = join(dir, 'shrinking.bin');
    writeFileSync(shrinking, bytes);
    const run = throughProxy().putFile(shrinking, { ...fast, id: 'shrinking.bin', concurrency: 1, onProgress: () => truncateSync(shrinking, MiB + MiB / 2) });
    await expect(run).rejects.toBeInstanceOf(IntegrityError);
    expect(leftoverUploads()).toEqual([]);
  });

  it('leaves neither the target nor a temporary file when a download is cut', async () => {
    decide = () => 'pass';
    const am = throughProxy();
    await am.putAsset({ id: 'to_cut' }, Buffer.from('some bytes to download'));
    decide = (method, p) => (method === 'GET' && p.startsWith('/storage/objects/') ? 'reset' : 'pass');
    const target = join(dir, 'cut', 'target.bin');
    mkdirSync(join(dir, 'cut'));
    await expect(am.downloadToFile('to_cut', target)).rejects.toBeInstanceOf(TransportError);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(join(dir, 'cut'))).toEqual([]);
  });
});

describe('a full store', () => {
  it('answers 507, which is not retried', async () => {
    const small = await startTestEngine({ maxBlobBytes: 2 * MiB });
    try {
      const am = new SceneEngineClient({ authToken: small.adminToken, sceneEngineUrl: small.url }).getAssetManager('images');
      const full = am.putFile(path, fast);
      await expect(full).rejects.toBeInstanceOf(StorageFullError);
      await expect(full).rejects.toMatchObject({ status: 507, code: 'insufficient_storage' });
      expect(readdirSync(join(small.dataDir, 'uploads'))).toEqual([]);
    } finally {
      await small.dispose();
    }
  });
});
