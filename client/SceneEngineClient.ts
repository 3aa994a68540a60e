import type { AssetType } from '../shared/scenebox/constants';
import type { WireComment } from '../shared/wire/assetWire';
import type { WireNewUser, WireOrganization, WireOwnership, WireUser, WireWhoami } from '../shared/wire/identityWire';
import type { WireJob } from '../shared/wire/jobWire';
import type { WireDoc, WireField, WireFieldStatistic, WireSummary } from '../shared/wire/searchWire';
import { AssetManagerClient } from './AssetManagerClient';
import { commentsApi } from './comments/commentsApi';
import { httpSettingsOf, type HttpSettings } from './http/HttpSettings';
import { SceneBoxHttp } from './http/SceneBoxHttp';
import { withoutTrailingSlash, type UrlSource } from './http/UrlSource';
import { identityApi, type ClearCacheOptions, type NewUser, type Ownership, type UserPatch } from './identity/identityApi';
import { JobManagerClient } from './JobManagerClient';
import { jobsApi } from './jobs/jobsApi';
import type { WaitOptions } from './jobs/pollJob';
import { indexingApi, type IndexRequest } from './indexing/indexingApi';
import { searchApi } from './search/searchApi';
import { sessionsApi, type NewSession } from './sessions/sessionsApi';
import { setsApi, type NewSet } from './sets/setsApi';
import type { MetaPageOptions, PageOptions, SearchQueryInput, SummaryRequestInput } from './search/SearchOptions';

export interface SceneEngineClientOptions extends HttpSettings {
  authToken: string;
  /** The SceneEngine URL, with or without its `/v1`. */
  sceneEngineUrl: string;
  /** Found through `GET /status` (once, when first needed) when absent. */
  assetManagerUrl?: UrlSource;
  /** Where downloads land by default. */
  artifactsPath?: string;
  /** Files uploading at once in a batch of its asset managers; the Python client's default is 20. */
  numThreads?: number;
}

type Ack = { acknowledged: true };

/** The SceneEngine root: the URL without a trailing `/v1` (only that segment, never a `v1` elsewhere in it). */
function engineRoot(url: string): string {
  return withoutTrailingSlash(url).replace(/\/v1$/, '');
}

/**
 * The root client (the Python `SceneEngineClient`, camelCase). Methods are thin delegations to
 * domain modules (`identity/`, `search/`, `comments/`, `jobs/`), each taking the transport, so
 * that a new domain (sets, sessions, annotations) is a new module and a few lines here.
 */
export class SceneEngineClient {
  public readonly artifactsPath: string;
  public readonly numThreads: number;
  readonly #options: SceneEngineClientOptions;
  readonly #se: SceneBoxHttp;
  readonly #am: SceneBoxHttp;

  public constructor(options: SceneEngineClientOptions) {
    this.#options = options;
    this.artifactsPath = options.artifactsPath ?? '.';
    this.numThreads = options.numThreads ?? 20;
    const settings = httpSettingsOf(options);
    this.#se = new SceneBoxHttp({ baseUrl: engineRoot(options.sceneEngineUrl), authToken: options.authToken, ...settings });
    // Constructors cannot await: the asset manager's URL is looked up on first use, then cached.
    const discovered = options.assetManagerUrl ?? (async () => (await identityApi.status(this.#se)).asset_manager_url);
    this.#am = new SceneBoxHttp({ baseUrl: discovered, authToken: options.authToken, ...settings });
  }

  /** A client with another token, sharing the discovered asset-manager URL. */
  public withAuth(authToken: string): SceneEngineClient {
    return new SceneEngineClient({ ...this.#options, authToken, assetManagerUrl: () => this.#am.baseUrl() });
  }

  public assetManagerUrl(): Promise<string> { return this.#am.baseUrl(); }

  public getAssetManager(assetType: AssetType, options: { metadataOnly?: boolean } = {}): AssetManagerClient {
    return new AssetManagerClient({
      assetType, assetManagerUrl: () => this.#am.baseUrl(), authToken: this.#options.authToken, ...httpSettingsOf(this.#options),
      concurrency: this.numThreads,
      ...(options.metadataOnly !== undefined ? { metadataOnly: options.metadataOnly } : {}),
    });
  }

  public getJobManager(jobId?: string): JobManagerClient {
    return new JobManagerClient({
      assetManagerUrl: () => this.#am.baseUrl(), authToken: this.#options.authToken, ...httpSettingsOf(this.#options),
      ...(jobId !== undefined ? { jobId } : {}),
    });
  }

  // ---- discovery and identity ----
  public whoami(): Promise<WireWhoami> { return identityApi.whoami(this.#se); }
  public async getPlatformVersion(): Promise<string> { return (await identityApi.status(this.#se)).version; }
  public addUser(user: NewUser): Promise<WireNewUser> { return identityApi.addUser(this.#se, user); }
  public modifyUser(username: string, patch: UserPatch): Promise<WireUser> { return identityApi.modifyUser(this.#se, username, patch); }
  public deleteUser(username: string): Promise<Ack> { return identityApi.deleteUser(this.#se, username); }
  public listUsers(): Promise<WireUser[]> { return identityApi.listUsers(this.#se); }
  public addOrganization(name: string): Promise<WireOrganization> { return identityApi.addOrganization(this.#se, name); }
  public listOrganizations(): Promise<WireOrganization[]> { return identityApi.listOrganizations(this.#se); }
  public modifyOrganization(id: string, name: string): Promise<Ack> { return identityApi.modifyOrganization(this.#se, id, name); }
  public deleteOrganization(id: string): Promise<Ack> { return identityApi.deleteOrganization(this.#se, id); }
  public addOwnership(ownership: Ownership): Promise<Ack> { return identityApi.addOwnership(this.#se, ownership); }
  public revokeOwnership(ownership: Ownership): Promise<Ack> { return identityApi.revokeOwnership(this.#se, ownership); }
  public listOwnerships(): Promise<WireOwnership[]> { return identityApi.listOwnerships(this.#se); }
  public clearCache(options?: ClearCacheOptions): Promise<Ack> { return identityApi.clearCache(this.#se, options); }

  // ---- jobs ----
  public getJob(jobId: string): Promise<WireJob> { return jobsApi.getJob(this.#am, jobId); }
  /** Resolves on `finished`; throws `JobFailedError` (with the notes) on `aborted`. */
  public waitForJob(jobId: string, options?: WaitOptions): Promise<WireJob> { return jobsApi.waitForJob(this.#am, jobId, options); }
  public cancelJob(jobId: string): Promise<WireJob> { return jobsApi.cancelJob(this.#se, jobId); }

  // ---- generic asset search and metadata ----
  /** Without page options, every match (pages of 5000 with `search_after`); with them, that one page. */
  public searchAssets(assetType: AssetType, search?: SearchQueryInput, page?: PageOptions): Promise<string[]> { return searchApi.searchAssets(this.#se, assetType, search, page); }
  public searchMeta(assetType: AssetType, search?: SearchQueryInput, page?: MetaPageOptions): Promise<WireDoc[]> { return searchApi.searchMeta(this.#se, assetType, search, page); }
  public count(assetType: AssetType, search?: SearchQueryInput): Promise<number> { return searchApi.count(this.#se, assetType, search); }
  public summaryMeta(assetType: AssetType, request: SummaryRequestInput): Promise<WireSummary> { return searchApi.summaryMeta(this.#se, assetType, request); }
  public getMetadata(id: string, assetType: AssetType, withSessionMetadata?: boolean): Promise<WireDoc> { return searchApi.getMetadata(this.#se, assetType, id, withSessionMetadata); }
  public getSearchableFields(assetType: AssetType): Promise<WireField[]> { return searchApi.getSearchableFields(this.#se, assetType); }
  public getSearchableFieldStatistics(assetType: AssetType): Promise<Record<string, WireFieldStatistic>> { return searchApi.getSearchableFieldStatistics(this.#se, assetType); }
  public getResponseModel(assetType: AssetType): Promise<Record<string, unknown>> { return searchApi.getResponseModel(this.#se, assetType); }

  // ---- comments ----
  public addCommentToAssets(assetType: AssetType, ids: readonly string[], comment: string): Promise<Ack & { ids: string[] }> { return commentsApi.add(this.#se, assetType, ids, comment); }
  public deleteCommentFromAssets(assetType: AssetType, ids: readonly string[], comment: string): Promise<Ack & { ids: string[] }> { return commentsApi.remove(this.#se, assetType, ids, comment); }
  public getComments(assetType: AssetType, ids: readonly string[]): Promise<Record<string, WireComment[]>> { return commentsApi.get(this.#se, assetType, ids); }

  // ---- sets ----
  /** Creates a set, or answers the id of an existing set with this name. */
  public createSet(set: NewSet): Promise<string> { return setsApi.create(this.#se, set); }
  public addAssetsToSetById(setId: string, ids: readonly string[]): Promise<string> { return setsApi.addAssetsById(this.#se, setId, ids); }

  // ---- sessions ----
  /** Creates a session, or answers the uid of an existing session with this name. */
  public addSession(session: NewSession): Promise<string> { return sessionsApi.add(this.#se, session); }
  public addEntities(entities: readonly Record<string, unknown>[], urgent?: boolean): Promise<void> { return sessionsApi.addEntities(this.#se, entities, urgent); }

  // ---- indexing ----
  public indexRosbag(request: IndexRequest): Promise<string> { return indexingApi.rosbag(this.#se, request); }
  public indexRosbag2(request: IndexRequest): Promise<string> { return indexingApi.rosbag2(this.#se, request); }
}
