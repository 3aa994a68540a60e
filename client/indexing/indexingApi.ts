import { organizeWire } from '../../shared/wire/organizeWire';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';

/** What the indexers take, as the Python client sends it (wire protocol §1.7). */
export interface IndexRequest {
  /** One `{uri, filename}` per stored file: the bag, or a ROS 2 bag folder's metadata.yaml and storage files. */
  fileObjects: { uri: string; filename: string }[];
  sessionUid: string;
  /** Set ids per asset type the indexer fills (`images`, `videos`, `lidars`, ...). */
  setsMap?: Record<string, string>;
  topics?: string[];
  sensors?: string[];
  imageSkipFactor?: number;
  indexingParameters?: Record<string, unknown>;
}

const body = (r: IndexRequest, extra: Record<string, unknown>): Record<string, unknown> => ({
  file_objects_dicts: r.fileObjects, search: null, sets_map: r.setsMap ?? {}, session_uid: r.sessionUid, deep_analysis: false,
  models: [], sensors: r.sensors ?? null, topics: r.topics ?? null, indexing_parameters: r.indexingParameters ?? {}, ...extra,
});

/** Recording indexers (SceneEngine `/indexing/*`); each answers the job that indexes. */
export const indexingApi = {
  rosbag: async (http: SceneBoxHttp, r: IndexRequest): Promise<string> =>
    (await http.post('/v1/indexing/index_rosbag', { schema: organizeWire.jobId, body: body(r, { image_skip_factor: r.imageSkipFactor ?? 1 }) })).job_id,
  rosbag2: async (http: SceneBoxHttp, r: IndexRequest): Promise<string> =>
    (await http.post('/v1/indexing/index_rosbag2', { schema: organizeWire.jobId, body: body(r, { image_skip_factor: r.imageSkipFactor ?? 1 }) })).job_id,
};
