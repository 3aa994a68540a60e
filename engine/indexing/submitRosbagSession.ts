import { z } from 'zod';
import { badRequest } from '../http/HttpError';
import type { Identity } from '../identity/IdentityStore';
import type { IndexingDeps } from './IndexingDeps';
import type { IndexingPayload } from './indexingPayload';
import type { registerRosbagSessionSchema } from './indexingRequestSchemas';
import { baseName } from './read/planRecording';
import { resolveFileObject, type ResolvedFile } from './resolveFileObjects';
import { folderOfUri } from './folderOfUri';
import { submit } from './submitRecordingIndexing';

const rosbagDocSchema = z.looseObject({ object_access: z.looseObject({ uri: z.string().nullish(), url: z.string().nullish(), filename: z.string().nullish() }).nullish() });
/** Files of a session folder that are recordings; configuration files beside them are not. */
const RECORDING_FILE = /(\.bag|\.mcap|\.db3|^metadata\.yaml)$/i;

/**
 * `register_rosbag_session`: a `rosbags` session made of the rosbag assets listed in source_data
 * (their object_access) and of the recording files stored under session_directory_path (a folder
 * of the organization's objects, or an s3:// URI of one), indexed by the same job as index_rosbag.
 */
export function submitRosbagSession(deps: IndexingDeps, me: Identity, body: z.output<typeof registerRosbagSessionSchema>): { job_id: string; session_uid: string } {
  const org = me.organization_id;
  const { services, sessions } = deps;
  const files: ResolvedFile[] = [];
  const sourceData: Record<string, unknown>[] = [];
  for (const [i, item] of (body.source_data ?? []).entries()) {
    const id = typeof item === 'string' ? item : item.id;
    const doc = services.meta.get({ organizationId: org, assetType: 'rosbags' }, id);
    if (!doc) throw badRequest(`source_data.${i}: no rosbags asset ${id}`);
    const access = rosbagDocSchema.parse(doc).object_access;
    if (!access || (!access.uri && !access.url)) throw badRequest(`source_data.${i}: rosbags asset ${id} has no object_access with bytes`);
    files.push(resolveFileObject(services.storage, org, access, `source_data.${i}`));
    sourceData.push({ sensor: 'rosbag', id, type: 'rosbags' });
  }
  if (body.session_directory_path) {
    const folder = folderOfUri(body.session_directory_path, org);
    const listed = services.storage.listObjects(org, folder).filter((o) => RECORDING_FILE.test(baseName(o.key)));
    if (listed.length === 0) throw badRequest(`session_directory_path: no recording files (.bag, .mcap, .db3, metadata.yaml) are stored under ${folder}`);
    for (const o of listed) if (!files.some((f) => f.uri === o.uri)) files.push({ uri: o.uri, name: baseName(o.key) });
  }
  if (files.length === 0) throw badRequest('source_data lists no rosbags and session_directory_path names no folder: nothing to index');
  const existing = sessions.byName(org, body.session_name);
  const uid = sessions.add(org, { session_name: body.session_name, session_type: 'rosbags', session_aux_metadata: {}, status: 'in progress' });
  if (body.session_configuration !== undefined && body.session_configuration !== null) sessions.patch(org, uid, { session_configuration: body.session_configuration });
  const payload: IndexingPayload = {
    route: 'register_rosbag_session', session_uid: uid, session_created: existing === undefined, session_name: body.session_name, session_type: 'rosbags',
    files, sets: { images: [], videos: [], lidars: [], sessions: [] }, topics: null, sensor_names: {}, video_sensors: null, image_skip_factor: 1,
    parameters: {}, notes: ['register_rosbag_session names no sets: the assets belong to the session only'], source_data: sourceData,
  };
  return { job_id: submit(deps, me, payload), session_uid: uid };
}
