import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WsClient } from 'ws';
import { AgentUiServer } from '../../../main/agent/AgentUiServer';
import { STAGE_NAME_HEADER } from '../../../main/agent/stageUpload';
import { createAgentBridge } from '../../../renderer/src/bridge/createAgentBridge';
import type { AppBridge } from '../../../renderer/src/bridge/AppBridge';
import { EventHub } from '../../../shared/ipc/EventHub';
import { BridgeFailure } from '../../../shared/ipc/dispatchCommand';
import { BRIDGE_SUBPROTOCOL } from '../../../shared/ipc/wsMessages';
import { itemViewFixture } from '../../helpers/itemViewFixture';
import { stubBridgeHandlers } from '../../helpers/stubBridgeHandlers';

const dir = mkdtempSync(join(tmpdir(), 'scenedock-agent-ui-'));
const rendererDir = join(dir, 'renderer');
const stagingDir = join(dir, 'staging');
const mediaFile = join(dir, 'clip.mp4');
const mediaBytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const events = new EventHub();
const handlers = stubBridgeHandlers({
  getItem: async ({ id }) => {
    if (id === 404) throw new BridgeFailure('not_found', 'no item 404');
    return { ...itemViewFixture({ id }), files: [], probe: null, sourceId: null };
  },
  // Answers a shape the contract refuses, to show that the page checks what comes back.
  getOverview: async () => ({ waiting: 'lots' }) as never,
});

let server: AgentUiServer;
let port: number;
let secret: string;
let bridge: AppBridge;

beforeAll(async () => {
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>SceneDock</title>');
  writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(dir, 'outside.txt'), 'must not be served');
  writeFileSync(mediaFile, mediaBytes);
  server = new AgentUiServer({
    handlers, events, rendererDir, stagingDir, maxStageBytes: 4096,
    resolveMediaPath: async (id) => (id === 5 ? mediaFile : undefined),
  });
  ({ port, secret } = await server.start());
  bridge = createAgentBridge(secret, `http://127.0.0.1:${port}`, (url, protocols) => new WsClient(url, protocols) as unknown as WebSocket);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw HTTP request, so that tests control every header (fetch forbids setting Host). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET', body?: Buffer): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function openRaw(protocols: string[], headers: Record<string, string> = {}): Promise<{ status?: number; opened: boolean; socket: WsClient }> {
  return new Promise((resolve) => {
    const socket = new WsClient(`ws://127.0.0.1:${port}/bridge`, protocols, { headers });
    socket.on('open', () => resolve({ opened: true, socket }));
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode, opened: false, socket }));
    socket.on('error', () => resolve({ opened: false, socket }));
  });
}

describe('AgentUiServer: static UI', () => {
  it('serves the bundle on loopback with the CSP naming this run\'s WebSocket origin', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('SceneDock');
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' scenedock-media: ws://127.0.0.1:${port}`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get('/assets/app-1234.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('never leaves the bundle folder, and refuses foreign Host headers', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt']) {
      const res = await get(path);
      expect(res.body.toString()).not.toContain('must not be served');
    }
    expect((await get('/', { host: `evil.example:${port}` })).status).toBe(421);
  });
});

describe('AgentUiServer: WebSocket bridge', () => {
  it('refuses sockets without the secret (401), with a wrong one (401) or from another origin (403)', async () => {
    expect(await openRaw([BRIDGE_SUBPROTOCOL])).toMatchObject({ opened: false, status: 401 });
    expect(await openRaw([BRIDGE_SUBPROTOCOL, `secret.${'0'.repeat(64)}`])).toMatchObject({ opened: false, status: 401 });
    expect(await openRaw([BRIDGE_SUBPROTOCOL, `secret.${secret}`], { origin: 'http://evil.example' })).toMatchObject({ opened: false, status: 403 });
  });

  it('carries a command through dispatchCommand and back, errors as data', async () => {
    const found = await bridge.api.getItem({ id: 7 });
    expect(found).toMatchObject({ ok: true, value: { id: 7, name: 'scan.pcd', state: 'uploading' } });
    expect(await bridge.api.getItem({ id: 404 })).toEqual({ ok: false, error: { code: 'not_found', message: 'no item 404' } });
    expect(await bridge.api.getItem({ id: -3 })).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('getItem: id') } });
    expect(await bridge.api.listJobs({})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('the page refuses a response that breaks the contract, naming the command', async () => {
    expect(await bridge.api.getOverview({})).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringContaining('getOverview: the service answered an invalid') } });
  });

  it('pushes events to the page and stops when the socket closes', async () => {
    const seen = new Promise((resolve) => {
      const off = bridge.api.subscribe('itemChanged', (item) => {
        off();
        resolve(item);
      });
    });
    events.emit('itemChanged', itemViewFixture({ id: 42, state: 'done', progress: 1 }));
    expect(await seen).toMatchObject({ id: 42, state: 'done' });

    const raw = await openRaw([BRIDGE_SUBPROTOCOL, `secret.${secret}`]);
    expect(raw.opened).toBe(true);
    expect(raw.socket.protocol).toBe(BRIDGE_SUBPROTOCOL);
    const before = events.listenerCount('itemChanged');
    await new Promise((resolve) => {
      raw.socket.on('close', resolve);
      raw.socket.send('not json');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.listenerCount('itemChanged')).toBe(before - 1);
  });
});

describe('AgentUiServer: media with range requests', () => {
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${secret}` });

  it('needs the secret, by header or by ?s= (a <video> cannot set headers)', async () => {
    expect((await get('/media/5')).status).toBe(401);
    expect((await get(`/media/5?s=${secret}`)).status).toBe(200);
  });

  it('serves the whole file, a range, a suffix range and refuses an unsatisfiable one', async () => {
    const whole = await get('/media/5', auth());
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.body.equals(mediaBytes)).toBe(true);

    const part = await get('/media/5', { ...auth(), range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/1000');
    expect(part.body.equals(mediaBytes.subarray(100, 200))).toBe(true);

    const tail = await get('/media/5', { ...auth(), range: 'bytes=-10' });
    expect(tail.body.equals(mediaBytes.subarray(990))).toBe(true);

    const beyond = await get('/media/5', { ...auth(), range: 'bytes=5000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe('bytes */1000');
  });

  it('answers 404 for an item without a local file', async () => {
    expect((await get('/media/6', auth())).status).toBe(404);
    expect((await get('/media/abc', auth())).status).toBe(404);
  });
});

describe('AgentUiServer: staging dropped files', () => {
  const stage = (name: string, body: Buffer, headers: Record<string, string> = { authorization: `Bearer ${secret}` }) =>
    get('/stage?batch=drop1', { ...headers, [STAGE_NAME_HEADER]: encodeURIComponent(name), 'content-length': String(body.length) }, 'POST', body);

  it('writes the bytes under the batch folder and answers the path and the dropped root', async () => {
    const res = await stage('drive 1/lidar/été.pcd', Buffer.from('points'));
    expect(res.status).toBe(201);
    const body = JSON.parse(res.body.toString()) as { path: string; root: string; bytes: number };
    expect(body).toEqual({ path: join(stagingDir, 'drop1', 'drive 1', 'lidar', 'été.pcd'), root: join(stagingDir, 'drop1', 'drive 1'), bytes: 6 });
    expect(readFileSync(body.path, 'utf8')).toBe('points');
  });

  it('refuses traversal names, oversize bodies and callers without the secret, leaving nothing behind', async () => {
    expect((await stage('../../escape.txt', Buffer.from('x'))).status).toBe(400);
    expect(existsSync(join(stagingDir, '..', 'escape.txt'))).toBe(false);
    expect((await stage('big.bin', Buffer.alloc(5000))).status).toBe(413);
    expect((await stage('nosecret.bin', Buffer.from('x'), {})).status).toBe(401);
    expect(readdirSync(join(stagingDir, 'drop1')).sort()).toEqual(['drive 1']);
  });

  it('stages a body that grows past the limit without a declared length, and deletes the partial file', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1', port, path: '/stage?batch=drop2', method: 'POST',
        headers: { authorization: `Bearer ${secret}`, [STAGE_NAME_HEADER]: 'chunked.bin', 'transfer-encoding': 'chunked' },
      }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write(Buffer.alloc(1000));
      req.end();
    });
    expect(res).toBe(413);
    expect(readdirSync(join(stagingDir, 'drop2'))).toEqual([]);
  });
});
