import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient';
import { startTestEngine, type TestEngine } from '../helpers/startTestEngine';

// `GET /am/v1/assets/:id` redirects to an asset's bytes. An asset whose bytes live elsewhere
// carries `object_access.url`, written by any writer of the organization: a browser that follows
// the redirect must never land on a script, data or local-file address.

describe('the asset download redirect', () => {
  let engine: TestEngine;
  const docs = {
    web: 'https://example.com/frames/0001.png',
    script: 'javascript:alert(document.cookie)',
    inline: 'data:text/html,<script>alert(1)</script>',
    local: 'file:///etc/passwd',
  };

  beforeAll(async () => {
    engine = await startTestEngine();
    const images = connectClient(engine).client.getAssetManager('images');
    for (const [id, url] of Object.entries(docs)) await images.putAsset({ id, object_access: { url, filename: `${id}.png` } });
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  const get = (id: string, returnUrl: boolean) => fetch(`${engine.url}/am/v1/assets/${id}?asset_type=images&token=${engine.adminToken}&return_url=${returnUrl ? 'True' : 'False'}`, { redirect: 'manual' });

  it('sends a browser to an http(s) address', async () => {
    const res = await get('web', false);
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe(docs.web);
  });

  it('refuses to redirect to javascript:, data: and file: addresses, naming the asset; return_url still reads them as data', async () => {
    for (const id of ['script', 'inline', 'local'] as const) {
      const res = await get(id, false);
      expect(res.status, id).toBe(400);
      expect(res.headers.get('location'), id).toBeNull();
      expect(await res.text(), id).toContain(`asset ${id} has an object_access.url that is not an http(s) address`);
      const asked = await get(id, true);
      expect(asked.status, id).toBe(200);
      expect(await asked.json(), id).toEqual({ url: docs[id] });
    }
  });
});
