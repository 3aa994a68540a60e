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
  /** Stages one part of a multipart upload, replacing an earlier try of the same part. */
  writePart(uploadId: string, partNo: number, source: Readable, expectedSize?: number): Promise<{ size: number; sha256: string }>;
  /** The staged file of a part, for hashing. */
  partPath(uploadId: string, partNo: number): string;
  /** Turns the listed staged parts, in this order, into one blob; other staged parts are dropped. */
  adoptParts(uploadId: string, partNos: readonly number[]): Promise<BlobLocation>;
  removeUpload(uploadId: string): Promise<void>;
  size(location: BlobLocation): Promise<number>;
  read(location: BlobLocation, range?: ByteRange): Readable;
  remove(location: BlobLocation): Promise<void>;
  /** Bytes held, staged parts included (counted only when a size limit is set). */
  usedBytes(): number;
}

/** A write refused because the store's size limit (or the disk) is reached. */
export class StorageFullError extends Error {
  public constructor(message = 'blob store is full') {
    super(message);
    this.name = 'StorageFullError';
  }
}
