import { identityWire } from '../../shared/wire/identityWire';
import type { Readable } from 'node:stream';
import { storageWire, type WireObjectBySha256, type WirePresignedPost, type WireUploadedPart, type WireUploadState } from '../../shared/wire/storageWire';
import type { AssetScope } from '../assets/AssetScope';
import { retryWithBackoff, type RetryOptions } from '../http/retryWithBackoff';
import { openUploadSource } from './UploadSource';

export interface CompletedPart {
  PartNumber: number;
  ETag: string;
}

export interface PartOptions extends RetryOptions {
  /** The engine kept this many bytes of an interrupted try of the part; only the rest is sent. */
  resumeFrom?: number;
  /** Wraps each try's byte stream (bandwidth limits, progress meters). */
  wrap?: (stream: Readable) => Readable;
}

export interface CompletedUpload {
  uri: string;
  /** SceneDock extensions; a plain SceneBox server answers with the URI only. */
  size?: number | undefined;
  sha256?: string | undefined;
}

/**
 * The upload primitives (wire protocol §6.1 and SceneDock's extensions), one request each, so that
 * a resumable pipeline can journal every step: create an upload, send parts, ask which parts the
 * engine holds, complete or abort, and skip files whose bytes the engine already has.
 */
export const multipartApi = {
  async presignPost(scope: AssetScope, fileId: string, contentType?: string): Promise<WirePresignedPost> {
    const post = (await multipartApi.presignPosts(scope, [fileId], contentType))[fileId];
    if (!post) throw new Error(`the server gave no upload URL for ${fileId}`);
    return post;
  },

  /** Form posts for several files in one request (the route takes a list of ids). */
  async presignPosts(scope: AssetScope, fileIds: readonly string[], contentType?: string): Promise<Record<string, WirePresignedPost>> {
    return scope.request('POST', '/assets/temporary_upload_url', {
      schema: storageWire.presignedPosts,
      body: { ids: fileIds, ...(contentType ? { content_type: contentType } : {}) },
    });
  },

  async create(scope: AssetScope, fileId: string): Promise<string> {
    return (await scope.request('POST', '/assets/multipart_upload_id', { schema: storageWire.uploadId, body: { id: fileId } })).upload_id;
  },

  async partUrl(scope: AssetScope, fileId: string, partNo: number, uploadId: string): Promise<string> {
    return (await scope.request('POST', '/assets/multipart_temporary_upload_url', { schema: storageWire.partUrl, body: { id: fileId, part_no: partNo, upload_id: uploadId } })).url;
  },

  /**
   * Sends bytes [start, end) of a file as one part and answers its ETag. Each try reads the range
   * afresh; failures worth retrying are retried with exponential backoff and jitter. With
   * `resumeFrom`, [start, end) is the rest of a part the engine kept that many bytes of.
   */
  async uploadPart(scope: AssetScope, url: string, path: string, start: number, end: number, options: PartOptions = {}): Promise<string> {
    const source = await openUploadSource(path);
    if (start < 0 || end < start || end > source.size) throw new RangeError(`bytes [${start}, ${end}) are outside ${path} (${source.size} bytes)`);
    const wrap = options.wrap ?? ((stream: Readable) => stream);
    const stored = await retryWithBackoff(
      () => scope.storage.putPart(url, wrap(source.open(start, end, options.signal)), end - start, options.signal, options.resumeFrom),
      options,
    );
    return stored.etag;
  },

  /** The parts the engine holds and the interrupted ones it kept bytes of (SceneDock extension). */
  async uploadState(scope: AssetScope, uploadId: string): Promise<WireUploadState> {
    return scope.request('GET', '/assets/multipart_parts', { schema: storageWire.parts, query: { upload_id: uploadId } });
  },

  /** The parts the engine holds for an upload (SceneDock extension `GET multipart_parts`). */
  async listParts(scope: AssetScope, uploadId: string): Promise<WireUploadedPart[]> {
    return (await scope.request('GET', '/assets/multipart_parts', { schema: storageWire.parts, query: { upload_id: uploadId } })).parts;
  },

  complete: async (scope: AssetScope, fileId: string, uploadId: string, parts: readonly CompletedPart[]): Promise<CompletedUpload> =>
    scope.request('POST', '/assets/multipart_complete', { schema: storageWire.completed, body: { id: fileId, upload_id: uploadId, parts } }),

  /** Abandons an upload and frees its parts (SceneDock extension `DELETE multipart_upload`). */
  abort: async (scope: AssetScope, uploadId: string): Promise<{ acknowledged: true }> =>
    scope.request('DELETE', '/assets/multipart_upload', { schema: identityWire.ack, query: { upload_id: uploadId } }),

  /** Whether the caller's organization already holds these bytes (SceneDock extension). */
  findBySha256: async (scope: AssetScope, sha256: string): Promise<WireObjectBySha256> =>
    scope.request('POST', '/assets/object_by_sha256', { schema: storageWire.objectBySha256, body: { sha256 } }),
};
