interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Turns many one-item calls into few batch calls without adding latency: a call made while the
 * engine is idle goes out at once (with whatever joined it in the same turn of the event loop);
 * calls made while a batch is in flight wait for it and then go out together, up to `max` per
 * batch. Under load, batches grow by themselves; alone, an item waits for nothing. The batch
 * function answers one output per input, in order; when it throws, every call of that batch
 * rejects with its error (each caller decides, as it would for its own request).
 */
export class Coalescer<I, O> {
  readonly #run: (inputs: readonly I[]) => Promise<readonly O[]>;
  readonly #max: number;
  #waiting: Waiting<I, O>[] = [];
  #inFlight = false;
  #scheduled = false;

  public constructor(run: (inputs: readonly I[]) => Promise<readonly O[]>, max = 100) {
    this.#run = run;
    this.#max = max;
  }

  public call(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#waiting.push({ input, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight || this.#waiting.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  /** Runs from #schedule only, which never schedules while a batch is in flight. */
  async #flush(): Promise<void> {
    const batch = this.#waiting.splice(0, this.#max);
    if (batch.length === 0) return;
    this.#inFlight = true;
    try {
      const outputs = await this.#run(batch.map((w) => w.input));
      if (outputs.length !== batch.length) throw new Error(`a batch of ${batch.length} answered ${outputs.length} results`);
      batch.forEach((w, i) => w.resolve(outputs[i] as O));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.#inFlight = false;
      this.#schedule();
    }
  }
}
