import type { WirePresignedPost } from '../../shared/wire/storageWire';
import type { AssetScope } from '../assets/AssetScope';
import { multipartApi } from './multipartApi';

export interface PresignTarget {
  fileId: string;
  contentType: string | undefined;
}

/**
 * Presigns the form posts of a batch of files a chunk at a time: the first file of a chunk to
 * need its post asks for the whole chunk's, in one request per content type, so that a batch of
 * small files costs one presign request per chunk instead of one per file. Chunks are asked for
 * when the uploads reach them (not all up front), so no post waits long enough to expire.
 */
export class BatchPresigner {
  readonly #scope: AssetScope;
  readonly #targets: readonly (PresignTarget | undefined)[];
  readonly #chunk: number;
  readonly #chunks = new Map<number, Promise<Map<string, WirePresignedPost>>>();

  public constructor(scope: AssetScope, targets: readonly (PresignTarget | undefined)[], chunk = 100) {
    this.#scope = scope;
    this.#targets = targets;
    this.#chunk = chunk;
  }

  /** The post of the file at `index` (the one `fileId` names), presigned with its chunk. */
  public async post(index: number, fileId: string): Promise<WirePresignedPost> {
    const posts = await this.#chunkOf(Math.floor(index / this.#chunk));
    const post = posts.get(fileId);
    // A file id the chunk did not foresee (its size sent it elsewhere, or it was renamed): alone.
    return post ?? multipartApi.presignPost(this.#scope, fileId, this.#targets[index]?.contentType);
  }

  #chunkOf(n: number): Promise<Map<string, WirePresignedPost>> {
    let pending = this.#chunks.get(n);
    if (!pending) {
      pending = this.#presign(this.#targets.slice(n * this.#chunk, (n + 1) * this.#chunk));
      // A failed chunk is asked for again by the next file that needs it (each file retries).
      pending.catch(() => this.#chunks.delete(n));
      this.#chunks.set(n, pending);
    }
    return pending;
  }

  async #presign(targets: readonly (PresignTarget | undefined)[]): Promise<Map<string, WirePresignedPost>> {
    const byType = new Map<string | undefined, string[]>();
    for (const t of targets) {
      if (!t) continue;
      byType.set(t.contentType, [...(byType.get(t.contentType) ?? []), t.fileId]);
    }
    const posts = new Map<string, WirePresignedPost>();
    for (const [contentType, ids] of byType) {
      for (const [id, post] of Object.entries(await multipartApi.presignPosts(this.#scope, [...new Set(ids)], contentType))) posts.set(id, post);
    }
    return posts;
  }
}
