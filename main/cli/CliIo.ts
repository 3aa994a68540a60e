import type { Writable } from 'node:stream';

/** What a command may touch of its process, so that tests can run commands in-process. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** Resolves on SIGINT or SIGTERM (long-running commands stop cleanly). */
  untilSignal(): Promise<void>;
}

export class CliUsageError extends Error {
  public readonly usage: string;

  public constructor(message: string, usage: string) {
    super(message);
    this.name = 'CliUsageError';
    this.usage = usage;
  }
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    untilSignal: () => new Promise((resolve) => {
      // Signal listeners hold no handle: an agent with nothing to watch and every timer unref'd
      // would otherwise see the event loop run dry and exit (code 13) instead of waiting.
      const keepAlive = setInterval(() => undefined, 1 << 30);
      const done = (): void => {
        clearInterval(keepAlive);
        process.off('SIGINT', done);
        process.off('SIGTERM', done);
        resolve();
      };
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    }),
  };
}
