import { describe, expect, it } from 'vitest';
import { batchNotification } from '../../../main/platform/batchNotification';
import { BatchTracker } from '../../../main/platform/BatchTracker';
import { trayStatus } from '../../../main/platform/trayStatus';
import type { Overview } from '../../../shared/ipc/viewModels';

const MiB = 1024 * 1024;

function overview(counts: { waiting?: number; moving?: number; done?: number; failed?: number; doneBytes?: number; leftBytes?: number }, extra: Partial<Overview> = {}): Overview {
  return {
    waiting: { files: counts.waiting ?? 0, bytes: counts.leftBytes ?? 0 }, moving: { files: counts.moving ?? 0, bytes: 0 },
    done: { files: counts.done ?? 0, bytes: counts.doneBytes ?? 0 }, failed: { files: counts.failed ?? 0, bytes: 0 },
    byState: {}, throughputBps: 0, etaSeconds: null, engine: { online: true, url: 'http://127.0.0.1:8765', mode: 'embedded' }, paused: false, ...extra,
  } as Overview;
}

describe('BatchTracker', () => {
  it('reports a finished batch once, with the files and bytes of that batch only', () => {
    const batches = new BatchTracker();
    expect(batches.update(overview({ done: 5, doneBytes: 50 * MiB }))).toBeUndefined();
    expect(batches.update(overview({ waiting: 3, done: 5, doneBytes: 50 * MiB, leftBytes: 30 * MiB }))).toBeUndefined();
    expect(batches.progress(overview({ waiting: 1, done: 7, doneBytes: 70 * MiB, leftBytes: 10 * MiB }))).toBeCloseTo(20 / 30, 6);
    expect(batches.update(overview({ done: 8, doneBytes: 80 * MiB }))).toEqual({ kind: 'finished', done: 3, failed: 0, bytes: 30 * MiB });
    expect(batches.update(overview({ done: 8, doneBytes: 80 * MiB }))).toBeUndefined();
    expect(batches.progress(overview({ done: 8 }))).toBeUndefined();
  });

  it('reports a batch with failures as failed, and keeps that outcome until the next batch', () => {
    const batches = new BatchTracker();
    batches.update(overview({ waiting: 2 }));
    expect(batches.update(overview({ done: 1, failed: 1 }))).toMatchObject({ kind: 'failed', done: 1, failed: 1 });
    expect(batches.lastOutcome()?.kind).toBe('failed');
    batches.update(overview({ waiting: 1, done: 1, failed: 1 }));
    expect(batches.lastOutcome()).toBeUndefined();
  });
});

describe('tray status and notifications', () => {
  it('says offline, paused, moving, attention or idle, in that order of importance', () => {
    expect(trayStatus(overview({ waiting: 2 }, { engine: { online: false, url: 'http://x', mode: 'remote' } }), undefined).state).toBe('offline');
    expect(trayStatus(overview({ waiting: 2 }, { paused: true }), undefined).state).toBe('paused');
    const moving = trayStatus(overview({ moving: 2, leftBytes: 3 * MiB }, { throughputBps: MiB, etaSeconds: 185 }), undefined);
    expect(moving).toEqual({ state: 'moving', tooltip: 'SceneDock: 2 to send (3.00 MiB) at 1.00 MiB/s, 3 min 05 s left' });
    expect(trayStatus(overview({ done: 4 }), { kind: 'failed', done: 3, failed: 1, bytes: 0 }).state).toBe('attention');
    expect(trayStatus(overview({ done: 4 }), undefined)).toEqual({ state: 'idle', tooltip: 'SceneDock: all done (4 files)' });
  });

  it('words a notification for a finished and a failed batch', () => {
    expect(batchNotification({ kind: 'finished', done: 1, failed: 0, bytes: 2 * MiB })).toEqual({ title: 'Upload finished', body: '1 file uploaded (2.00 MiB).' });
    expect(batchNotification({ kind: 'failed', done: 4, failed: 2, bytes: 0 }).title).toBe('2 files failed');
  });
});
