import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeMatrix } from './routeMatrix';
import { startSecurityBed, type SecurityBed } from './startSecurityBed';

// The engine logs at debug level into a captured stream while every route is called with the
// token in `?token=` (the Python client) and in `Authorization: Bearer` (ours), including wrong
// tokens, failures and presigned storage URLs: no token or signature may appear in any line.

let bed: SecurityBed;

beforeAll(async () => {
  bed = await startSecurityBed();
});
afterAll(async () => {
  await bed.engine.dispose();
});

async function bearer(method: string, path: string, token: string, body?: unknown): Promise<number> {
  const res = await fetch(`${bed.engine.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('tokens never reach the log', () => {
  it('logs every request, with ?token= and Bearer, and no line holds a token, a wrong token or a signature', async () => {
    const wrongToken = 'wrong-token-0123456789abcdef';
    const cases = routeMatrix({ orgA: bed.orgA, data: bed.data, sha256: '0'.repeat(64) });
    const statuses = new Set<number>();
    for (const c of cases) {
      // Writes only by callers they are refused to (a read-only user, a wrong token): the data stays as seeded.
      for (const token of c.write ? [bed.readerA, wrongToken] : [bed.adminA, bed.readerA, bed.adminB, wrongToken]) {
        statuses.add((await bed.call(c.method, c.path, token, c.params, c.body)).status);
        const query = new URLSearchParams(Object.entries(c.params ?? {}).map(([k, v]) => [k, String(v)])).toString();
        statuses.add(await bearer(c.method, `${c.path}${query ? `?${query}` : ''}`, token, c.body));
      }
    }
    // A presigned download: its signature is a bearer credential too.
    const link = await bed.call('GET', `/am/v1/assets/${bed.data.imageId}`, bed.adminA, { asset_type: 'images', return_url: true });
    const url = new URL((link.json as { url: string }).url);
    expect((await fetch(url)).status).toBe(200);
    const signature = url.searchParams.get('signature') ?? '';
    expect(signature.length).toBeGreaterThan(20);
    // Both spellings at once, and a token sent as a form field of a route that does not take one.
    statuses.add(await bearer('GET', `/auth?token=${encodeURIComponent(bed.adminB)}`, bed.adminA));
    statuses.add((await bed.call('GET', '/no/such/route', bed.adminA)).status);
    // The run reached successes, refusals and failures alike.
    expect([...statuses]).toEqual(expect.arrayContaining([200, 401, 403, 404]));

    const lines = bed.logLines();
    const requestLines = lines.filter((l) => l.includes('"msg":"request"'));
    expect(requestLines.length).toBeGreaterThan(cases.length * 4);
    expect(requestLines.some((l) => l.includes('token=[redacted]'))).toBe(true);
    const secrets = { adminA: bed.adminA, readerA: bed.readerA, adminB: bed.adminB, superuser: bed.superToken, wrong: wrongToken, signature };
    const leaks = Object.entries(secrets).flatMap(([who, secret]) =>
      lines.filter((l) => l.includes(secret) || l.includes(encodeURIComponent(secret))).map((l) => `${who}: ${l.slice(0, 300)}`));
    expect(leaks).toEqual([]);
  });
});
