import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import type { AssetScope } from '../assets/AssetScope';
import { IntegrityError } from '../errors/IntegrityError';
import { retryWithBackoff, type RetryOptions } from '../http/retryWithBackoff';
import { hashSource } from './hashSource';
import { multipartApi, type CompletedPart } from './multipartApi';
import type { PutFileOptions, PutFileResult } from './UploadProgress';
import type { UploadSource } from './UploadSource';

export const DEFAULT_PART_SIZE = 16 * 1024 ** 2;
const DEFAULT_CONCURRENCY = 4;
/** S3's (and the engine's) limit. */
const MAX_PARTS = 10_000;
const SHA256_ETAG = /^"?([0-9a-f]{64})"?$/;

/**
 * A large file: parts sent `concurrency` at a time, each retried with a fresh read of its byte
 * range. Each part is hashed as it is sent and checked against a sha256 ETag when the storage
 * answers with one. Parts travel out of order, so the whole file's sha256 comes from one
 * sequential read alongside them, and must equal what the engine computed on completion.
 * Any failure aborts the upload on the server, so no orphan parts are left behind.
 */
export async function multipartUpload(scope: AssetScope, source: UploadSource, fileId: string, options: PutFileOptions): Promise<PutFileResult> {
  const partSize = Math.max(options.partSize ?? DEFAULT_PART_SIZE, Math.ceil(source.size / MAX_PARTS));
  if (!Number.isInteger(partSize) || partSize < 1) throw new RangeError(`partSize must be a positive integer, not ${options.partSize}`);
  const partCount = Math.max(1, Math.ceil(source.size / partSize));
  const failed = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;
  // Every part request, retry sleep and queued task listens on this one signal.
  setMaxListeners(0, signal);
  const retry: RetryOptions = { signal, ...(options.retries !== undefined ? { retries: options.retries } : {}) };

  const uploadId = await retryWithBackoff(() => multipartApi.create(scope, fileId), retry);
  const queue = new PQueue({ concurrency: options.concurrency ?? DEFAULT_CONCURRENCY });
  try {
    const hashing = hashSource(source, signal);
    // Awaited after the parts; until then a failure must not count as unhandled.
    hashing.catch(() => undefined);
    let acknowledged = 0;
    const sendPart = async (partNo: number): Promise<CompletedPart> => {
      const start = (partNo - 1) * partSize;
      const end = Math.min(source.size, start + partSize);
      const url = await retryWithBackoff(() => multipartApi.partUrl(scope, fileId, partNo, uploadId), retry);
      const stored = await retryWithBackoff(() => scope.storage.putPart(url, source.open(start, end, signal), end - start, signal), retry);
      const echoed = SHA256_ETAG.exec(stored.etag)?.[1];
      if (echoed !== undefined && echoed !== stored.sha256) throw new IntegrityError(`part ${partNo} of ${fileId} was stored with sha256 ${echoed}, but was sent as ${stored.sha256}`);
      acknowledged += end - start;
      options.onProgress?.({ uploadedBytes: acknowledged, totalBytes: source.size });
      return { PartNumber: partNo, ETag: stored.etag };
    };
    const parts = await Promise.all(Array.from({ length: partCount }, (_, i) => queue.add(() => sendPart(i + 1), { signal })))
      .catch((error: unknown) => {
        // Stop the parts still queued or in flight; the first failure is the one reported.
        failed.abort(error);
        throw error;
      });
    const sha256 = await hashing;
    const completed = await multipartApi.complete(scope, fileId, uploadId, parts);
    if (completed.sha256 !== undefined && completed.sha256 !== sha256) {
      throw new IntegrityError(`the engine assembled ${fileId} with sha256 ${completed.sha256}, but the file hashes to ${sha256}`);
    }
    if (completed.size !== undefined && completed.size !== source.size) {
      throw new IntegrityError(`the engine assembled ${fileId} with ${completed.size} bytes, but the file has ${source.size}`);
    }
    return { uri: completed.uri, fileId, size: source.size, sha256 };
  } catch (error) {
    failed.abort(error);
    // Parts still being written would land in an upload that no longer exists: let them stop first.
    await queue.onIdle();
    await multipartApi.abort(scope, uploadId).catch(() => undefined);
    throw error;
  }
}
