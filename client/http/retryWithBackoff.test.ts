import { describe, expect, it } from 'vitest';
import { ResponseError } from '../errors/ResponseError';
import { retryWithBackoff } from './retryWithBackoff';

const failure = (status: number) => new ResponseError({ status, serverMessage: 'x', code: undefined, method: 'PUT', url: 'http://h/p' });

describe('retryWithBackoff', () => {
  it('retries retryable failures, calling the attempt afresh each time', async () => {
    const tries: number[] = [];
    const result = await retryWithBackoff(async (n) => {
      tries.push(n);
      if (n < 2) throw failure(503);
      return 'ok';
    }, { baseMs: 1, maxMs: 2 });
    expect(result).toBe('ok');
    expect(tries).toEqual([0, 1, 2]);
  });

  it('gives up at once on a refusal, and after the retries on a busy server', async () => {
    let refused = 0;
    await expect(retryWithBackoff(async () => { refused += 1; throw failure(403); }, { baseMs: 1 })).rejects.toMatchObject({ status: 403 });
    expect(refused).toBe(1);
    let busy = 0;
    await expect(retryWithBackoff(async () => { busy += 1; throw failure(503); }, { retries: 2, baseMs: 1, maxMs: 1 })).rejects.toMatchObject({ status: 503 });
    expect(busy).toBe(3);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const run = retryWithBackoff(async () => {
      controller.abort(new Error('stop'));
      throw failure(503);
    }, { signal: controller.signal, baseMs: 60_000, maxMs: 60_000 });
    await expect(run).rejects.toMatchObject({ status: 503 });
  });
});
