import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import type { AssetScope } from '../assets/AssetScope';
import { assetMetaApi, type Metadata } from '../assets/assetMetaApi';
import { BatchPresigner } from './BatchPresigner';
import { putFile, storageFileId } from './putFile';
import type { PutFileOptions, PutFileResult } from './UploadProgress';
import type { UploadInput } from './UploadSource';

export interface AssetInput {
  /** The asset's metadata; its `id` is generated (a guid, as the Python client's) when absent. */
  metadata: Metadata;
  file?: UploadInput;
  /** Upload options of this file; the file id defaults to the asset id. */
  fileOptions?: Omit<PutFileOptions, 'signal' | 'onProgress'>;
}

export interface PutAssetsOptions {
  /** Keep the stored `sets` (false, the default) or replace them with the ones sent. */
  replaceSets?: boolean;
  /** Files uploading at once in a batch (default 4). */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface PutAssetResult {
  /** The id as stored (standardized by the server). */
  id: string;
  upload: PutFileResult | undefined;
}

/** A guid as the Python client makes them: a uuid4 with `_` for `-`. */
export function newAssetId(): string {
  return randomUUID().replace(/-/g, '_');
}

/**
 * The bytes first, then the metadata with an `object_access` naming them: an asset is never
 * visible before its bytes are stored. The file id is the asset id unless told otherwise, so
 * two files with the same base name (`frame_0001.png` of two cameras) never overwrite each other.
 */
function assetIdOf(item: AssetInput): string {
  return typeof item.metadata.id === 'string' && item.metadata.id !== '' ? item.metadata.id : newAssetId();
}

async function upload(scope: AssetScope, item: AssetInput, id: string, signal: AbortSignal | undefined, presignPost?: PutFileOptions['presignPost']): Promise<{ id: string; doc: Metadata; upload: PutFileResult | undefined }> {
  if (item.file === undefined) return { id, doc: { ...item.metadata, id }, upload: undefined };
  const stored = await putFile(scope, item.file, { id, ...item.fileOptions, ...(signal ? { signal } : {}), ...(presignPost ? { presignPost } : {}) });
  const filename = stored.fileId.split('/').pop() ?? stored.fileId;
  return { id, doc: { ...item.metadata, id, object_access: { uri: stored.uri, filename } }, upload: stored };
}

export const putAssets = {
  /** `put_asset`: one asset, written whole (`replace=true`). */
  async one(scope: AssetScope, item: AssetInput, options: PutAssetsOptions = {}): Promise<PutAssetResult> {
    const { id, doc, upload: stored } = await upload(scope, item, assetIdOf(item), options.signal);
    const storedId = await assetMetaApi.write(scope, id, doc, { replace: true, replaceSets: options.replaceSets ?? false });
    return { id: storedId, upload: stored };
  },

  /** `put_assets_batch`: uploads `concurrency` files at a time, then one `meta_batch` write per 1000 assets. */
  async batch(scope: AssetScope, items: readonly AssetInput[], options: PutAssetsOptions = {}): Promise<PutAssetResult[]> {
    const queue = new PQueue({ concurrency: options.concurrency ?? 4 });
    const failed = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;
    setMaxListeners(0, signal);
    const withIds = items.map((item) => ({ item, id: assetIdOf(item) }));
    // The file id putFile will store each file under, where the name is known without reading it.
    const presigner = new BatchPresigner(scope, withIds.map(({ item, id }) => {
      if (item.file === undefined) return undefined;
      return { fileId: storageFileId(item.fileOptions?.id ?? id, item.fileOptions?.folder), contentType: item.fileOptions?.contentType };
    }));
    const prepared = await Promise.all(withIds.map(({ item, id }, i) => queue.add(() => upload(scope, item, id, signal, (fileId) => presigner.post(i, fileId)), { signal }))).catch(async (error: unknown) => {
      // One failed file stops the batch: nothing is registered, and no upload keeps running unobserved.
      failed.abort(error);
      await queue.onIdle();
      throw error;
    });
    const stored = await assetMetaApi.writeBatch(scope, prepared.map((p) => p.id), prepared.map((p) => p.doc), { replace: true, replaceSets: options.replaceSets ?? false });
    return prepared.map((p, i) => ({ id: stored[i] ?? p.id, upload: p.upload }));
  },
};
