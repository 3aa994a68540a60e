import { request } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pyFormUpload } from '../helpers/pythonStyleRequest';
import { startSecurityBed, type SecurityBed } from './startSecurityBed';

// Ids and keys spelled as paths (`../`, `%2e%2e%2f`, absolute paths, backslashes, NUL) sent to
// every kind of route: refused, or kept as plain names inside the engine's data directory. A
// folder beside the data directory watches for anything written outside it, and the files the
// engine keeps secret (admin-token, engine.db) must never come back in a reply.

let bed: SecurityBed;
let outside: string;
let adminTokenFile: string;

beforeAll(async () => {
  bed = await startSecurityBed();
  outside = mkdtempSync(join(tmpdir(), 'scenedock-outside-'));
  adminTokenFile = readFileSync(join(bed.engine.dataDir, 'admin-token'), 'utf8');
});
afterAll(async () => {
  await bed.engine.dispose();
  rmSync(outside, { recursive: true, force: true });
});

/** A request with the path exactly as given: fetch would resolve `..` segments before sending. */
function raw(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(bed.engine.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const hostile = (target: string): string[] => [
  '../escaped.png', 'a/../../escaped.png', '../../../../../../../../tmp/escaped.png', `${target}/escaped.png`, '/etc/passwd',
  '..\\..\\escaped.png', 'C:\\escaped.png', 'nul\u0000byte.png', 'a//b.png', './a.png', '..',
];

describe('file ids and object keys', () => {
  it('refuses ids with "..", ".", empty segments, backslashes or control characters; keeps encoded ones as plain names', async () => {
    const refused: string[] = [];
    for (const id of hostile(outside)) {
      const post = await bed.call('POST', '/am/v1/assets/temporary_upload_url/', bed.writerA, { asset_type: 'images' }, { ids: [id] });
      const multipart = await bed.call('POST', '/am/v1/assets/multipart_upload_id', bed.writerA, { asset_type: 'images' }, { id });
      if (post.status === 400 && multipart.status === 400) refused.push(id);
      expect(post.status, `${id}: ${post.text}`).toBe(400);
      expect(multipart.status, `${id}: ${multipart.text}`).toBe(400);
    }
    expect(refused).toHaveLength(hostile(outside).length);
    // Encoded dots are no path to anyone: the key keeps them literally, and the bytes land in blobs/.
    for (const id of ['%2e%2e%2fencoded.png', '..%2fencoded.png', '....png', '..hidden.png']) {
      const res = await bed.call('POST', '/am/v1/assets/temporary_upload_url/', bed.writerA, { asset_type: 'images' }, { ids: [id] });
      expect(res.status, res.text).toBe(200);
      const entry = (res.json as Record<string, { url: string; fields: Record<string, string>; uri: string }>)[id];
      expect(entry?.uri).toBe(`s3://scenedock/${bed.orgA}/${id}`);
      expect(await pyFormUpload(entry?.url ?? '', entry?.fields ?? {}, new TextEncoder().encode(`planted ${id}`))).toBe(204);
    }
    expect(readdirSync(outside)).toEqual([]);
    const dataFiles = filesUnder(bed.engine.dataDir).map((f) => relative(bed.engine.dataDir, f));
    expect(dataFiles.filter((f) => /escaped|encoded|hidden/.test(f))).toEqual([]);
    expect(dataFiles.every((f) => /^(engine\.db(-wal|-shm)?|admin-token|blobs\/[0-9a-f]{2}\/[0-9a-f-]{36}(\/\d+)?|uploads\/[0-9a-f-]{36}\/.*|tmp\/.*)$/.test(f)), dataFiles.join('\n')).toBe(true);
  });

  it('a storage URL whose key climbs out of the bucket reads nothing, with or without encoding', async () => {
    for (const path of [
      '/storage/objects/scenedock/../../admin-token', '/storage/objects/scenedock/..%2F..%2Fadmin-token', '/storage/objects/scenedock/%2e%2e/%2e%2e/engine.db',
      '/storage/objects/..%2F..%2F/admin-token', `/storage/objects/scenedock/${encodeURIComponent(join(bed.engine.dataDir, 'admin-token'))}`,
      '/storage/objects/scenedock/a%00b', '/storage/parts/..%2F..%2Ftmp/1?expires=9999999999&signature=x', '/storage/parts/%2e%2e/1',
    ]) {
      for (const method of ['GET', 'HEAD', 'PUT']) {
        const res = await raw(method, path);
        expect(res.status, `${method} ${path}: ${res.text}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expect(res.text).not.toContain(adminTokenFile.trim());
        expect(res.text).not.toContain('SQLite format');
      }
    }
    expect(readFileSync(join(bed.engine.dataDir, 'admin-token'), 'utf8')).toBe(adminTokenFile);
  });
});

describe('ids in route paths', () => {
  const ids = ['..%2F..%2Fadmin-token', '%2e%2e%2f%2e%2e%2fengine.db', '..%5C..%5Cengine.db', '%2Fetc%2Fpasswd', 'a%00b', '..', '%2e%2e'];
  const routes = (id: string): [string, string, string?][] => [
    ['GET', `/am/v1/assets/meta/${id}?asset_type=images`],
    ['DELETE', `/am/v1/assets/${id}?asset_type=images`],
    ['GET', `/am/v1/assets/${id}?asset_type=images&return_url=True`],
    ['PUT', `/am/v1/assets/copy/${id}?asset_type=images&new_id=${id}`],
    ['GET', `/v1/images/meta/${id}`],
    ['GET', `/v1/sets/${id}/status`],
    ['DELETE', `/v1/sets/delete_set/${id}`],
    ['POST', `/v1/sets/${id}/zip_all_assets`],
    ['GET', `/v1/session_manager/resolution_status/${id}`],
    ['DELETE', `/v1/session_manager/delete_session/${id}`],
    ['GET', `/am/v1/jobs/status/${id}`],
    ['PUT', `/am/v1/jobs/resubmit/${id}`],
    ['DELETE', `/identity_manager/user/${id}`],
    ['DELETE', `/identity_manager/organization/${id}`],
  ];

  it('never reach a file, never fail with a 5xx, and leave the data directory\'s files in place', async () => {
    const problems: string[] = [];
    for (const id of ids) {
      for (const [method, path] of routes(id)) {
        const sep = path.includes('?') ? '&' : '?';
        const res = await raw(method, `${path}${sep}token=${bed.superToken}`);
        if (res.status >= 500 || res.status < 400) problems.push(`${method} ${path} -> ${res.status} ${res.text.slice(0, 200)}`);
        if (res.text.includes(adminTokenFile.trim()) || res.text.includes('SQLite format')) problems.push(`${method} ${path} returned a secret file`);
      }
    }
    expect(problems).toEqual([]);
    for (const name of ['admin-token', 'engine.db']) expect(statSync(join(bed.engine.dataDir, name)).size).toBeGreaterThan(0);
    expect(readFileSync(join(bed.engine.dataDir, 'admin-token'), 'utf8')).toBe(adminTokenFile);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('object URIs and folders that climb out of the organization name nothing', async () => {
    const key = (k: string) => ({ uri: `s3://scenedock/${k}` });
    for (const access of [key(`${bed.orgA}/../${bed.orgB}/x`), key(`../${bed.orgA}/${bed.data.fileId}`), key(`${bed.orgB}/../${bed.orgA}/${bed.data.fileId}`), { uri: `file://${join(bed.engine.dataDir, 'admin-token')}` }]) {
      const res = await bed.call('POST', '/am/v1/storage/url_from_object_access', bed.adminB, {}, access);
      expect(res.status, `${access.uri}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.text).not.toContain('signature=');
    }
    const listed = await bed.call('POST', '/am/v1/storage/list_objects', bed.adminB, {}, { bucket: 'scenedock', folder: `../${bed.orgA}` });
    expect(listed.json).toEqual([]);
    const recording = await bed.call('POST', '/v1/indexing/index_recording', bed.adminB, {}, { uri: `s3://scenedock/../${bed.orgA}` });
    expect(recording.status).toBeGreaterThanOrEqual(400);
    expect(recording.status).toBeLessThan(500);
  });
});
