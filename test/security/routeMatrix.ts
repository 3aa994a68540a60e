import type { PyResponse } from '../helpers/pythonStyleRequest';
import type { OrgAData, Params } from './startSecurityBed';

/**
 * `denied`: the route names one of org A's things; for org B it must answer 403 or 404 (a 400
 * would mean the request never reached the ownership check). `own`: the route acts on the
 * caller's own organization (searches, writes by id into its own scope): org B may get 200, but
 * never org A's data, and org A must be unchanged.
 */
export type CrossOrg = 'denied' | 'own';

export interface RouteCase {
  family: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  params?: Params;
  body?: unknown;
  write: boolean;
  cross: CrossOrg;
  /** More that org B must see (e.g. `exists` answers false). */
  checkB?: (res: PyResponse) => void;
  /** What org A's own read answers when not 200 (field data of a session never resolved: 409). */
  ownerStatus?: number;
  /**
   * For a `denied` route that checks its input in one pass: a 400 whose message says the thing
   * named does not exist (for org B it does not) counts as denied.
   */
  deniedAs?: RegExp;
  /** The reply names a job that only an outside worker would run (jobs/add): nothing to wait for. */
  externalJob?: boolean;
}

export interface MatrixInput {
  orgA: string;
  data: OrgAData;
  sha256: string;
}

const img = { asset_type: 'images', metadata_only: false };
const t0 = '2026-01-01T00:00:00';
const t1 = '2026-01-01T00:01:00';

const expectJson = (expected: unknown) => (res: PyResponse): void => {
  if (JSON.stringify(res.json) !== JSON.stringify(expected)) throw new Error(`expected ${JSON.stringify(expected)}, got ${res.status} ${res.text}`);
};

/** One request per route of every family that reads or writes an organization's data. */
export function routeMatrix({ orgA, data: d, sha256 }: MatrixInput): RouteCase[] {
  const AM = '/am/v1/assets';
  const JOBS = '/am/v1/jobs';
  const SM = '/v1/session_manager';
  const SETS = `/v1/sets/${d.setId}`;
  const entity = { session: d.sessionUid, timestamp: t0, entity_id: 'e1', entity_name: 'speed', entity_value: 1, entity_type: 'scalar', influence: 'linear_interpolation' };
  const r = (family: string, method: RouteCase['method'], path: string, cross: CrossOrg, body?: unknown, params?: Params, checkB?: RouteCase['checkB']): RouteCase =>
    ({ family, method, path, cross, write: false, ...(body !== undefined ? { body } : {}), ...(params ? { params } : {}), ...(checkB ? { checkB } : {}) });
  const w = (...args: Parameters<typeof r>): RouteCase => ({ ...r(...args), write: true });
  return [
    // asset manager: metadata
    r('assets', 'POST', AM, 'own', {}, img),
    r('assets', 'POST', `${AM}/meta`, 'own', {}, img),
    r('assets', 'POST', `${AM}/count`, 'own', {}, img, expectJson(0)),
    r('assets', 'POST', `${AM}/sum`, 'own', { field_name: 'width' }, img),
    r('assets', 'POST', `${AM}/meta/summary`, 'own', { dimensions: ['sensor'] }, img),
    r('assets', 'GET', `${AM}/meta/search_fields`, 'own', undefined, img),
    r('assets', 'POST', `${AM}/field_statistics`, 'own', {}, img),
    r('assets', 'GET', `${AM}/meta/${d.imageId}`, 'denied', undefined, img),
    r('assets', 'GET', `${AM}/exists/${d.imageId}`, 'own', undefined, img, expectJson(false)),
    w('assets', 'PUT', `${AM}/meta/${d.imageId}`, 'own', { sensor: 'written by B' }, { ...img, replace: false }),
    w('assets', 'POST', `${AM}/meta_batch`, 'own', { ids: [d.imageId], metadata: [{ sensor: 'written by B' }] }, { ...img, replace: false }),
    w('assets', 'PUT', `${AM}/copy/${d.imageId}`, 'denied', undefined, { ...img, new_id: 'stolen' }),
    w('assets', 'DELETE', `${AM}/${d.imageId}`, 'denied', undefined, img),
    w('assets', 'POST', `${AM}/remove_with_query`, 'own', {}, img),
    w('assets', 'POST', `${AM}/remove_with_list`, 'own', { assets_list: [d.imageId] }, img),
    w('assets', 'POST', `${AM}/remove_key_from_index`, 'own', { key: 'sensor' }, img),
    w('assets', 'POST', `${AM}/update_by_query`, 'own', { update_field: 'tags', update_value: 'x', operation: 'add' }, img),
    w('assets', 'POST', `${AM}/register_field`, 'own', { field: 'x' }, img),
    // asset manager: bytes
    r('storage', 'GET', `${AM}/${d.imageId}`, 'denied', undefined, { ...img, return_url: true }),
    r('storage', 'POST', '/am/v1/storage/url_from_object_access', 'denied', { uri: d.uri }),
    r('storage', 'POST', '/am/v1/storage/url_from_object_access_in_batch', 'own', { ids: ['x'], object_accesses: [{ uri: d.uri }] }, {}, expectJson({ x: null })),
    r('storage', 'POST', '/am/v1/storage/list_objects', 'own', { bucket: 'scenedock', folder: '' }, {}, expectJson([])),
    r('storage', 'POST', '/am/v1/storage/generate_signed_url', 'denied', { bucket: 'scenedock', key: `${orgA}/${d.fileId}` }),
    r('storage', 'POST', `${AM}/object_by_sha256`, 'own', { sha256 }, img, expectJson({ exists: false })),
    w('storage', 'DELETE', `${AM}/delete_if_exists_in_storage`, 'own', undefined, { ...img, id: d.fileId }),
    w('storage', 'GET', `${AM}/multipart_parts`, 'denied', undefined, { ...img, upload_id: d.uploadId }),
    w('storage', 'POST', `${AM}/multipart_temporary_upload_url`, 'denied', { id: 'x', part_no: 1, upload_id: d.uploadId }, img),
    w('storage', 'POST', `${AM}/multipart_complete`, 'denied', { id: 'orgAsecret_big.bin', upload_id: d.uploadId, parts: [{ ETag: '"x"', PartNumber: 1 }] }, img),
    w('storage', 'DELETE', `${AM}/multipart_upload`, 'denied', undefined, { ...img, upload_id: d.uploadId }),
    w('storage', 'POST', `${AM}/temporary_upload_url`, 'denied', { ids: ['planted.png'], owner_organization_id: orgA }, img),
    w('storage', 'POST', `${AM}/multipart_upload_id`, 'denied', { id: 'planted.bin', owner_organization_id: orgA }, img),
    // SceneEngine generic asset routes
    r('scene engine', 'POST', '/v1/images', 'own', {}),
    r('scene engine', 'POST', '/v1/images/meta', 'own', {}),
    r('scene engine', 'POST', '/v1/images/meta/summary', 'own', { dimensions: ['sensor'] }),
    r('scene engine', 'GET', '/v1/images/meta/search_fields', 'own'),
    r('scene engine', 'GET', '/v1/images/meta/searchable_field_statistics', 'own'),
    r('scene engine', 'GET', `/v1/images/meta/${d.imageId}`, 'denied'),
    r('scene engine', 'POST', '/v1/images/get_comments', 'own', { ids: [d.imageId] }, {}, expectJson({})),
    w('scene engine', 'POST', '/v1/images/comments', 'denied', { ids: [d.imageId], comment: 'from B' }),
    w('scene engine', 'POST', '/v1/images/delete_comments', 'denied', { ids: [d.imageId], comment: 'from B' }),
    // sets
    r('sets', 'GET', `${SETS}/status`, 'denied'),
    r('sets', 'GET', `${SETS}/lock`, 'denied'),
    r('sets', 'POST', `${SETS}/list_assets`, 'denied', {}),
    r('sets', 'POST', `${SETS}/list_assets_meta`, 'denied', {}),
    w('sets', 'PUT', `${SETS}/lock`, 'denied'),
    w('sets', 'DELETE', `${SETS}/lock`, 'denied'),
    w('sets', 'POST', `${SETS}/add_assets_list`, 'denied', { asset_list: [d.imageId] }),
    w('sets', 'POST', `${SETS}/add_assets_query`, 'denied', {}),
    w('sets', 'POST', `${SETS}/remove_assets_list`, 'denied', { asset_list: [d.imageId] }),
    w('sets', 'POST', `${SETS}/remove_assets_query`, 'denied', {}),
    w('sets', 'DELETE', `/v1/sets/delete_set/${d.setId}`, 'denied', undefined, { delete_content: true }),
    w('sets', 'POST', '/v1/sets/split_sets', 'denied', { set_id: d.setId, percentages: [0.5, 0.5], subset_names: ['a', 'b'] }),
    w('sets', 'POST', `${SETS}/zip_all_assets`, 'denied'),
    w('sets', 'GET', `${SETS}/zip_all_assets`, 'denied'),
    w('sets', 'POST', `${SETS}/commit`, 'denied', {}),
    // sessions
    w('sessions', 'POST', `/v1/sessions/${d.sessionUid}/slice`, 'denied', { start_time: t0, end_time: t1 }),
    w('sessions', 'POST', '/v1/sessions/update_time_span', 'denied', { session_uid: d.sessionUid, session_start_time: t0, session_end_time: t1 }),
    w('sessions', 'POST', '/v1/sessions/add_source_data', 'denied', { session_uid: d.sessionUid, source_data: [{ id: 'x' }] }),
    w('sessions', 'POST', '/v1/sessions/add_auxiliary_data', 'denied', { session_uid: d.sessionUid, auxiliary_data: [{ id: 'x' }] }),
    w('sessions', 'POST', '/v1/sessions/add_enrichments_configs', 'denied', { session_uid: d.sessionUid, enrichments_configs: [{ a: 1 }] }),
    w('sessions', 'POST', `/v1/sessions/${d.sessionUid}/comments`, 'denied', { intervals: [{ start_time: t0, end_time: t1 }], texts: 'from B' }),
    { ...w('sessions', 'POST', `${SM}/add_entities`, 'denied', { entity_dicts: [entity] }), deniedAs: /session \S+ does not exist/ },
    { ...w('sessions', 'POST', `${SM}/add_entity`, 'denied', { entity_dict: entity }), deniedAs: /session \S+ does not exist/ },
    w('sessions', 'POST', `${SM}/resolve_session/${d.sessionUid}`, 'denied'),
    r('sessions', 'GET', `${SM}/resolution_status/${d.sessionUid}`, 'denied'),
    r('sessions', 'POST', `${SM}/search`, 'own', {}),
    { ...r('sessions', 'POST', `${SM}/field_data/${d.sessionUid}`, 'denied', {}), ownerStatus: 409 },
    r('sessions', 'POST', `${SM}/entity_summary/${d.sessionUid}`, 'denied', {}),
    w('sessions', 'DELETE', `${SM}/delete_session/${d.sessionUid}`, 'denied'),
    w('sessions', 'DELETE', `${SM}/delete_event`, 'denied', { session_uids: [d.sessionUid], event_names: ['comment'] }),
    w('sessions', 'POST', `${SM}/add_event_with_search`, 'own', { search: {}, event_title: 'from B' }),
    // jobs
    r('jobs', 'GET', `${JOBS}/status/${d.jobId}`, 'denied'),
    r('jobs', 'GET', `${JOBS}/progress/${d.jobId}`, 'denied'),
    r('jobs', 'GET', `${JOBS}/comprehensive_status/${d.jobId}`, 'denied'),
    r('jobs', 'GET', `${JOBS}/query_task/${d.jobId}`, 'denied'),
    { ...w('jobs', 'POST', `${JOBS}/add`, 'own', { job_type: 'b_job' }), externalJob: true },
    ...['queue', 'run', 'finish', 'abort', 'resubmit'].map((verb) => w('jobs', 'PUT', `${JOBS}/${verb}/${d.jobId}`, 'denied')),
    w('jobs', 'PUT', `${JOBS}/append_note/${d.jobId}`, 'denied', undefined, { note: 'from B' }),
    w('jobs', 'PUT', `${JOBS}/meta/${d.jobId}`, 'denied', { key: 'k', value: 1 }),
    w('jobs', 'PUT', `${JOBS}/stage/${d.jobId}`, 'denied', undefined, { stage: 'from B' }),
    w('jobs', 'PUT', `${JOBS}/progress/${d.jobId}`, 'denied', undefined, { progress: 5 }),
    w('jobs', 'DELETE', `${JOBS}/query_task/${d.jobId}`, 'denied'),
    w('jobs', 'GET', `${JOBS}/query_task/${d.jobId}/abort`, 'denied'),
    w('jobs', 'PUT', `${JOBS}/jobs/cancel/${d.jobId}`, 'denied'),
    w('jobs', 'PUT', `/v1/jobs/cancel/${d.jobId}`, 'denied'),
    // annotations
    r('annotations', 'POST', '/v1/annotations/annotation_sources', 'own', {}, {}, expectJson([])),
    r('annotations', 'POST', '/v1/annotations/annotation_labels', 'own', {}, {}, expectJson([])),
    w('annotations', 'POST', '/v1/annotations/delete_annotations', 'denied', { ids: [d.annotationId] }),
    w('annotations', 'POST', '/v1/annotations/cleanup_annotation_masks', 'denied', { ids: [d.annotationId], force_reclean: true }),
    w('annotations', 'POST', '/v1/annotations/annotations_to_objects', 'denied', { ids: [d.annotationId] }),
    w('annotations', 'POST', '/v1/annotations/compress_masks_batch', 'denied', { ids: [d.annotationId], thumbnail_tag: 'small' }),
    w('annotations', 'POST', '/v1/annotations/remove_sources', 'own', { annotation_sources: [{ provider: 'hiddenPayloadA' }], asset_type: 'images' }),
    // indexing and media jobs on org A's bytes
    { ...w('indexing', 'POST', '/v1/indexing/index_rosbag', 'denied', { file_objects_dicts: [{ uri: d.uri }] }), deniedAs: /no object s3:/ },
    { ...w('indexing', 'POST', '/v1/indexing/index_rosbag2', 'denied', { file_objects_dicts: [{ uri: d.uri }] }), deniedAs: /no object s3:/ },
    { ...w('indexing', 'POST', '/v1/indexing/index_recording', 'denied', { uri: d.uri }), deniedAs: /are stored under/ },
    w('media', 'POST', '/v1/images/compress_images', 'own', { ids: [d.imageId], desired_shape: [1, 1] }),
    // Frames are read from a folder of the caller's own storage: org A's folder, even spelled with `..`, is not one.
    w('media', 'POST', '/v1/videos/make_video_from_image_uris', 'own', { output_video_id: 'v', fps: 1, sensor: 'cam', bucket: 'scenedock', folder: `../${orgA}` }),
    // identity
    r('identity', 'GET', '/identity_manager/organization', 'own'),
    w('identity', 'GET', '/identity_manager/user', 'own'),
    w('identity', 'POST', '/identity_manager/user', 'denied', { username: 'planted', email: null, role: 'admin', organization_id: orgA }),
    w('identity', 'PUT', '/identity_manager/user/reader_a', 'denied', { role: 'admin' }),
    w('identity', 'DELETE', '/identity_manager/user/reader_a', 'denied'),
    w('identity', 'PUT', `/identity_manager/organization/${orgA}`, 'denied', { organization_name: 'renamed by B' }),
    w('identity', 'DELETE', `/identity_manager/organization/${orgA}`, 'denied'),
  ];
}
