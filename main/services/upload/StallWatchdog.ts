/** The request made no progress for too long; it is aborted and retried like a network error. */
export class StallError extends Error {
  public constructor(ms: number) {
    super(`no byte acknowledged for ${Math.round(ms / 1000)} s`);
    this.name = 'StallError';
  }
}

/**
 * Aborts a request when no progress was reported for `stallMs`: a connection that hangs without
 * failing (a sleeping laptop, a proxy that stops forwarding) would otherwise wait forever.
 */
export class StallWatchdog {
  readonly #controller = new AbortController();
  readonly #stallMs: number;
  #timer: NodeJS.Timeout;

  public constructor(stallMs: number, parent?: AbortSignal) {
    this.#stallMs = stallMs;
    this.#timer = setTimeout(() => this.#fire(), stallMs);
    if (parent) {
      if (parent.aborted) this.#controller.abort(parent.reason);
      else parent.addEventListener('abort', () => this.#controller.abort(parent.reason), { once: true });
    }
  }

  public get signal(): AbortSignal {
    return this.#controller.signal;
  }

  public progress(): void {
    this.#timer.refresh();
  }

  public dispose(): void {
    clearTimeout(this.#timer);
  }

  #fire(): void {
    this.#controller.abort(new StallError(this.#stallMs));
  }
}
