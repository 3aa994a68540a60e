import type { WirePresignedPost } from '../../shared/wire/storageWire';

/** Bytes the storage has acknowledged so far (a part counts once its PUT is answered). */
export interface UploadProgress {
  uploadedBytes: number;
  totalBytes: number;
}

export interface PutFileOptions {
  /** Storage file id; defaults to the file's base name (required for a Buffer). */
  id?: string;
  /** Prefix folder: the stored file id becomes `folder/id`. */
  folder?: string;
  contentType?: string;
  /** Files at least this large go multipart (default 16 MiB). */
  multipartThreshold?: number;
  /** Part size of a multipart upload (default 16 MiB), grown when a file would need more than 10,000 parts. */
  partSize?: number;
  /** Parts in flight at once (default 4). */
  concurrency?: number;
  /** Retries of each request that carries bytes (default 4). */
  retries?: number;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /**
   * Answers this file's form post when it goes by form: a batch presigns many files in one request
   * instead of one request per file. Without it the file's post is presigned on its own.
   */
  presignPost?: (fileId: string) => Promise<WirePresignedPost>;
}

export interface PutFileResult {
  /** `s3://bucket/key`, what an `object_access` records. */
  uri: string;
  /** The file id the bytes were stored under. */
  fileId: string;
  size: number;
  sha256: string;
}
