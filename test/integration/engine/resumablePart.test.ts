import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pyRequest } from '../../helpers/pythonStyleRequest';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

// SceneDock extension: a part whose upload was cut keeps the bytes that arrived, and the client
// sends only the rest (header x-scenedock-resume-from), so a kill re-sends less than one part.

let engine: TestEngine;
const params = () => ({ asset_type: 'rosbags', token: engine.adminToken });

beforeAll(async () => { engine = await startTestEngine(); });
afterAll(async () => { await engine.dispose(); });

/** Sends `sent` bytes of a declared longer body, then drops the connection like a killed process. */
function cutUpload(url: string, declared: number, sent: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'PUT', headers: { 'content-length': declared } });
    req.on('error', () => resolve());
    req.write(sent, () => setTimeout(() => { req.destroy(); resolve(); }, 200));
  });
}

async function partialSize(uploadId: string): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const listed = (await pyRequest('GET', `${engine.url}/am/v1/assets/multipart_parts`, { ...params(), upload_id: uploadId })).json as { partial: { PartNumber: number; Size: number }[] };
    const size = listed.partial.find((p) => p.PartNumber === 1)?.Size;
    if (size !== undefined) return size;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the engine kept no partial part');
}

describe('resumable parts', () => {
  it('keeps what arrived of a cut part and completes it from the offset', async () => {
    const am = `${engine.url}/am/v1`;
    const part = randomBytes(3 * 1024 * 1024);
    const { upload_id: uploadId } = (await pyRequest('POST', `${am}/assets/multipart_upload_id/`, params(), { id: 'cut.bin' })).json as { upload_id: string };
    const { url } = (await pyRequest('POST', `${am}/assets/multipart_temporary_upload_url/`, params(), { id: 'cut.bin', part_no: 1, upload_id: uploadId })).json as { url: string };
    await cutUpload(url, part.length, part.subarray(0, 2 * 1024 * 1024));
    const held = await partialSize(uploadId);
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(2 * 1024 * 1024);

    const wrong = await fetch(url, { method: 'PUT', headers: { 'x-scenedock-resume-from': String(held + 1) }, body: part.subarray(held + 1) });
    expect(wrong.status).toBe(409);

    const rest = await fetch(url, { method: 'PUT', headers: { 'x-scenedock-resume-from': String(held) }, body: part.subarray(held) });
    expect(rest.status).toBe(200);
    expect(rest.headers.get('etag')).toBe(`"${createHash('sha256').update(part).digest('hex')}"`);
    const done = await pyRequest('POST', `${am}/assets/multipart_complete/`, params(), { id: 'cut.bin', upload_id: uploadId, parts: [{ PartNumber: 1, ETag: rest.headers.get('etag') }] });
    expect(done.json).toMatchObject({ size: part.length, sha256: createHash('sha256').update(part).digest('hex') });
  });

  it('a fresh try of a part replaces the interrupted bytes', async () => {
    const am = `${engine.url}/am/v1`;
    const part = randomBytes(1024 * 1024);
    const { upload_id: uploadId } = (await pyRequest('POST', `${am}/assets/multipart_upload_id/`, params(), { id: 'again.bin' })).json as { upload_id: string };
    const { url } = (await pyRequest('POST', `${am}/assets/multipart_temporary_upload_url/`, params(), { id: 'again.bin', part_no: 1, upload_id: uploadId })).json as { url: string };
    await cutUpload(url, part.length, randomBytes(512 * 1024));
    await partialSize(uploadId);
    const full = await fetch(url, { method: 'PUT', body: part });
    expect(full.headers.get('etag')).toBe(`"${createHash('sha256').update(part).digest('hex')}"`);
    const listed = (await pyRequest('GET', `${am}/assets/multipart_parts`, { ...params(), upload_id: uploadId })).json as { partial: unknown[]; parts: { Size: number }[] };
    expect(listed.partial).toEqual([]);
    expect(listed.parts).toEqual([expect.objectContaining({ Size: part.length })]);
  });
});
