import type { JobContext } from '../jobs/JobService';

/** Notes past this many are counted, not written: a job document must stay small enough to poll. */
const MAX_ITEM_NOTES = 100;

/**
 * Per-item bookkeeping of a job: one bad item is noted and the others go on. A job in which every
 * attempted item failed ends aborted (the client then shows the notes); otherwise it finishes.
 */
export class ItemReport {
  readonly #ctx: JobContext;
  #done = 0;
  #failed = 0;
  #skipped = 0;
  #firstError: string | undefined;

  public constructor(ctx: JobContext) {
    this.#ctx = ctx;
  }

  public ok(count = 1): void {
    this.#done += count;
  }

  public skip(item: string, reason: string): void {
    this.#skipped += 1;
    this.#note(`skipped ${item}: ${reason}`);
  }

  public fail(item: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#failed += 1;
    this.#firstError ??= `${item}: ${message}`;
    this.#note(`failed ${item}: ${message}`);
  }

  public counts(): { done: number; failed: number; skipped: number } {
    return { done: this.#done, failed: this.#failed, skipped: this.#skipped };
  }

  /** Writes the summary note; throws (aborting the job) when items failed and none succeeded. */
  public finish(summary: string): void {
    const notesLeftOut = this.#failed + this.#skipped - MAX_ITEM_NOTES;
    this.#ctx.note(`${summary} (${this.#done} done, ${this.#failed} failed, ${this.#skipped} skipped${notesLeftOut > 0 ? `; ${notesLeftOut} item notes left out` : ''})`);
    if (this.#failed > 0 && this.#done === 0) throw new Error(`every item failed; first: ${this.#firstError ?? 'unknown'}`);
  }

  #note(text: string): void {
    if (this.#failed + this.#skipped <= MAX_ITEM_NOTES) this.#ctx.note(text);
  }
}
