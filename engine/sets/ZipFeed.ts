import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';

/**
 * A yazl archive fed with bounded memory. yazl writes entries one after another but accepts any
 * number of them up front, holding each one's data until its turn; here every entry is lazy (its
 * bytes are produced when yazl reaches it) and the producer waits in `drain` while too many entries
 * are queued. Bytes flow out of `output` with stream backpressure, so neither the archive nor the
 * files in it are ever held whole in memory. The first error (a file that cannot be read, a
 * cancelled job) destroys `output`, which fails whatever is consuming it.
 */
export class ZipFeed {
  readonly output = new PassThrough();
  readonly #zip = new ZipFile();
  #queued = 0;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;
  #reading: Readable | undefined;

  public constructor() {
    this.#zip.on('error', (error: unknown) => this.fail(error));
    this.#zip.outputStream.on('error', (error: unknown) => this.fail(error));
    this.#zip.outputStream.pipe(this.output);
  }

  public get failure(): Error | undefined {
    return this.#failure;
  }

  /** Adds bytes held in memory (metadata JSON); deflated. */
  public addBytes(name: string, bytes: Buffer): void {
    this.#addLazy(name, { size: bytes.length, compress: true }, () => new PassThrough().end(bytes));
  }

  /** Adds a stored file, opened only when its turn comes; stored as is (media is compressed already). */
  public addStream(name: string, size: number, open: () => Readable): void {
    this.#addLazy(name, { size, compress: false }, open);
  }

  /** Resolves once at most `maxQueued` entries wait for their turn; rejects after a failure. */
  public async drain(maxQueued: number): Promise<void> {
    while (this.#queued > maxQueued && !this.#failure) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    if (this.#failure) throw this.#failure;
  }

  /** No more entries: yazl writes the central directory and ends `output`. */
  public end(): void {
    if (!this.#failure) this.#zip.end();
  }

  public fail(reason: unknown): void {
    if (this.#failure) return;
    this.#failure = reason instanceof Error ? reason : new Error(String(reason));
    this.output.destroy(this.#failure);
    this.#reading?.destroy();
    this.#wakeProducer();
  }

  #addLazy(name: string, options: { size: number; compress: boolean }, open: () => Readable): void {
    if (this.#failure) throw this.#failure;
    this.#queued += 1;
    this.#zip.addReadStreamLazy(name, options, (callback) => {
      this.#queued -= 1;
      this.#wakeProducer();
      let stream: Readable;
      try {
        stream = open();
      } catch (error) {
        this.fail(error);
        return;
      }
      // yazl pipes the stream without listening for its errors; unheard, a failed read would hang the archive.
      stream.on('error', (error) => this.fail(new Error(`cannot read ${name}: ${error.message}`)));
      this.#reading = stream;
      callback(null, stream);
    });
  }

  #wakeProducer(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
