import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Span } from '../../sessions/sessionDoc';

/** One entity as the session module ingests it (the Python client's entity dict). */
export type EntityDict = Record<string, unknown> & { entity_name: string; timestamp: string };

/** Entities per ingest call: one transaction each. */
const INGEST_BATCH = 5000;

/**
 * Entities of an indexing job, kept in a scratch file until the recording has been read to the end:
 * nothing reaches the session before the job knows it will finish, and a long recording's
 * entities (an IMU at 100 Hz gives a thousand a second) never sit in memory. The file is JSON
 * lines, read back in batches by `ingest`.
 */
export class EntityStaging {
  readonly #path: string;
  readonly #out: WriteStream;
  #count = 0;
  readonly #names = new Set<string>();
  #span: Span | undefined;

  public constructor(path: string) {
    this.#path = path;
    this.#out = createWriteStream(path, { flags: 'w' });
  }

  public get count(): number {
    return this.#count;
  }

  public get names(): string[] {
    return [...this.#names].sort();
  }

  /** The earliest and latest time (µs) any staged entity touches. */
  public get span(): Span | undefined {
    return this.#span;
  }

  /** Stages one entity; `lo`/`hi` are the µs times it touches. Waits when the file lags behind. */
  public async add(entity: EntityDict, lo: number, hi: number = lo): Promise<void> {
    this.#count += 1;
    this.#names.add(entity.entity_name);
    this.#span = this.#span ? { lo: Math.min(this.#span.lo, lo), hi: Math.max(this.#span.hi, hi) } : { lo, hi };
    if (!this.#out.write(`${JSON.stringify(entity)}\n`)) await once(this.#out, 'drain');
  }

  /** Closes the file and hands its entities to `ingest` in batches. */
  public async ingest(ingest: (batch: EntityDict[]) => void, onBatch: (done: number, total: number) => void, signal: AbortSignal): Promise<void> {
    await this.#close();
    let batch: EntityDict[] = [];
    let done = 0;
    const lines = createInterface({ input: createReadStream(this.#path, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === '') continue;
      batch.push(JSON.parse(line) as EntityDict);
      if (batch.length >= INGEST_BATCH) {
        signal.throwIfAborted();
        ingest(batch);
        done += batch.length;
        batch = [];
        onBatch(done, this.#count);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (batch.length > 0) ingest(batch);
    onBatch(this.#count, this.#count);
  }

  public async dispose(): Promise<void> {
    await this.#close().catch(() => undefined);
    await rm(this.#path, { force: true });
  }

  async #close(): Promise<void> {
    if (this.#out.closed) return;
    this.#out.end();
    await once(this.#out, 'close');
  }
}
