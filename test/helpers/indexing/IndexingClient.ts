import { PythonStyleAssets } from '../PythonStyleAssets';
import { pyRequest, type PyResponse } from '../pythonStyleRequest';
import type { TestEngine } from '../startTestEngine';
import { uploadRecordingFile, type UploadOptions } from '../uploadRecordingFile';

export type Doc = Record<string, unknown>;

export interface IndexResult {
  jobId: string;
  sessionUid: string;
  job: Doc;
}

/**
 * The client side of the indexing tests: uploads through the presigned flow, index requests with
 * the body the Python client's index_rosbag / add_rosbag2 build (every key present, None where the
 * caller gave nothing), the job loop, and the reads that check the result.
 */
export class IndexingClient {
  readonly py: PythonStyleAssets;
  readonly #engine: TestEngine;

  public constructor(engine: TestEngine) {
    this.#engine = engine;
    this.py = new PythonStyleAssets(engine.url, engine.adminToken);
  }

  public upload(path: string, fileId: string, options: UploadOptions = {}): Promise<{ uri: string; filename: string }> {
    return uploadRecordingFile(this.#engine.url, this.#engine.adminToken, path, fileId, options);
  }

  /** `add_session` as index_rosbag does first (type rosbags or generic, status in progress). */
  public async addSession(name: string, sessionType: 'rosbags' | 'generic', resolution = 1): Promise<string> {
    const res = await this.py.se('sessions/add/', { session_name: name, session_type: sessionType, session_aux_metadata: {}, status: 'in progress', resolution });
    if (res.status !== 200) throw new Error(`add_session: ${res.status} ${res.text}`);
    return (res.json as { session_uid: string }).session_uid;
  }

  /** A set written as create_set leaves it (through the asset manager: this engine has no sets module yet). */
  public async createSet(id: string, name: string, assetsType: string): Promise<void> {
    const res = await pyRequest('POST', `${this.#engine.url}/am/v1/assets/meta_batch/`, this.py.amParams('sets', { replace: true, replace_sets: false }),
      { ids: [id], metadata: [{ id, name, assets_type: assetsType, tags: ['primary'], expected_count: 0, origin_set_id: null }] });
    if (res.status !== 200) throw new Error(`create set: ${res.status} ${res.text}`);
  }

  /** POSTs an index route with the client's body keys; `body` overrides them. */
  public post(route: string, body: Doc): Promise<PyResponse> {
    const defaults: Doc = route === 'indexing/index_rosbag' || route === 'indexing/index_rosbag2'
      ? { search: null, sets_map: null, session_uid: null, deep_analysis: false, models: null, sensors: null, indexing_parameters: null, topics: null, ...(route === 'indexing/index_rosbag' ? { image_skip_factor: 1 } : {}) }
      : {};
    return this.py.se(route, { ...defaults, ...body });
  }

  /** Posts and waits for the job to end (finished or aborted). */
  public async index(route: string, body: Doc, timeoutMs = 240_000): Promise<IndexResult> {
    const res = await this.post(route, body);
    const json = res.json as { job_id?: string; session_uid?: string } | undefined;
    if (res.status !== 200 || !json?.job_id || !json.session_uid) throw new Error(`${route} answered ${res.status}: ${res.text}`);
    return { jobId: json.job_id, sessionUid: json.session_uid, job: await this.py.waitForJob(json.job_id, timeoutMs) };
  }

  public async session(uid: string): Promise<Doc | undefined> {
    return this.py.meta('sessions', uid);
  }

  public assetsOfSession(assetType: string, uid: string): Promise<Doc[]> {
    return this.py.searchMeta(assetType, { filters: [{ field: 'session_uid', values: [uid] }] });
  }

  public setMembers(assetType: string, setId: string): Promise<Doc[]> {
    return this.py.searchMeta(assetType, { filters: [{ field: 'sets', values: [setId] }] });
  }

  /** entity_summary of the session (every entity name when `names` is not given). */
  public async entitySummary(uid: string, names?: string[]): Promise<Record<string, { count: number; min?: number; max?: number; mean?: number; value_counts?: Record<string, number> }>> {
    const res = await this.py.se(`session_manager/entity_summary/${uid}`, { entity_names: names ?? null });
    if (res.status !== 200) throw new Error(`entity_summary: ${res.status} ${res.text}`);
    return res.json as Record<string, { count: number }>;
  }
}

/** The indexing summary the job leaves on the session. */
export interface IndexingSummary {
  recording: string;
  images: number;
  lidars: number;
  videos: number;
  entities: number;
  topics: { topic: string; type: string; sensor: string; kind: string; selected: boolean; message_count: number; indexed: number; failed: number; reason?: string }[];
}

export function indexingSummaryOf(session: Doc | undefined): IndexingSummary {
  const aux = session?.session_aux as { indexing?: IndexingSummary } | undefined;
  if (!aux?.indexing) throw new Error(`the session has no indexing summary: ${JSON.stringify(session)}`);
  return aux.indexing;
}
