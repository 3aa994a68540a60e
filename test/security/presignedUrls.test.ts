import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Presigner } from '../../engine/storage/Presigner';
import { pyFormUpload } from '../helpers/pythonStyleRequest';
import { MARK, startSecurityBed, type SecurityBed } from './startSecurityBed';

// Storage URLs carry no token: the signature is the only credential. A URL changed in any part
// (signature, expiry, object, upload, part number) is refused with 403, and so is a URL signed with
// the engine's own key whose time has passed (minted with the engine's Presigner and a clock set
// back, the one fake here: it stands for waiting twelve hours).

let bed: SecurityBed;
let download: URL;

beforeAll(async () => {
  bed = await startSecurityBed();
  const link = await bed.call('GET', `/am/v1/assets/${bed.data.imageId}`, bed.adminA, { asset_type: 'images', return_url: true });
  download = new URL((link.json as { url: string }).url);
});
afterAll(async () => {
  await bed.engine.dispose();
});

/** The engine's own signer, with a clock `hoursAgo` in the past. */
function signerFromThePast(hoursAgo: number): Presigner {
  const row = bed.engine.services.db.prepare("SELECT value FROM settings WHERE key = 'signing_secret'").get() as { value: string };
  const past = Date.now() - hoursAgo * 3600_000;
  return new Presigner(Buffer.from(row.value, 'base64'), () => past);
}

const status = async (url: URL | string, init?: RequestInit): Promise<number> => {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return res.status;
};

const variant = (url: URL, change: (u: URL) => void): URL => {
  const copy = new URL(url);
  change(copy);
  return copy;
};

describe('presigned downloads', () => {
  it('the URL as handed out works, and serves org A\'s bytes', async () => {
    const res = await fetch(download);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`bytes of ${MARK}`);
  });

  it('refuses a changed signature, expiry, bucket or key, and a URL without signature', async () => {
    const signature = download.searchParams.get('signature') ?? '';
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const expires = Number(download.searchParams.get('expires'));
    const tampered = [
      variant(download, (u) => u.searchParams.set('signature', flipped)),
      variant(download, (u) => u.searchParams.set('expires', String(expires + 3600))),
      variant(download, (u) => u.searchParams.delete('signature')),
      variant(download, (u) => u.searchParams.set('signature', '')),
      variant(download, (u) => { u.pathname = u.pathname.replace('/scenedock/', '/otherbucket/'); }),
      variant(download, (u) => { u.pathname = u.pathname.replace(`${MARK}_img.png`, `${MARK}_other.png`); }),
      variant(download, (u) => { u.pathname = u.pathname.replace(bed.orgA, bed.orgB); }),
    ];
    for (const url of tampered) expect(await status(url), url.toString()).toBe(403);
  });

  it('refuses a URL the engine signed whose time has passed, with GET and HEAD', async () => {
    const signer = signerFromThePast(13);
    const expires = signer.expiry(3600);
    const key = `${bed.orgA}/${bed.data.fileId}`;
    const signature = signer.sign(`GET\nscenedock/${key}\n${expires}`);
    const expired = variant(download, (u) => {
      u.searchParams.set('expires', String(expires));
      u.searchParams.set('signature', signature);
    });
    expect(await status(expired)).toBe(403);
    expect(await status(expired, { method: 'HEAD' })).toBe(403);
    // The same signer, one whose time has not passed: the refusal above was for the time alone.
    const fresh = signerFromThePast(0);
    const later = fresh.expiry(3600);
    const valid = variant(download, (u) => {
      u.searchParams.set('expires', String(later));
      u.searchParams.set('signature', fresh.sign(`GET\nscenedock/${key}\n${later}`));
    });
    expect(await status(valid)).toBe(200);
  });
});

describe('presigned uploads', () => {
  async function postUrl(fileId: string): Promise<{ url: string; fields: Record<string, string>; uri: string }> {
    const res = await bed.call('POST', '/am/v1/assets/temporary_upload_url/', bed.writerA, { asset_type: 'images' }, { ids: [fileId] });
    const entry = (res.json as Record<string, { url: string; fields: Record<string, string>; uri: string }>)[fileId];
    if (!entry) throw new Error(res.text);
    return entry;
  }

  it('a form post with a policy changed to another key or organization, or expired, stores nothing', async () => {
    const entry = await postUrl('form.png');
    const [body = '', signature = ''] = (entry.fields.policy ?? '').split('.');
    const policy = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = (changes: Record<string, unknown>): string => `${Buffer.from(JSON.stringify({ ...policy, ...changes })).toString('base64url')}.${signature}`;
    const bytes = new TextEncoder().encode('planted');
    expect(await pyFormUpload(entry.url, { key: entry.fields.key ?? '', policy: forged({ key: `${bed.orgB}/form.png` }) }, bytes)).toBe(403);
    expect(await pyFormUpload(entry.url, { key: `${bed.orgB}/form.png`, policy: forged({ key: `${bed.orgB}/form.png`, organizationId: bed.orgB }) }, bytes)).toBe(403);
    expect(await pyFormUpload(entry.url, { key: `${bed.orgA}/other.png`, policy: entry.fields.policy ?? '' }, bytes)).toBe(403);
    expect(await pyFormUpload(entry.url, { key: entry.fields.key ?? '', policy: forged({ expires: Number(policy.expires) + 3600 }) }, bytes)).toBe(403);
    const signer = signerFromThePast(13);
    const old = Buffer.from(JSON.stringify({ ...policy, expires: signer.expiry(3600) })).toString('base64url');
    expect(await pyFormUpload(entry.url, { key: entry.fields.key ?? '', policy: `${old}.${signer.sign(`POST\n${old}`)}` }, bytes)).toBe(403);
    const listed = await bed.call('POST', '/am/v1/storage/list_objects', bed.adminB, {}, { bucket: 'scenedock', folder: '' });
    expect(listed.json).toEqual([]);
    const mine = await bed.call('POST', '/am/v1/storage/list_objects', bed.adminA, {}, { bucket: 'scenedock', folder: '' });
    expect((mine.json as { key: string }[]).map((o) => o.key)).not.toContain('form.png');
    // The untouched policy still works: the refusals above were for the changes.
    expect(await pyFormUpload(entry.url, entry.fields, bytes)).toBe(204);
  });

  it('a part URL moved to another part, another upload, or past its time is refused', async () => {
    const created = await bed.call('POST', '/am/v1/assets/multipart_upload_id', bed.writerA, { asset_type: 'images' }, { id: 'parts.bin' });
    const uploadId = (created.json as { upload_id: string }).upload_id;
    const signed = await bed.call('POST', '/am/v1/assets/multipart_temporary_upload_url', bed.writerA, { asset_type: 'images' }, { id: 'parts.bin', part_no: 1, upload_id: uploadId });
    const url = new URL((signed.json as { url: string }).url);
    const put = (u: URL): Promise<number> => status(u, { method: 'PUT', body: new Uint8Array(16) });
    expect(await put(variant(url, (u) => { u.pathname = u.pathname.replace(/\/1$/, '/2'); }))).toBe(403);
    expect(await put(variant(url, (u) => { u.pathname = u.pathname.replace(uploadId, bed.data.uploadId); }))).toBe(403);
    expect(await put(variant(url, (u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 1))))).toBe(403);
    const signer = signerFromThePast(13);
    const expires = signer.expiry(3600);
    expect(await put(variant(url, (u) => {
      u.searchParams.set('expires', String(expires));
      u.searchParams.set('signature', signer.sign(`PUT\n${uploadId}\n1\n${expires}`));
    }))).toBe(403);
    const parts = await bed.call('GET', '/am/v1/assets/multipart_parts', bed.writerA, { asset_type: 'images', upload_id: uploadId });
    expect(parts.json).toMatchObject({ parts: [], partial: [] });
    expect(await put(url)).toBe(200);
  });
});
