import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetManagerClient } from '../../../client/index';
import {
  AuthenticationError, MalformedResponseError, NotFoundError, SceneBoxHttp, SceneEngineClient, TransportError, ValidationError,
} from '../../../client/index';
import type { AssetType } from '../../../shared/scenebox/constants';
import { assetWire } from '../../../shared/wire/assetWire';
import { connectClient } from '../../helpers/connectClient';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

let engine: TestEngine;
let se: SceneEngineClient;
let images: AssetManagerClient;
let raw: SceneBoxHttp;

beforeAll(async () => {
  engine = await startTestEngine();
  se = connectClient(engine).client;
  images = se.getAssetManager('images');
  raw = new SceneBoxHttp({ baseUrl: `${engine.url}/am/v1`, authToken: engine.adminToken });
  await images.putAsset({ id: 'keep', v: 1, sets: ['s1'], aux: { a: 1 } }, Buffer.from('original bytes'));
});
afterAll(async () => engine.dispose());

const kept = async (): Promise<void> => {
  expect(await images.getMetadata('keep')).toMatchObject({ id: 'keep', v: 1, sets: ['s1'], aux: { a: 1 } });
  expect((await images.getBytes('keep')).toString()).toBe('original bytes');
};

describe('tokens', () => {
  it('refuses a missing or unknown token with 401 on every server', async () => {
    const stranger = se.withAuth('not-a-token');
    await expect(stranger.getAssetManager('images').count()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(stranger.getJobManager('job_x').getStatus()).rejects.toBeInstanceOf(AuthenticationError);
    const response = await fetch(`${engine.url}/am/v1/assets?asset_type=images`, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized', message: 'missing token' });
  });

  it("accepts the Python client's ?token= too, and never reports a token in an error", async () => {
    expect((await fetch(`${engine.url}/auth?token=${engine.adminToken}`)).status).toBe(200);
    const failure = await images.getMetadata('nothing').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NotFoundError);
    expect(String((failure as Error).message)).not.toContain(engine.adminToken);
    expect((failure as NotFoundError).url).toMatch(/\/am\/v1\/assets\/meta\/nothing\?asset_type=images&metadata_only=false$/);
  });
});

describe('malformed requests', () => {
  it('answers 400 to a body that is not JSON', async () => {
    const response = await fetch(`${engine.url}/am/v1/assets/meta/keep?asset_type=images`, {
      method: 'PUT', headers: { authorization: `Bearer ${engine.adminToken}`, 'content-type': 'application/json' }, body: '{"v": 2,',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'bad_request', message: 'body is not valid JSON' });
    await kept();
  });

  it('answers 400 naming the field when a body fails its schema', async () => {
    await expect(images.searchAssets({ filters: [{ field: '', values: ['x'] }] })).rejects.toMatchObject({ status: 400, serverMessage: 'search: filters.0.field: field must not be empty' });
    await expect(raw.post('/assets/meta_batch', { schema: assetWire.batchAck, query: { asset_type: 'images' }, body: { ids: 'keep', metadata: [{ v: 2 }] } }))
      .rejects.toMatchObject({ status: 400, serverMessage: expect.stringMatching(/^body: ids: /) as unknown });
    await expect(raw.put('/assets/meta/keep', { schema: assetWire.writeAck, query: { asset_type: 'images' }, body: [1, 2] }))
      .rejects.toMatchObject({ status: 400, serverMessage: 'metadata.0: must be an object' });
    await expect(raw.post('/assets/meta_batch', { schema: assetWire.batchAck, query: { asset_type: 'images' }, body: { ids: ['keep', 'other'], metadata: [{ v: 2 }] } }))
      .rejects.toMatchObject({ status: 400, serverMessage: 'ids has 2 entries but metadata has 1' });
    await kept();
  });

  it('answers 400 to an unknown asset type or a missing one', async () => {
    await expect(se.getAssetManager('planets' as AssetType).count()).rejects.toMatchObject({ status: 400, serverMessage: 'unknown asset type "planets"' });
    await expect(se.searchAssets('planets' as AssetType)).rejects.toBeInstanceOf(ValidationError);
    await expect(raw.get('/assets/meta/keep', { schema: assetWire.writeAck })).rejects.toMatchObject({ serverMessage: 'asset_type is required' });
  });

  it('answers 404 for a route that does not exist', async () => {
    await expect(raw.get('/assets_typo/x', { schema: assetWire.writeAck })).rejects.toMatchObject({ status: 404, serverMessage: 'no route GET /am/v1/assets_typo/x' });
  });
});

describe('ids with path characters', () => {
  it('standardizes asset ids rather than treating them as paths', async () => {
    expect((await images.putAsset({ id: '../x', v: 'dots' })).id).toBe('.._x');
    expect((await images.putAsset({ id: 'a/b', v: 'slash' })).id).toBe('a_b');
    expect(await images.getMetadata('a/b')).toMatchObject({ id: 'a_b', v: 'slash' });
    expect(await images.getMetadata('../x')).toMatchObject({ id: '.._x' });
    expect(await images.exists('a\\b')).toBe(true);
  });

  it('refuses "." and ".." as ids, in the client and in the engine, writing nothing of the batch', async () => {
    await expect(images.getMetadata('..')).rejects.toBeInstanceOf(RangeError);
    await expect(images.updateMetadataBatch(['keep', '..'], [{ v: 2 }, { v: 3 }])).rejects.toMatchObject({ status: 400, serverMessage: 'ids.1 ".." is not a valid asset id' });
    await expect(images.putAssetsBatch([{ metadata: { id: 'fresh' } }, { metadata: { id: '.' } }])).rejects.toBeInstanceOf(ValidationError);
    expect(await images.exists('fresh')).toBe(false);
    await kept();
  });

  it('refuses storage file ids that climb out of their folder, and keeps folders as key prefixes', async () => {
    await expect(images.putFile(Buffer.from('evil'), { id: '../evil.bin' })).rejects.toMatchObject({ status: 400, serverMessage: expect.stringContaining('".." path segment') as unknown });
    await expect(images.putFile(Buffer.from('evil'), { id: 'evil.bin', folder: 'a/../..' })).rejects.toBeInstanceOf(ValidationError);
    await expect(images.createMultipartUpload('x/../../evil.bin')).rejects.toBeInstanceOf(ValidationError);
    await expect(images.putFile(Buffer.from('ctl'), { id: 'bad\u0001name' })).rejects.toBeInstanceOf(ValidationError);
    const stored = await images.putFile(Buffer.from('nested'), { id: 'b.bin', folder: 'a' });
    expect(stored.uri).toMatch(/\/a\/b\.bin$/);
    expect(existsSync(join(engine.dataDir, '..', 'evil.bin'))).toBe(false);
    // Blobs are stored under generated names only, whatever the key.
    for (const shard of readdirSync(join(engine.dataDir, 'blobs'))) {
      expect(shard).toMatch(/^[0-9a-f]{2}$/);
      for (const name of readdirSync(join(engine.dataDir, 'blobs', shard))) expect(name).toMatch(/^[0-9a-f-]{36}$/);
    }
    await kept();
  });
});

describe('a misbehaving server', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/auth')) res.end('<html>not json</html>');
      else if (req.url?.startsWith('/status')) res.end(JSON.stringify({ version: '1', asset_manager_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/am/v1` }));
      else if (req.url?.startsWith('/am/v1/jobs/status/')) res.end(JSON.stringify({ status: 'cancelled' }));
      else res.end(JSON.stringify({ results: 'not a list' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('turns replies that break the protocol into MalformedResponseError naming the field', async () => {
    const client = new SceneEngineClient({ authToken: 't-1', sceneEngineUrl: url });
    await expect(client.whoami()).rejects.toBeInstanceOf(MalformedResponseError);
    await expect(client.getAssetManager('images').searchAssets()).rejects.toThrow(/results: /);
    await expect(client.getJobManager('job_1').getStatus()).rejects.toThrow(/status: /);
  });

  it('reports a refused connection as a TransportError', async () => {
    const closed = new SceneEngineClient({ authToken: 't', sceneEngineUrl: 'http://127.0.0.1:9', retries: 0 });
    await expect(closed.whoami()).rejects.toMatchObject({ name: 'TransportError', code: 'ECONNREFUSED' });
    await expect(closed.whoami()).rejects.toBeInstanceOf(TransportError);
  });
});
