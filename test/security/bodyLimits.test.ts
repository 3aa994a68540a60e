import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecurityBed, type SecurityBed } from './startSecurityBed';

// Oversized bodies are refused with 413 before they are stored or parsed: JSON past the engine's
// limit (sent, or only announced by Content-Length), form fields past theirs, and upload parts
// announcing more than a part may hold. Nothing of a refused body is kept.

const MiB = 1024 * 1024;
/** engine/http/createEngineApp.ts: JSON_BODY_LIMIT. */
const JSON_LIMIT = 64 * MiB;
/** S3's largest part, which the engine's part route also holds to. */
const PART_LIMIT = 5 * 1024 * MiB;

let bed: SecurityBed;

beforeAll(async () => {
  bed = await startSecurityBed();
});
afterAll(async () => {
  await bed.engine.dispose();
});

/** Sends headers announcing `declared` bytes and only `sent` of them, then waits for the answer. */
function announce(method: string, path: string, declared: number, sent: number, contentType = 'application/json'): Promise<number> {
  const url = new URL(bed.engine.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { 'content-type': contentType, 'content-length': declared } }, (res) => {
      res.resume();
      res.on('end', () => {
        // The rest of the announced body will never come: close, or the engine waits for it.
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
    });
    // The engine may answer and close before the body is done: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    req.write(Buffer.alloc(sent, 0x20));
  });
}

describe('oversized bodies', () => {
  it('a JSON body past the limit is a 413, sent in full or only announced, and nothing is written', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `big_${i}`);
    const padding = 'x'.repeat(JSON_LIMIT);
    const res = await bed.call('POST', '/am/v1/assets/meta_batch/', bed.writerA, { asset_type: 'images', replace: true }, { ids, metadata: ids.map(() => ({ padding: padding.slice(0, JSON_LIMIT / 900) })) });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ error: 'payload_too_large' });
    const count = await bed.call('POST', '/am/v1/assets/count', bed.adminA, { asset_type: 'images' }, { filters: [{ field: 'id', values: ['big_0'] }] });
    expect(count.json).toBe(0);
    expect(await announce('POST', `/am/v1/assets/meta_batch/?asset_type=images&token=${bed.writerA}`, JSON_LIMIT + 1, 1024)).toBe(413);
    // Just under the limit is accepted: the 413 above was for the size.
    const small = await bed.call('POST', '/am/v1/assets/meta_batch/', bed.writerA, { asset_type: 'images', replace: true }, { ids: ['big_ok'], metadata: [{ padding: 'x'.repeat(MiB) }] });
    expect(small.status).toBe(200);
  });

  it('a form field past 64 KiB is a 413, sent as a field or as a file part (the Python client\'s way), and the file is not stored', async () => {
    const res = await bed.call('POST', '/am/v1/assets/temporary_upload_url/', bed.writerA, { asset_type: 'images' }, { ids: ['field.png'] });
    const entry = (res.json as Record<string, { url: string; fields: Record<string, string> }>)['field.png'];
    const big = `${entry?.fields.policy ?? ''}${'p'.repeat(70 * 1024)}`;
    for (const asFile of [false, true]) {
      const form = new FormData();
      form.append('key', entry?.fields.key ?? '');
      if (asFile) form.append('policy', new Blob([big]), 'policy');
      else form.append('policy', big);
      form.append('file', new Blob([new Uint8Array(10)]), 'file');
      const upload = await fetch(entry?.url ?? '', { method: 'POST', body: form });
      await upload.arrayBuffer();
      expect(upload.status, asFile ? 'as a file part' : 'as a field').toBe(413);
    }
    const listed = await bed.call('POST', '/am/v1/storage/list_objects', bed.adminA, {}, { bucket: 'scenedock', folder: '' });
    expect((listed.json as { key: string }[]).map((o) => o.key)).not.toContain('field.png');
  });

  it('an upload part announcing more than 5 GiB is a 413 before a byte is stored', async () => {
    const created = await bed.call('POST', '/am/v1/assets/multipart_upload_id', bed.writerA, { asset_type: 'images' }, { id: 'huge.bin' });
    const uploadId = (created.json as { upload_id: string }).upload_id;
    const signed = await bed.call('POST', '/am/v1/assets/multipart_temporary_upload_url', bed.writerA, { asset_type: 'images' }, { id: 'huge.bin', part_no: 1, upload_id: uploadId });
    const url = new URL((signed.json as { url: string }).url);
    expect(await announce('PUT', `${url.pathname}${url.search}`, PART_LIMIT + 1, 64 * 1024, 'application/octet-stream')).toBe(413);
    const parts = await bed.call('GET', '/am/v1/assets/multipart_parts', bed.writerA, { asset_type: 'images', upload_id: uploadId });
    expect(parts.json).toMatchObject({ parts: [], partial: [] });
  });
});
