import type { AssetType } from '../shared/scenebox/constants';
import type { WireObjectAccess } from '../shared/wire/assetWire';
import type { WireWhoami } from '../shared/wire/identityWire';
import { identityWire } from '../shared/wire/identityWire';
import type { WireDoc, WireField, WireFieldStatistic, WireSummary } from '../shared/wire/searchWire';
import type { WireObjectBySha256, WirePresignedPost, WireStoredObject, WireUploadedPart, WireUploadState } from '../shared/wire/storageWire';
import { storageWire } from '../shared/wire/storageWire';
import { AssetScope } from './assets/AssetScope';
import { collect } from './assets/collect';
import { assetMetaApi, type Metadata, type UpdateByQuery } from './assets/assetMetaApi';
import { assetSearchApi, type IterateOptions } from './assets/assetSearchApi';
import { assetUrlApi } from './assets/assetUrlApi';
import { downloadApi, type DownloadedFile } from './assets/downloadApi';
import { httpSettingsOf, type HttpSettings } from './http/HttpSettings';
import { SceneBoxHttp } from './http/SceneBoxHttp';
import { StorageHttp } from './http/StorageHttp';
import type { UrlSource } from './http/UrlSource';
import type { MetaPageOptions, PageOptions, SearchQueryInput, SummaryRequestInput } from './search/SearchOptions';
import { multipartApi, type CompletedPart, type CompletedUpload, type PartOptions } from './upload/multipartApi';
import { putAssets, type AssetInput, type PutAssetResult, type PutAssetsOptions } from './upload/putAssets';
import { putFile } from './upload/putFile';
import type { PutFileOptions, PutFileResult } from './upload/UploadProgress';
import type { UploadInput } from './upload/UploadSource';

export interface AssetManagerClientOptions extends HttpSettings {
  assetType: AssetType;
  /** The asset manager's URL including its version (`/status` advertises it), or a lookup of it. */
  assetManagerUrl: UrlSource;
  authToken: string;
  metadataOnly?: boolean;
  /** Files uploading at once in `putAssetsBatch` (default 4). */
  concurrency?: number;
}

/**
 * The asset manager for one asset type (the Python `AssetManagerClient`, camelCase). Methods
 * delegate to the domain modules under `assets/` and `upload/`.
 */
export class AssetManagerClient {
  readonly #scope: AssetScope;
  readonly #root: SceneBoxHttp;
  readonly #concurrency: number | undefined;

  public constructor(options: AssetManagerClientOptions) {
    const http = new SceneBoxHttp({ baseUrl: options.assetManagerUrl, authToken: options.authToken, ...httpSettingsOf(options) });
    this.#scope = new AssetScope(http, new StorageHttp(), options.assetType, options.metadataOnly ?? false);
    // `/auth` and `/clear_cache` live at the asset manager's root, without `/v1`.
    this.#root = http.derive((url) => url.replace(/\/v\d+$/, ''));
    this.#concurrency = options.concurrency;
  }

  public get assetType(): AssetType {
    return this.#scope.assetType;
  }

  public get metadataOnly(): boolean {
    return this.#scope.metadataOnly;
  }

  // ---- identity and status ----
  public whoami(): Promise<WireWhoami> { return this.#root.get('/auth', { schema: identityWire.whoami }); }
  public async apiStatus(): Promise<string> { return (await this.#scope.request('GET', '/assets/status', { schema: storageWire.apiStatus })).status; }
  public clearCache(options: { allOrganizations?: boolean } = {}): Promise<{ acknowledged: true }> {
    return this.#root.post('/clear_cache', { schema: identityWire.ack, query: { all_organizations: options.allOrganizations ?? false }, body: {} });
  }

  // ---- bytes ----
  public putFile(source: UploadInput, options?: PutFileOptions): Promise<PutFileResult> { return putFile(this.#scope, source, options); }
  /** Form posts for several files in one request (each then sent with `putFile`'s `presignPost`). */
  public presignPosts(fileIds: readonly string[], contentType?: string): Promise<Record<string, WirePresignedPost>> { return multipartApi.presignPosts(this.#scope, fileIds, contentType); }
  public createMultipartUpload(fileId: string): Promise<string> { return multipartApi.create(this.#scope, fileId); }
  public getPartUploadUrl(fileId: string, partNo: number, uploadId: string): Promise<string> { return multipartApi.partUrl(this.#scope, fileId, partNo, uploadId); }
  /** Bytes [start, end) of `path` as one part; answers the ETag. */
  public uploadPart(url: string, path: string, start: number, end: number, options?: PartOptions): Promise<string> {
    return multipartApi.uploadPart(this.#scope, url, path, start, end, options);
  }
  /** Parts the engine holds, and interrupted parts it kept bytes of (SceneDock extension). */
  public listUploadState(uploadId: string): Promise<WireUploadState> { return multipartApi.uploadState(this.#scope, uploadId); }
  public listUploadedParts(uploadId: string): Promise<WireUploadedPart[]> { return multipartApi.listParts(this.#scope, uploadId); }
  public completeMultipartUpload(fileId: string, uploadId: string, parts: readonly CompletedPart[]): Promise<CompletedUpload> {
    return multipartApi.complete(this.#scope, fileId, uploadId, parts);
  }
  public abortMultipartUpload(uploadId: string): Promise<{ acknowledged: true }> { return multipartApi.abort(this.#scope, uploadId); }
  public findObjectBySha256(sha256: string): Promise<WireObjectBySha256> { return multipartApi.findBySha256(this.#scope, sha256); }
  public deleteIfExistsInStorage(fileId: string): Promise<boolean> { return assetUrlApi.deleteIfExistsInStorage(this.#scope, fileId); }
  public clearBytesFromCache(fileId: string): Promise<{ acknowledged: true }> { return assetUrlApi.clearBytesFromCache(this.#scope, fileId); }
  public getBytes(id: string, signal?: AbortSignal): Promise<Buffer> { return downloadApi.getBytes(this.#scope, id, signal); }
  public downloadToFile(id: string, path: string, signal?: AbortSignal): Promise<DownloadedFile> { return downloadApi.toFile(this.#scope, id, path, signal); }

  // ---- metadata writes ----
  public putAsset(metadata: Metadata, file?: UploadInput, options?: PutAssetsOptions & { fileOptions?: AssetInput['fileOptions'] }): Promise<PutAssetResult> {
    return putAssets.one(this.#scope, { metadata, ...(file !== undefined ? { file } : {}), ...(options?.fileOptions ? { fileOptions: options.fileOptions } : {}) }, options);
  }
  public putAssetsBatch(items: readonly AssetInput[], options: PutAssetsOptions = {}): Promise<PutAssetResult[]> {
    return putAssets.batch(this.#scope, items, { ...(this.#concurrency !== undefined ? { concurrency: this.#concurrency } : {}), ...options });
  }
  /** Deep-merges into the stored document; lists are appended unless `replaceSets`. */
  public updateMetadata(id: string, metadata: Metadata, options: { replaceSets?: boolean } = {}): Promise<string> {
    return assetMetaApi.write(this.#scope, id, metadata, { replace: false, replaceSets: options.replaceSets ?? false });
  }
  public updateMetadataBatch(ids: readonly string[], metadata: readonly Metadata[], options: { replaceSets?: boolean } = {}): Promise<string[]> {
    return assetMetaApi.writeBatch(this.#scope, ids, metadata, { replace: false, replaceSets: options.replaceSets ?? false });
  }
  /** Writes the document whole, `sets` included. */
  public upsertMetadata(id: string, metadata: Metadata): Promise<string> { return assetMetaApi.write(this.#scope, id, metadata, { replace: true, replaceSets: true }); }
  public registerField(field: Metadata): Promise<{ acknowledged: true }> { return assetMetaApi.registerField(this.#scope, field); }
  public updateByQuery(update: UpdateByQuery): Promise<string[]> { return assetMetaApi.updateByQuery(this.#scope, update); }

  // ---- metadata reads ----
  public getMetadata(id: string): Promise<WireDoc> { return assetMetaApi.get(this.#scope, id); }
  public getMetadataInBatch(ids: readonly string[], sourceSelectedFields?: readonly string[]): Promise<WireDoc[]> { return assetSearchApi.getMany(this.#scope, ids, sourceSelectedFields); }
  public exists(id: string): Promise<boolean> { return assetMetaApi.exists(this.#scope, id); }
  public existsMultiple(ids: readonly string[]): Promise<Record<string, boolean>> { return assetSearchApi.existsMany(this.#scope, ids); }

  // ---- copies and deletes (the list and query deletes answer with a job id) ----
  public copy(id: string, newId: string): Promise<string> { return assetMetaApi.copy(this.#scope, id, newId); }
  public delete(id: string): Promise<string> { return assetMetaApi.delete(this.#scope, id); }
  public deleteWithList(ids: readonly string[]): Promise<string> { return assetMetaApi.deleteWithList(this.#scope, ids); }
  public deleteWithQuery(search: SearchQueryInput): Promise<string> { return assetMetaApi.deleteWithQuery(this.#scope, search); }
  public removeKeyFromIndex(key: string): Promise<string> { return assetMetaApi.removeKeyFromIndex(this.#scope, key); }

  // ---- searches and aggregations ----
  public searchAssets(search?: SearchQueryInput, page?: PageOptions): Promise<string[]> { return assetSearchApi.searchIds(this.#scope, search, page); }
  /** Every matching id, paging with `search_after` until an empty page. */
  public assetsIterator(search?: SearchQueryInput, options?: IterateOptions): AsyncGenerator<string> { return assetSearchApi.ids(this.#scope, search, options); }
  public async searchAssetsLarge(search?: SearchQueryInput, options?: IterateOptions): Promise<string[]> { return collect(this.assetsIterator(search, options)); }
  public searchMeta(search?: SearchQueryInput, page?: MetaPageOptions): Promise<WireDoc[]> { return assetSearchApi.searchMeta(this.#scope, search, page); }
  public metaIterator(search?: SearchQueryInput, options?: IterateOptions): AsyncGenerator<WireDoc> { return assetSearchApi.docs(this.#scope, search, options); }
  public async searchMetaLarge(search?: SearchQueryInput, options?: IterateOptions): Promise<WireDoc[]> { return collect(this.metaIterator(search, options)); }
  public count(search?: SearchQueryInput): Promise<number> { return assetSearchApi.count(this.#scope, search); }
  public sum(fieldName: string, search?: SearchQueryInput, isNested?: boolean): Promise<number | null> { return assetSearchApi.aggregate(this.#scope, 'sum', fieldName, search, isNested); }
  public average(fieldName: string, search?: SearchQueryInput, isNested?: boolean): Promise<number | null> { return assetSearchApi.aggregate(this.#scope, 'average', fieldName, search, isNested); }
  public async cardinality(fieldName: string, search?: SearchQueryInput, isNested?: boolean): Promise<number> {
    return (await assetSearchApi.aggregate(this.#scope, 'cardinality', fieldName, search, isNested)) ?? 0;
  }
  public summaryMeta(request: SummaryRequestInput): Promise<WireSummary> { return assetSearchApi.summary(this.#scope, request); }
  public getAllSearchFields(): Promise<WireField[]> { return assetSearchApi.fields(this.#scope); }
  public getStatistics(fields?: readonly string[]): Promise<Record<string, WireFieldStatistic>> { return assetSearchApi.statistics(this.#scope, fields); }

  // ---- download URLs ----
  public getUrl(id: string, expirationSeconds?: number): Promise<string> { return assetUrlApi.getUrl(this.#scope, id, expirationSeconds); }
  public getUrlInBatch(ids: readonly string[]): Promise<Record<string, string | null>> { return assetUrlApi.getUrlInBatch(this.#scope, ids); }
  public getUrlFromObjectAccess(access: WireObjectAccess): Promise<string> { return assetUrlApi.fromObjectAccess(this.#scope, access); }
  public getUrlsFromObjectAccesses(ids: readonly string[], accesses: readonly WireObjectAccess[]): Promise<Record<string, string | null>> {
    return assetUrlApi.fromObjectAccessInBatch(this.#scope, ids, accesses);
  }
  public listObjects(bucket: string, folder?: string): Promise<WireStoredObject[]> { return assetUrlApi.listObjects(this.#scope, bucket, folder); }
  public getSignedUrl(bucket: string, key: string): Promise<string> { return assetUrlApi.signedUrl(this.#scope, bucket, key); }
}
