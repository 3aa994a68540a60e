import { posix } from 'node:path';
import type { AssetScope } from '../assets/AssetScope';
import { IntegrityError } from '../errors/IntegrityError';
import { retryWithBackoff } from '../http/retryWithBackoff';
import { multipartApi } from './multipartApi';
import type { PutFileOptions, PutFileResult } from './UploadProgress';
import type { UploadSource } from './UploadSource';

const SHA256_ETAG = /^"?([0-9a-f]{64})"?$/;

/**
 * A small file: one presigned form POST, hashed while it is sent. When the storage answers with
 * a sha256 ETag (SceneDock's does), it must be the sha256 of the bytes that were read.
 */
export async function formUpload(scope: AssetScope, source: UploadSource, fileId: string, options: PutFileOptions): Promise<PutFileResult> {
  const retry = { ...(options.retries !== undefined ? { retries: options.retries } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  const presign = options.presignPost ?? ((id: string) => multipartApi.presignPost(scope, id, options.contentType));
  const post = await retryWithBackoff(() => presign(fileId), retry);
  const stored = await retryWithBackoff(() => scope.storage.postForm(post.url, post.fields, {
    size: source.size,
    filename: posix.basename(fileId),
    contentType: options.contentType,
    open: () => source.open(0, source.size, options.signal),
  }, options.signal), retry);
  const echoed = SHA256_ETAG.exec(stored.etag ?? '')?.[1];
  if (echoed !== undefined && echoed !== stored.sha256) {
    throw new IntegrityError(`storage recorded sha256 ${echoed} for ${fileId}, but the bytes sent hash to ${stored.sha256}`);
  }
  options.onProgress?.({ uploadedBytes: source.size, totalBytes: source.size });
  return { uri: post.uri, fileId, size: source.size, sha256: stored.sha256 };
}
