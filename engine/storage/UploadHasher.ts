import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

interface State {
  next: number;
  hash: Hash;
  pumping: Promise<void> | undefined;
}

/**
 * Hashes a multipart upload's bytes in order while the parts arrive, so that completing a large
 * upload does not have to read the whole object again to learn its sha256. Parts come out of
 * order under concurrency; the hasher follows the longest run of consecutive parts from 1. Its
 * state lives in memory only: after a restart, or a part sent twice, `digest` hashes from scratch.
 */
export class UploadHasher {
  readonly #states = new Map<string, State>();
  readonly #partPath: (uploadId: string, partNo: number) => string;
  readonly #hasPart: (uploadId: string, partNo: number) => boolean;

  public constructor(partPath: (uploadId: string, partNo: number) => string, hasPart: (uploadId: string, partNo: number) => boolean) {
    this.#partPath = partPath;
    this.#hasPart = hasPart;
  }

  /** A part was stored for the first time: hash whatever consecutive run is now available. */
  public partStored(uploadId: string, partNo: number, replacedEarlier: boolean): void {
    if (replacedEarlier) {
      this.#states.delete(uploadId);
      return;
    }
    let state = this.#states.get(uploadId);
    if (!state) {
      if (partNo !== 1) return;
      state = { next: 1, hash: createHash('sha256'), pumping: undefined };
      this.#states.set(uploadId, state);
    }
    if (!state.pumping) state.pumping = this.#pump(uploadId, state);
  }

  /** The sha256 of the listed parts, in order. */
  public async digest(uploadId: string, partNos: readonly number[]): Promise<string> {
    const state = this.#states.get(uploadId);
    this.#states.delete(uploadId);
    const consecutive = partNos.every((n, i) => n === i + 1);
    if (state && consecutive) {
      await state.pumping;
      if (state.next - 1 <= partNos.length) {
        for (const n of partNos.slice(state.next - 1)) await hashFile(state.hash, this.#partPath(uploadId, n));
        return state.hash.digest('hex');
      }
    }
    const hash = createHash('sha256');
    for (const n of partNos) await hashFile(hash, this.#partPath(uploadId, n));
    return hash.digest('hex');
  }

  public forget(uploadId: string): void {
    this.#states.delete(uploadId);
  }

  async #pump(uploadId: string, state: State): Promise<void> {
    try {
      while (this.#states.get(uploadId) === state && this.#hasPart(uploadId, state.next)) {
        await hashFile(state.hash, this.#partPath(uploadId, state.next));
        state.next += 1;
      }
    } catch {
      // A part vanished under us (aborted upload); digest() starts over if it is ever asked.
      this.#states.delete(uploadId);
    } finally {
      state.pumping = undefined;
    }
  }
}

async function hashFile(hash: Hash, path: string): Promise<void> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
}
