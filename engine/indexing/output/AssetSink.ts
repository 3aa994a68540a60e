import type { Readable } from 'node:stream';
import { deleteObjectOf, storeObjectBytes } from '../../annotations/storedObjects';
import type { Doc } from '../../meta/mergeDocuments';
import type { MetaStore } from '../../meta/MetaStore';
import type { ObjectStorage } from '../../storage/ObjectStorage';

export type MediaAssetType = 'images' | 'lidars' | 'videos';

export interface AssetWrite {
  assetType: MediaAssetType;
  id: string;
  /** Storage file id of the bytes (`indexing/<session>/<sensor>/<name>`). */
  fileId: string;
  contentType: string;
  /** Bytes held until written, for the in-flight limit. */
  size: number;
  /** Makes the file (encoding runs here, off the reading loop); its parts or a stream. */
  bytes: () => Promise<readonly Uint8Array[] | Readable>;
  doc: Doc;
}

export interface AssetSinkOptions {
  /** Bytes of pending writes past which put() waits (memory stays flat whatever the bag). */
  maxPendingBytes: number;
  maxPending: number;
  /** Documents written per metadata transaction. */
  batch: number;
}

const DEFAULTS: AssetSinkOptions = { maxPendingBytes: 192 * 1024 * 1024, maxPending: 24, batch: 64 };

/**
 * Writes the assets of an indexing job as they are extracted: each file is made and stored in the
 * background while the recording is read on, with at most `maxPendingBytes` waiting, and the
 * metadata documents follow in batches. It remembers everything it wrote, so that an aborted job
 * can take it all back (`removeAll`) and no half-indexed recording stays in the sets.
 */
export class AssetSink {
  readonly #storage: ObjectStorage;
  readonly #meta: MetaStore;
  readonly #org: string;
  readonly #options: AssetSinkOptions;
  readonly #running = new Set<Promise<void>>();
  readonly #docs = new Map<MediaAssetType, { id: string; doc: Doc }[]>();
  readonly #written: { assetType: MediaAssetType; id: string }[] = [];
  readonly #objects: { uri: string }[] = [];
  #pendingBytes = 0;
  #failure: Error | undefined;
  readonly #counts = new Map<MediaAssetType, number>();

  public constructor(storage: ObjectStorage, meta: MetaStore, organizationId: string, options: Partial<AssetSinkOptions> = {}) {
    this.#storage = storage;
    this.#meta = meta;
    this.#org = organizationId;
    this.#options = { ...DEFAULTS, ...options };
  }

  /** Queues one asset; waits while too much is pending. Throws the first failure of an earlier write. */
  public async put(write: AssetWrite): Promise<void> {
    this.#throwIfFailed();
    while (this.#running.size > 0 && (this.#pendingBytes + write.size > this.#options.maxPendingBytes || this.#running.size >= this.#options.maxPending)) {
      await Promise.race(this.#running);
      this.#throwIfFailed();
    }
    this.#pendingBytes += write.size;
    const task = this.#write(write).catch((error: unknown) => {
      this.#failure ??= new Error(`${write.assetType} ${write.id}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }).finally(() => {
      this.#pendingBytes -= write.size;
      this.#running.delete(task);
    });
    this.#running.add(task);
  }

  /** Waits for every pending write and writes the remaining documents; throws the first failure. */
  public async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running);
    this.#throwIfFailed();
    for (const type of this.#docs.keys()) this.#flush(type);
  }

  public count(assetType: MediaAssetType): number {
    return this.#counts.get(assetType) ?? 0;
  }

  /** Removes every document and object this sink wrote (after waiting for the writes in flight). */
  public async removeAll(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled(this.#running);
    this.#docs.clear();
    const byType = new Map<MediaAssetType, string[]>();
    for (const w of this.#written) byType.set(w.assetType, [...(byType.get(w.assetType) ?? []), w.id]);
    for (const [assetType, ids] of byType) {
      for (let i = 0; i < ids.length; i += 1000) this.#meta.delete({ organizationId: this.#org, assetType }, ids.slice(i, i + 1000));
    }
    for (const access of this.#objects) await deleteObjectOf(this.#storage, this.#org, access).catch(() => false);
    this.#written.length = 0;
    this.#objects.length = 0;
  }

  async #write(write: AssetWrite): Promise<void> {
    const bytes = await write.bytes();
    const access = await storeObjectBytes(this.#storage, this.#org, write.fileId, bytes, write.contentType);
    this.#objects.push({ uri: access.uri ?? '' });
    const list = this.#docs.get(write.assetType) ?? [];
    list.push({ id: write.id, doc: { ...write.doc, id: write.id, owner: this.#org, object_access: access } });
    this.#docs.set(write.assetType, list);
    this.#counts.set(write.assetType, this.count(write.assetType) + 1);
    if (list.length >= this.#options.batch) this.#flush(write.assetType);
  }

  #flush(assetType: MediaAssetType): void {
    const list = this.#docs.get(assetType);
    if (!list || list.length === 0) return;
    this.#docs.set(assetType, []);
    // Recorded before the write: a failed transaction leaves nothing, and deleting ids that do not exist is harmless.
    for (const { id } of list) this.#written.push({ assetType, id });
    this.#meta.write({ organizationId: this.#org, assetType }, list, { replace: true, replaceSets: true });
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }
}
