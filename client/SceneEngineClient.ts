import type { AssetType } from '../shared/scenebox/constants';
import type { Annotation } from '../shared/annotations/Annotation';
import type { AnnotationMediaType } from '../shared/annotations/annotationConstants';
import { addAnnotations, type AddAnnotationsOptions } from './annotations/addAnnotations';
import { addCocoAnnotationsFromFolder, type CocoImportOptions, type CocoImportResult } from './annotations/addCocoAnnotationsFromFolder';
import { annotationsApi, type AnnotationSelection, type AnnotationSourceFilter, type ToObjectsRequest } from './annotations/annotationsApi';
import type { WireAnnotationSource } from './annotations/annotationWire';
import { downloadAnnotations, type DownloadedAnnotation } from './annotations/downloadAnnotations';
import { isCocoAnnotationFileValid } from './annotations/isCocoAnnotationFileValid';
import { NotFoundError } from './errors/ResponseError';
import { SessionError } from './errors/SessionError';
import type { JobOptions } from './jobs/JobOptions';
import { addEgoPose, type EgoPoseInput } from './sessions/addEgoPose';
import { downloadTimeseries, type TimeseriesSlice } from './sessions/downloadTimeseries';
import type { DfRecord } from './sessions/recordsToEntities';
import { SessionEntities, type SendOptions } from './sessions/SessionEntities';
import type { WireEntitySummary } from './sessions/sessionWire';
import { secondsOf, toIsoUtc, type TimeInput } from './sessions/toIsoUtc';
import { downloadZipfile } from './sets/downloadZipfile';
import type { WireSetStatus } from './sets/setWire';
import { isSetLocked, waitForSetUnlock, type LockWaitOptions } from './sets/waitForSetUnlock';
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
import { sessionsApi, type DeleteEvents, type NewSession, type TimeRange } from './sessions/sessionsApi';
import { setsApi, type NewSet, type SetMembers, type SplitRequest, type SplitSpec } from './sets/setsApi';
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
 * domain modules (`identity/`, `search/`, `comments/`, `jobs/`, `sets/`, `sessions/`,
 * `annotations/`), each taking the transport. Long work answers a job id; with
 * `waitForCompletion` the method returns once the job has finished (and throws if it aborted).
 */
export class SceneEngineClient {
  public readonly artifactsPath: string;
  public readonly numThreads: number;
  readonly #options: SceneEngineClientOptions;
  readonly #se: SceneBoxHttp;
  readonly #am: SceneBoxHttp;
  readonly #entities: SessionEntities;

  public constructor(options: SceneEngineClientOptions) {
    this.#options = options;
    this.artifactsPath = options.artifactsPath ?? '.';
    this.numThreads = options.numThreads ?? 20;
    const settings = httpSettingsOf(options);
    this.#se = new SceneBoxHttp({ baseUrl: engineRoot(options.sceneEngineUrl), authToken: options.authToken, ...settings });
    // Constructors cannot await: the asset manager's URL is looked up on first use, then cached.
    const discovered = options.assetManagerUrl ?? (async () => (await identityApi.status(this.#se)).asset_manager_url);
    this.#am = new SceneBoxHttp({ baseUrl: discovered, authToken: options.authToken, ...settings });
    this.#entities = new SessionEntities(this.#se, async (uid) => this.getAssetManager('sessions').getMetadata(uid).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }));
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
  /** Creates a set, or answers the id of an existing set with this name (409 `ConflictError` with `raiseIfExists`). */
  public createSet(set: NewSet): Promise<string> { return setsApi.create(this.#se, set); }
  public async setLock(setId: string): Promise<true> { await setsApi.lock(this.#se, setId); return true; }
  public async setUnlock(setId: string): Promise<true> { await setsApi.unlock(this.#se, setId); return true; }
  public setIsLocked(setId: string): Promise<boolean> { return isSetLocked(this.#se, setId); }
  public getSetStatus(setId: string): Promise<WireSetStatus> { return setsApi.status(this.#se, setId); }
  /** Waits (or refuses, per `LockWaitOptions`) while the set is locked, then answers the job that adds the members. */
  public async addAssetsToSet(setId: string, members: SetMembers, options: LockWaitOptions & JobOptions = {}): Promise<string> {
    await waitForSetUnlock(this.#se, setId, options);
    return this.#job(await setsApi.add(this.#se, setId, members), options);
  }
  public async removeAssetsFromSet(setId: string, members: SetMembers, options: LockWaitOptions & JobOptions = {}): Promise<string> {
    await waitForSetUnlock(this.#se, setId, options);
    return this.#job(await setsApi.remove(this.#se, setId, members), options);
  }
  public assetsInSet(setId: string): Promise<string[]> { return setsApi.ids(this.#se, setId); }
  /** Member documents (`showMeta`, the default) or ids matching a search. */
  public searchWithinSet(setId: string, search?: SearchQueryInput, showMeta?: true): Promise<WireDoc[]>;
  public searchWithinSet(setId: string, search: SearchQueryInput | undefined, showMeta: false): Promise<string[]>;
  public searchWithinSet(setId: string, search: SearchQueryInput = {}, showMeta = true): Promise<WireDoc[] | string[]> {
    return showMeta ? setsApi.docs(this.#se, setId, search) : setsApi.ids(this.#se, setId, search);
  }
  public async deleteSet(setId: string, options: { deleteContent?: boolean } & JobOptions = {}): Promise<string> {
    return this.#job(await setsApi.delete(this.#se, setId, options.deleteContent ?? false), options);
  }
  /** Answers the subsets' ids (filled by a job: wait for it, or read the set status, before using them). */
  public async splitSet(setId: string, percentagesOrSections: SplitSpec, options: SplitRequest & JobOptions = {}): Promise<string[]> {
    const { jobId, subsetIds } = await setsApi.split(this.#se, setId, percentagesOrSections, options);
    await this.#job(jobId, options);
    return subsetIds;
  }
  public zipSet(setId: string, forceRecreate?: boolean): Promise<{ jobId: string; zipId: string }> { return setsApi.zip(this.#se, setId, forceRecreate); }
  /** The zip's bytes, or with a file name its path under `artifactsPath`. */
  public downloadZipfile(zipId: string, outputFilename?: string): Promise<string | Buffer> {
    return downloadZipfile(this.getAssetManager('zipfiles'), zipId, this.artifactsPath, outputFilename);
  }
  /** Zips the set, waits for the zip (always, as the Python client), and downloads it. */
  public async zipSetAndDownload(setId: string, filename?: string, wait?: WaitOptions): Promise<string | Buffer> {
    const { jobId, zipId } = await this.zipSet(setId);
    await this.waitForJob(jobId, wait);
    return this.downloadZipfile(zipId, filename);
  }

  // ---- sessions ----
  /** Creates a session, or answers the uid of an existing session with this name (`SessionError` with `raiseIfExists`). */
  public async addSession(session: NewSession & { raiseIfExists?: boolean }): Promise<string> {
    if (session.raiseIfExists) {
      const [existing] = await this.searchAssets('sessions', { filters: [{ field: 'session_name', values: [session.name] }] }, { size: 1 });
      if (existing !== undefined) throw new SessionError(`a session named ${JSON.stringify(session.name)} exists: ${existing}`);
    }
    return sessionsApi.add(this.#se, session);
  }
  public sliceSession(uid: string, startTime: TimeInput, endTime: TimeInput, sessionName?: string): Promise<string> {
    return sessionsApi.slice(this.#se, uid, toIsoUtc(startTime), toIsoUtc(endTime), sessionName);
  }
  public updateTimeSpan(uid: string, start: TimeInput, end: TimeInput): Promise<WireDoc> { return sessionsApi.updateTimeSpan(this.#se, uid, toIsoUtc(start), toIsoUtc(end)); }
  /** Widens the session's span to cover the timestamps (never narrows it). */
  public async extendTimeSpan(uid: string, timestamps: readonly TimeInput[]): Promise<WireDoc> {
    const doc = await this.getAssetManager('sessions').getMetadata(uid);
    const times = [doc.start_time, doc.end_time].filter((t): t is string => typeof t === 'string').concat(timestamps.map(toIsoUtc));
    const seconds = times.map((t, i) => ({ t, s: secondsOf(t, `timestamps[${i}]`) })).sort((a, b) => a.s - b.s);
    const first = seconds[0];
    const last = seconds[seconds.length - 1];
    if (!first || !last) throw new RangeError('extendTimeSpan needs at least one timestamp');
    return this.updateTimeSpan(uid, first.t, last.t);
  }
  public addSourceData(uid: string, sourceData: readonly Record<string, unknown>[], sensors: readonly Record<string, unknown>[], replace?: boolean): Promise<WireDoc> {
    return sessionsApi.addSourceData(this.#se, uid, sourceData, sensors, replace);
  }
  public addAuxiliarySessionData(uid: string, auxiliaryData: readonly Record<string, unknown>[], replace?: boolean): Promise<WireDoc> {
    return sessionsApi.addAuxiliaryData(this.#se, uid, auxiliaryData, replace);
  }
  public addEgoPose(uid: string, input: EgoPoseInput): Promise<WireDoc> { return addEgoPose(this.#se, this.getAssetManager('annotations'), uid, input); }
  public addEnrichmentsConfigs(uid: string, configs: readonly Record<string, unknown>[], replace?: boolean): Promise<WireDoc> {
    return sessionsApi.addEnrichmentsConfigs(this.#se, uid, configs, replace);
  }
  /** Checked as a whole (shapes, times, session spans) before the first chunk of 100 is sent: a refused batch stores nothing. */
  public addEntities(entities: readonly Record<string, unknown>[], options?: SendOptions): Promise<void> { return this.#entities.add(entities, options); }
  public addEntity(entity: Record<string, unknown>, options?: SendOptions): Promise<void> { return this.#entities.add([entity], options); }
  public flushEntitiesBuffer(): Promise<void> { return this.#entities.flush(); }
  public async resolveSession(uid: string, options: { resolution?: number } & JobOptions = {}): Promise<string> {
    return this.#job(await sessionsApi.resolve(this.#se, uid, options.resolution), options);
  }
  public getSessionResolutionStatus(uid: string): Promise<string> { return sessionsApi.resolutionStatus(this.#se, uid); }
  public addEventInterval(name: string, value: string | readonly string[], start: TimeInput, end: TimeInput, uid: string, options?: SendOptions): Promise<string[]> {
    return this.#entities.eventIntervals(uid, name, [value], [start], [end], options);
  }
  public addEventIntervals(name: string, values: readonly (string | readonly string[])[], starts: readonly TimeInput[], ends: readonly TimeInput[], uid: string, options?: SendOptions & { extendSession?: boolean; epsilon?: number }): Promise<string[]> {
    return this.#entities.eventIntervals(uid, name, values, starts, ends, options);
  }
  public addScalarMeasurements(name: string, values: readonly number[], timestamps: readonly TimeInput[], uid: string, options?: SendOptions): Promise<string[]> {
    return this.#entities.scalarMeasurements(uid, name, values, timestamps, options);
  }
  public addScalarIntervals(name: string, values: readonly number[], starts: readonly TimeInput[], ends: readonly TimeInput[], uid: string, epsilon?: number): Promise<string[]> {
    return this.#entities.scalarIntervals(uid, name, values, starts, ends, epsilon);
  }
  public addPointEvents(name: string, values: readonly unknown[], timestamps: readonly TimeInput[], uid: string, options?: SendOptions): Promise<string[]> {
    return this.#entities.pointEvents(uid, name, values, timestamps, options);
  }
  public addGeolocationEntity(latitude: number, longitude: number, timestamp: TimeInput, uid: string, options?: SendOptions): Promise<string[]> {
    return this.#entities.geolocations(uid, [latitude], [longitude], [timestamp], options);
  }
  public addGeolocationEntities(latitudes: readonly number[], longitudes: readonly number[], timestamps: readonly TimeInput[], uid: string, options?: SendOptions): Promise<string[]> {
    return this.#entities.geolocations(uid, latitudes, longitudes, timestamps, options);
  }
  /** `add_df` over rows of records, then the resolve it ends with; answers the resolve job. */
  public async addDf(rows: readonly DfRecord[], uid: string, options: { timestamps?: readonly TimeInput[] } & JobOptions = {}): Promise<string> {
    await this.#entities.df(uid, rows, options.timestamps);
    return this.resolveSession(uid, options);
  }
  public async addTimeseriesCsv(uid: string, csvPath: string, options: { labels?: readonly string[] } & JobOptions = {}): Promise<string> {
    await this.#entities.timeseriesCsv(uid, csvPath, options.labels);
    return this.resolveSession(uid, options);
  }
  public downloadTimeseries(search?: SearchQueryInput, fields?: readonly string[]): Promise<Record<string, TimeseriesSlice[]>> { return downloadTimeseries(this.#se, search, fields); }
  /** Values of the fields (all with `*`) at each resolved index of the session, optionally within a time range. */
  public getFieldData(uid: string, fields: readonly string[], options: { search?: SearchQueryInput; timeRange?: TimeRange } = {}): Promise<Record<string, unknown[]>> {
    const range = options.timeRange;
    const search = range ? { ...options.search, time_range: { start_time: range.startTime ?? null, end_time: range.endTime ?? null } } : options.search;
    return sessionsApi.fieldData(this.#se, uid, fields, search);
  }
  public entitySummary(uid: string, entityNames?: readonly string[], range?: TimeRange): Promise<WireEntitySummary> { return sessionsApi.entitySummary(this.#se, uid, entityNames, range); }
  public async addComments(comments: string | readonly string[], start: TimeInput, end: TimeInput, uid: string, options: JobOptions = {}): Promise<string> {
    return this.#job(await sessionsApi.addComments(this.#se, uid, typeof comments === 'string' ? [comments] : comments, toIsoUtc(start), toIsoUtc(end)), options);
  }
  public async deleteSession(uid: string, options: { deleteAssetsContents?: boolean } & JobOptions = {}): Promise<string> {
    return this.#job(await sessionsApi.delete(this.#se, uid, options.deleteAssetsContents ?? true), options);
  }
  public async deleteEvents(request: DeleteEvents, options: JobOptions = {}): Promise<string> { return this.#job(await sessionsApi.deleteEvents(this.#se, request), options); }

  // ---- annotations ----
  public async addAnnotation(annotation: Annotation, options?: AddAnnotationsOptions): Promise<string> {
    const [id] = await this.addAnnotations([annotation], options);
    return id ?? annotation.id;
  }
  /** Answers the stored annotation ids; refuses the whole batch before writing when a media asset is missing. */
  public addAnnotations(annotations: readonly Annotation[], options?: AddAnnotationsOptions): Promise<string[]> { return addAnnotations((t) => this.getAssetManager(t), annotations, options); }
  public getAnnotationSources(search?: SearchQueryInput, mediaType?: AnnotationMediaType): Promise<WireAnnotationSource[]> { return annotationsApi.sources(this.#se, search, mediaType); }
  public getAnnotationLabels(search?: SearchQueryInput, mediaType?: AnnotationMediaType): Promise<string[]> { return annotationsApi.labels(this.#se, search, mediaType); }
  /** Deletes the annotations (by ids and/or search) and takes them off their media assets. */
  public async deleteAnnotations(selection: AnnotationSelection, options: JobOptions = {}): Promise<string> { return this.#job(await annotationsApi.delete(this.#se, selection), options); }
  /** Waits by default, as the Python client. */
  public async removeAnnotationSources(sources: readonly AnnotationSourceFilter[], mediaType: AnnotationMediaType, assetFilters?: SearchQueryInput, options: JobOptions = { waitForCompletion: true }): Promise<string> {
    return this.#job(await annotationsApi.removeSources(this.#se, sources, mediaType, assetFilters), options);
  }
  public async cleanupAnnotationMasks(selection: AnnotationSelection, options: { forceReclean?: boolean } & JobOptions = {}): Promise<string> {
    return this.#job(await annotationsApi.cleanupMasks(this.#se, selection, options.forceReclean), options);
  }
  /** Waits by default, as the Python client. */
  public async annotationsToObjects(request: ToObjectsRequest, options: JobOptions = { waitForCompletion: true }): Promise<string> {
    return this.#job(await annotationsApi.toObjects(this.#se, request), options);
  }
  public downloadAnnotations(ids: readonly string[], folderPath?: string): Promise<Record<string, DownloadedAnnotation>> {
    return downloadAnnotations(this.getAssetManager('annotations'), ids, folderPath);
  }
  public isCocoAnnotationFileValid(filePath: string): Promise<boolean> { return isCocoAnnotationFileValid(filePath); }
  public async addCocoAnnotationsFromFolder(options: CocoImportOptions & JobOptions): Promise<CocoImportResult> {
    return addCocoAnnotationsFromFolder({
      am: (t) => this.getAssetManager(t),
      toObjects: (ids, outputSetId, sessionUid) => this.annotationsToObjects(
        { ids, createObjects: true, ...(outputSetId ? { outputSetId } : {}), ...(sessionUid ? { sessionUid } : { addToSession: false }) },
        { waitForCompletion: options.waitForCompletion ?? false, ...(options.wait ? { wait: options.wait } : {}) },
      ),
    }, options);
  }

  /** The job id, once the job has ended when the caller waits for it. */
  async #job(jobId: string, options: JobOptions): Promise<string> {
    if (options.waitForCompletion) await this.waitForJob(jobId, options.wait);
    return jobId;
  }

  // ---- indexing ----
  public indexRosbag(request: IndexRequest): Promise<string> { return indexingApi.rosbag(this.#se, request); }
  public indexRosbag2(request: IndexRequest): Promise<string> { return indexingApi.rosbag2(this.#se, request); }
}
