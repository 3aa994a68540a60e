import type { z } from 'zod';
import { badRequest } from '../../http/HttpError';
import type { Identity } from '../../identity/IdentityStore';
import { folderOfUri } from '../folderOfUri';
import type { IndexingDeps } from '../IndexingDeps';
import type { indexRecordingSchema } from '../indexingRequestSchemas';
import { IMAGE_EXTENSIONS, RECORDING_FOLDER_JOB_KIND, VIDEO_EXTENSIONS, extensionOf, type RecordingFolderPayload } from './recordingFolderPayload';

/**
 * `index_recording`: a storage folder of videos and images becomes one session of type `videos`
 * (named recording_name, else the folder's last segment), listed now so that an empty or unknown
 * folder is a 400 at once.
 */
export function submitRecordingFolder(deps: IndexingDeps, me: Identity, body: z.output<typeof indexRecordingSchema>): { job_id: string; session_uid: string } {
  const org = me.organization_id;
  const folder = folderOfUri(body.uri, org);
  const media = deps.services.storage.listObjects(org, folder)
    .filter((o) => [...VIDEO_EXTENSIONS, ...IMAGE_EXTENSIONS].includes(extensionOf(o.key)))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (media.length === 0) throw badRequest(`uri: no videos (${VIDEO_EXTENSIONS.join(', ')}) or images (${IMAGE_EXTENSIONS.join(', ')}) are stored under ${folder || 'the organization root'}`);
  const name = body.recording_name ?? (folder.split('/').pop() || 'recording');
  const existing = deps.sessions.byName(org, name);
  const uid = deps.sessions.add(org, {
    session_name: name, session_type: 'videos', session_aux_metadata: body.session_aux_metadata ?? {}, status: 'in progress', set_id: body.session_set_id,
  });
  const payload: RecordingFolderPayload = {
    session_uid: uid, session_created: existing === undefined, folder,
    files: media.map((o) => ({ uri: o.uri, key: o.key, size: o.size, last_modified: o.last_modified })),
  };
  const jobId = deps.services.jobs.submit(org, RECORDING_FOLDER_JOB_KIND, payload, {
    description: `index recording ${folder} into session ${uid}`, user: me.username, assetType: 'sessions', assetId: uid,
  });
  return { job_id: jobId, session_uid: uid };
}
