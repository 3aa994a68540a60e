import { describe, expect, it } from 'vitest';
import { JobFailedError } from '../errors/JobFailedError';
import { JobTimeoutError } from '../errors/JobTimeoutError';
import { pollJob } from './pollJob';

type State = { status: 'queued' | 'running' | 'finished' | 'aborted'; notes?: string[]; stage?: string };

function reads(states: State[]): () => Promise<State> {
  let i = 0;
  return async () => states[Math.min(i++, states.length - 1)] ?? { status: 'queued' };
}

describe('pollJob', () => {
  it('reads until finished', async () => {
    const read = reads([{ status: 'queued' }, { status: 'running' }, { status: 'finished' }]);
    expect(await pollJob('j', read, { pollIntervalMs: 0 })).toEqual({ status: 'finished' });
  });

  it('throws the notes of an aborted job', async () => {
    const failure = pollJob('j', reads([{ status: 'running' }, { status: 'aborted', stage: 'Error :x', notes: ['a', 'disk full'] }]), { pollIntervalMs: 0 });
    await expect(failure).rejects.toBeInstanceOf(JobFailedError);
    await expect(failure).rejects.toThrow('job j was aborted: disk full');
  });

  it('gives up by its own clock', async () => {
    let now = 0;
    const read = async (): Promise<State> => {
      now += 400;
      return { status: 'running' };
    };
    await expect(pollJob('j', read, { pollIntervalMs: 0, timeoutMs: 1000 }, () => now)).rejects.toBeInstanceOf(JobTimeoutError);
    expect(now).toBe(1200);
  });
});
