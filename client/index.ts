// The public API of the SceneDock TypeScript client.
export { SceneEngineClient, type SceneEngineClientOptions } from './SceneEngineClient';
export { AssetManagerClient, type AssetManagerClientOptions } from './AssetManagerClient';
export { JobManagerClient, type JobManagerClientOptions } from './JobManagerClient';

export {
  ResponseError, ValidationError, AuthenticationError, PermissionError, NotFoundError, ConflictError, StorageFullError,
  type ResponseErrorDetails,
} from './errors/ResponseError';
export { TransportError } from './errors/TransportError';
export { MalformedResponseError } from './errors/MalformedResponseError';
export { IntegrityError } from './errors/IntegrityError';
export { JobFailedError } from './errors/JobFailedError';
export { JobTimeoutError } from './errors/JobTimeoutError';

export { SceneBoxHttp, type HttpEvent, type SceneBoxHttpOptions } from './http/SceneBoxHttp';
export type { HttpSettings } from './http/HttpSettings';
export type { UrlSource } from './http/UrlSource';
export type { RetryOptions } from './http/retryWithBackoff';
export type { ClearCacheOptions, NewUser, Ownership, UserPatch } from './identity/identityApi';
export type { WaitOptions } from './jobs/pollJob';
export type { NewJob } from './jobs/jobManagerApi';
export type { Metadata, UpdateByQuery } from './assets/assetMetaApi';
export type { IterateOptions, AggregationKind } from './assets/assetSearchApi';
export type { DownloadedFile } from './assets/downloadApi';
export type { CompletedPart, CompletedUpload } from './upload/multipartApi';
export type { AssetInput, PutAssetResult, PutAssetsOptions } from './upload/putAssets';
export { newAssetId } from './upload/putAssets';
export type { PutFileOptions, PutFileResult, UploadProgress } from './upload/UploadProgress';
export type { UploadInput } from './upload/UploadSource';
export type { MetaPageOptions, PageOptions, SearchQueryInput, SummaryRequestInput } from './search/SearchOptions';
export { SetsError, SetLockTimeoutError } from './errors/SetsError';
export { SessionError } from './errors/SessionError';
export { EntityBatchError } from './errors/EntityBatchError';
export { AnnotationBatchError } from './errors/AnnotationBatchError';
export type { JobOptions } from './jobs/JobOptions';
export type { NewSet, SetMembers, SplitRequest, SplitSpec } from './sets/setsApi';
export type { WireSetStatus } from './sets/setWire';
export type { LockWaitOptions } from './sets/waitForSetUnlock';
export type { NewSession, DeleteEvents, TimeRange } from './sessions/sessionsApi';
export type { SendOptions } from './sessions/SessionEntities';
export type { DfRecord } from './sessions/recordsToEntities';
export type { TimeInput } from './sessions/toIsoUtc';
export type { TimeseriesSlice } from './sessions/downloadTimeseries';
export type { EgoPoseInput } from './sessions/addEgoPose';
export type { WireEntitySummary, WireIntervals } from './sessions/sessionWire';
export type { AddAnnotationsOptions } from './annotations/addAnnotations';
export type { AnnotationSelection, AnnotationSourceFilter, ToObjectsRequest } from './annotations/annotationsApi';
export type { WireAnnotationSource } from './annotations/annotationWire';
export type { DownloadedAnnotation } from './annotations/downloadAnnotations';
export type { CocoImportOptions, CocoImportResult } from './annotations/addCocoAnnotationsFromFolder';
export type { CocoEntityCounts } from './annotations/cocoToAnnotations';
export { BatchRefusedError } from './errors/BatchRefusedError';
