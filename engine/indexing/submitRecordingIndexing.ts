import { badRequest } from '../http/HttpError';
import type { Identity } from '../identity/IdentityStore';
import { INDEXING_JOB_KIND, type IndexingPayload } from './indexingPayload';
import type { IndexingDeps } from './IndexingDeps';
import { indexingParametersSchema, type IndexRosbagBody } from './indexingRequestSchemas';
import { resolveFileObject } from './resolveFileObjects';
import { resolveTargetSets } from './resolveTargetSets';

export type IndexingRoute = 'index_rosbag' | 'index_rosbag2';

/** Keys of indexing_parameters the indexer acts on; others are listed in the notes. */
const KNOWN_PARAMETERS = Object.keys(indexingParametersSchema.shape);

/**
 * Checks an index_rosbag / index_rosbag2 request and queues its job. Everything that can be
 * checked now is (the files exist, the session exists), so that a bad request is a 400 the
 * client sees at once, not a job that aborts later. Without a session_uid the session is made
 * here (the client normally makes it first), so the job can be re-run under the same uid.
 */
export function submitRecordingIndexing(deps: IndexingDeps, me: Identity, route: IndexingRoute, body: IndexRosbagBody): { job_id: string; session_uid: string } {
  const org = me.organization_id;
  const { services, sessions } = deps;
  const files = body.file_objects_dicts.map((access, i) => resolveFileObject(services.storage, org, access, `file_objects_dicts.${i}`));
  const notes: string[] = [];
  if (body.deep_analysis === true || (body.models?.length ?? 0) > 0) notes.push('deep_analysis and models are not run by this engine: the recording was indexed without them');
  if (body.search !== undefined && body.search !== null) notes.push('search is not used by rosbag indexing and was ignored');
  const params = body.indexing_parameters ?? {};
  const unknown = Object.keys(params).filter((k) => !KNOWN_PARAMETERS.includes(k));
  if (unknown.length > 0) notes.push(`indexing_parameters ${unknown.join(', ')} are not used by this engine (it uses ${KNOWN_PARAMETERS.join(', ')})`);
  const sessionType = route === 'index_rosbag' ? 'rosbags' : 'generic';
  let uid: string;
  let created = false;
  let sessionName: string;
  if (body.session_uid) {
    const doc = sessions.doc(org, body.session_uid);
    uid = String(doc.id);
    sessionName = typeof doc.session_name === 'string' ? doc.session_name : uid;
  } else {
    // A rosbag2 folder is named after its storage files (metadata.yaml names nothing).
    const named = files.find((f) => !/(^|\/)metadata\.yaml$/i.test(f.name)) ?? files[0];
    sessionName = body.session_name ?? (named?.name.split('/').pop()?.replace(/\.(bag|mcap|db3|yaml)$/i, '') || 'recording');
    const existing = sessions.byName(org, sessionName);
    uid = sessions.add(org, { session_name: sessionName, session_type: sessionType, session_aux_metadata: {}, status: 'in progress' });
    created = existing === undefined;
  }
  const sets = resolveTargetSets(services.meta, org, body.sets_map, body.sets_prefix, notes);
  const sensors = body.sensors ?? undefined;
  const payload: IndexingPayload = {
    route, session_uid: uid, session_created: created, session_name: sessionName, session_type: sessionType, files, sets,
    topics: body.topics ?? null,
    sensor_names: sensors && !Array.isArray(sensors) ? sensors : {},
    video_sensors: Array.isArray(sensors) && sensors.length > 0 ? sensors : null,
    image_skip_factor: body.image_skip_factor ?? 1,
    parameters: params, notes, source_data: [],
  };
  return { job_id: submit(deps, me, payload), session_uid: uid };
}

export function submit(deps: IndexingDeps, me: Identity, payload: IndexingPayload): string {
  if (payload.files.length === 0) throw badRequest('no recording files to index');
  return deps.services.jobs.submit(me.organization_id, INDEXING_JOB_KIND, payload, {
    description: `index ${payload.files.map((f) => f.name).join(', ')} into session ${payload.session_uid}`,
    user: me.username, assetType: 'sessions', assetId: payload.session_uid,
  });
}
