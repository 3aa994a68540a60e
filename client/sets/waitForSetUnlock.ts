import { setTimeout as sleep } from 'node:timers/promises';
import { SetLockTimeoutError, SetsError } from '../errors/SetsError';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import { pathSegment } from '../http/pathSegment';
import { setWire } from './setWire';

export interface LockWaitOptions {
  /** Wait for a locked set to unlock (default true); false refuses at once with `SetsError`. */
  waitForAvailability?: boolean;
  /** How long to wait for the lock (default 30 s, the Python client's). */
  timeoutMs?: number;
  /** Between two reads of the lock (default 1 s, the Python client's). */
  pollIntervalMs?: number;
}

export const isSetLocked = async (http: SceneBoxHttp, setId: string): Promise<boolean> =>
  (await http.get(`/v1/sets/${pathSegment(setId)}/lock`, { schema: setWire.locked })).locked;

/**
 * Returns once the set is unlocked, as the Python client does before changing a set's members.
 * The engine refuses a locked set too (409), so this only spares a refused request; the deadline
 * is measured by this loop's clock.
 */
export async function waitForSetUnlock(http: SceneBoxHttp, setId: string, options: LockWaitOptions = {}, now: () => number = Date.now): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const interval = options.pollIntervalMs ?? 1000;
  const deadline = now() + timeoutMs;
  for (;;) {
    if (!(await isSetLocked(http, setId))) return;
    if (options.waitForAvailability === false) throw new SetsError(setId, 'is locked');
    if (now() + interval > deadline) throw new SetLockTimeoutError(setId, `still locked after ${timeoutMs} ms`);
    await sleep(interval);
  }
}
