import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from './seededRandom';
import { startTcpFaultProxy } from './startTcpFaultProxy';

// The fault proxy is itself test equipment: it must pass bytes intact when told to, and really
// break connections when told to, or the fault run proves nothing.

let server: Server;
let port: number;
beforeAll(async () => {
  // Echoes the sha256 and length of what it was sent.
  server = createServer((req, res) => {
    const hash = createHash('sha256');
    let size = 0;
    req.on('data', (c: Buffer) => {
      hash.update(c);
      size += c.length;
    });
    req.on('end', () => res.end(`${size} ${hash.digest('hex')}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const body = Buffer.alloc(3 * 1024 * 1024, 7);
const expected = `${body.length} ${createHash('sha256').update(body).digest('hex')}`;
const post = async (url: string): Promise<string> => (await fetch(url, { method: 'POST', body, headers: { connection: 'close' } })).text();

describe('startTcpFaultProxy', () => {
  it('passes every byte unchanged when no fault is planned', async () => {
    const proxy = await startTcpFaultProxy({ upstreamPort: port, random: seededRandom(1), rate: 0, cap: 10, maxOffset: body.length, stallMs: [10, 20] });
    try {
      for (let i = 0; i < 3; i++) expect(await post(proxy.url)).toBe(expected);
      expect(proxy.injected).toEqual({ drop: 0, stall: 0, reset: 0 });
    } finally {
      await proxy.close();
    }
  });

  it('breaks or stalls connections at seeded offsets, counts what fired, and stops at the cap', async () => {
    const proxy = await startTcpFaultProxy({ upstreamPort: port, random: seededRandom(7), rate: 1, cap: 6, maxOffset: body.length, stallMs: [50, 100] });
    try {
      const outcomes: string[] = [];
      for (let i = 0; i < 12; i++) outcomes.push(await post(proxy.url).then((text) => (text === expected ? 'intact' : 'altered'), () => 'broken'));
      const { drop, stall, reset } = proxy.injected;
      expect(drop + stall + reset).toBe(6);
      // A stall only delays; a drop or a reset breaks the request it hits.
      expect(outcomes.filter((o) => o === 'broken').length).toBe(drop + reset);
      expect(outcomes.filter((o) => o === 'altered')).toEqual([]);
      expect(outcomes.slice(-3)).toEqual(['intact', 'intact', 'intact']);
    } finally {
      await proxy.close();
    }
  });
});
