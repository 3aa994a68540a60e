import type { Overview } from '../../shared/ipc/viewModels';

/** How a batch ended: every file done, or some failed or were rejected. */
export interface BatchOutcome {
  kind: 'finished' | 'failed';
  done: number;
  failed: number;
  bytes: number;
}

interface BatchStart {
  done: number;
  failed: number;
  doneBytes: number;
}

/**
 * Turns the stream of overviews into batches: a batch starts when something is waiting or moving
 * and ends when nothing is. The tray, the taskbar progress and the OS notification all read from
 * here, so they agree on what "this batch" means.
 */
export class BatchTracker {
  #start: BatchStart | undefined;
  #last: BatchOutcome | undefined;

  /** Feeds one overview; returns the outcome when this overview ends a batch. */
  public update(overview: Overview): BatchOutcome | undefined {
    const active = overview.waiting.files + overview.moving.files > 0;
    if (active && !this.#start) {
      this.#start = { done: overview.done.files, failed: overview.failed.files, doneBytes: overview.done.bytes };
      this.#last = undefined;
      return undefined;
    }
    if (active || !this.#start) return undefined;
    const start = this.#start;
    this.#start = undefined;
    const done = overview.done.files - start.done;
    const failed = Math.max(0, overview.failed.files - start.failed);
    if (done + failed <= 0) return undefined;
    this.#last = { kind: failed > 0 ? 'failed' : 'finished', done, failed, bytes: Math.max(0, overview.done.bytes - start.doneBytes) };
    return this.#last;
  }

  /** The outcome of the last finished batch, until the next one starts. */
  public lastOutcome(): BatchOutcome | undefined {
    return this.#last;
  }

  /** 0..1 of the current batch's bytes sent; undefined when no batch runs. */
  public progress(overview: Overview): number | undefined {
    if (!this.#start) return undefined;
    const sent = Math.max(0, overview.done.bytes - this.#start.doneBytes);
    const left = overview.waiting.bytes + overview.moving.bytes;
    return sent + left > 0 ? sent / (sent + left) : 0;
  }
}
