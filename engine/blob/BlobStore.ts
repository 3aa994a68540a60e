import type { Readable } from 'node:stream';

/** Where a stored object's bytes are: one file, or `parts` files read one after another. */
export interface BlobLocation {
  ref: string;
  parts: number;
}

export interface WrittenBlob extends BlobLocation {
  size: number;
  sha256: string;
}

export interface ByteRange {
  start: number;
  /** Inclusive, as in an HTTP Range header. */
  end: number;
}

/**
 * Bytes only; which object names which blob is the catalog's business. Writes are atomic
 * (temporary file, fsync, rename), so a crash leaves either the old bytes or the new ones.
 */
export interface BlobStore {
  /** Stores a stream as a new blob, hashing it on the way. */
  write(source: Readable, expectedSize?: number): Promise<WrittenBlob>;
  /**
   * Stages one part of a multipart upload, replacing an earlier try of the same part. An
   * interrupted try keeps the bytes that arrived; a later try may append to them (`resumeFrom`).
   */
  writePart(uploadId: string, partNo: number, source: Readable, options?: PartWriteOptions): Promise<{ size: number; sha256: string }>;
  /** Parts whose last try was interrupted, with the bytes they hold. */
  partialParts(uploadId: string): Promise<{ partNo: number; size: number }[]>;
  /** The staged file of a part, for hashing. */
  partPath(uploadId: string, partNo: number): string;
  /** Turns the listed staged parts, in this order, into one blob; other staged parts are dropped. */
  adoptParts(uploadId: string, partNos: readonly number[]): Promise<BlobLocation>;
  removeUpload(uploadId: string): Promise<void>;
  size(location: BlobLocation): Promise<number>;
  /** `readBytes`: the size of the pieces the stream gives (large sequential readers ask for more than the default 64 KiB). */
  read(location: BlobLocation, range?: ByteRange, readBytes?: number): Readable;
  remove(location: BlobLocation): Promise<void>;
  /** Bytes held, staged parts included (counted only when a size limit is set). */
  usedBytes(): number;
}

export interface PartWriteOptions {
  expectedSize?: number;
  /** Append to the bytes an interrupted try left, which must be exactly this many. */
  resumeFrom?: number;
}

/** A resumed part whose offset is not what the engine holds. */
export class PartialMismatchError extends Error {
  public readonly held: number;

  public constructor(partNo: number, held: number, offered: number) {
    super(`part ${partNo} holds ${held} bytes from an interrupted try, not ${offered}`);
    this.name = 'PartialMismatchError';
    this.held = held;
  }
}

/** A write refused because the store's size limit (or the disk) is reached. */
export class StorageFullError extends Error {
  public constructor(message = 'blob store is full') {
    super(message);
    this.name = 'StorageFullError';
  }
}
