import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { BandwidthLimiter } from './BandwidthLimiter';

/** A clock that moves only when the limiter sleeps. */
function fakeClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => { t += ms; }, elapsed: () => t };
}

describe('BandwidthLimiter', () => {
  it('spreads bytes over time at the configured rate, after one second of burst', async () => {
    const clock = fakeClock();
    const limiter = new BandwidthLimiter(1_000_000, clock.now, clock.sleep);
    for (let i = 0; i < 100; i++) await limiter.take(100_000);
    // 10 MB at 1 MB/s with a full one-second bucket at the start: about 9 s.
    expect(clock.elapsed()).toBeGreaterThanOrEqual(8_900);
    expect(clock.elapsed()).toBeLessThanOrEqual(9_300);
  });

  it('shares one budget between concurrent takers', async () => {
    const clock = fakeClock();
    const limiter = new BandwidthLimiter(500_000, clock.now, clock.sleep);
    await Promise.all([0, 1, 2, 3].map(async () => { for (let i = 0; i < 10; i++) await limiter.take(50_000); }));
    // 2 MB at 0.5 MB/s, minus the first second's 0.5 MB: at least 3 s of clock.
    expect(clock.elapsed()).toBeGreaterThanOrEqual(2_900);
  });

  it('passes everything at once when unlimited, and the throttle stream keeps the bytes intact', async () => {
    const clock = fakeClock();
    const limiter = new BandwidthLimiter(0, clock.now, clock.sleep);
    await limiter.take(1e12);
    expect(clock.elapsed()).toBe(0);
    limiter.setRate(64 * 1024);
    const chunks: Buffer[] = [];
    const input = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    await pipeline(Readable.from([input.subarray(0, 70_000), input.subarray(70_000)]), limiter.throttle(), new Writable({
      write(chunk: Buffer, _e, done) { chunks.push(chunk); done(); },
    }));
    expect(Buffer.concat(chunks).equals(input)).toBe(true);
    expect(clock.elapsed()).toBeGreaterThan(1_000);
  });

  it('stops waiting when its signal aborts', async () => {
    const clock = fakeClock();
    const limiter = new BandwidthLimiter(10, clock.now, clock.sleep);
    const controller = new AbortController();
    controller.abort(new Error('paused'));
    await expect(limiter.take(1000, controller.signal)).rejects.toThrow('paused');
  });
});
