import { pollJob, type JobDoc } from './pollJob';
import { pyRequest, type PyResponse } from './pythonStyleRequest';
import type { EngineOptions } from '../../engine/host/startEngine';
import { startTestEngine, type TestEngine } from './startTestEngine';

export interface SetsClient {
  engine: TestEngine;
  /** The SceneEngine base URL (`<engine>/v1`) and the asset-manager one (`<engine>/am/v1`). */
  se: string;
  am: string;
  token: string;
  organizationId: string;
  /** A writer and a reader of another organization, and a reader of this one. */
  otherToken: string;
  otherOrganizationId: string;
  readerToken: string;
  /** `meta_batch/` as ingestion sends it (replace=True, replace_sets=False). */
  putAssets(assetType: string, docs: Record<string, unknown>[], token?: string): Promise<void>;
  createSet(name: string, assetsType?: string, extra?: Record<string, unknown>, token?: string): Promise<string>;
  /** `assets_in_set`: POST /v1/sets/<id>/list_assets/ with body {}, sorted. */
  members(setId: string, token?: string): Promise<string[]>;
  /** Members as the asset manager sees them: a meta search filtered on `sets`. */
  amMembers(setId: string, assetType?: string, token?: string): Promise<string[]>;
  /** Sends a request the way the Python client would, the token in `?token=`. */
  call(method: string, path: string, params?: Record<string, string | number | boolean | undefined>, body?: unknown, token?: string): Promise<PyResponse>;
  /** Calls, expects 200 with `{job_id}`, and waits for the job. */
  runJob(method: string, path: string, params?: Record<string, string | number | boolean | undefined>, body?: unknown): Promise<JobDoc>;
  runJobById(jobId: string): Promise<JobDoc>;
  jobCount(): Promise<number>;
}

const amParams = (assetType: string, token: string, extra: Record<string, string | number | boolean> = {}) => ({
  ...extra, asset_type: assetType, metadata_only: ['sessions', 'jobs'].includes(assetType), token,
});

/** A real engine with two organizations, driven with Python-client-shaped requests. */
export async function startSetsClient(options: Partial<EngineOptions> = {}): Promise<SetsClient> {
  const engine = await startTestEngine(options);
  const token = engine.adminToken;
  const me = engine.services.identity.authenticate(token);
  if (!me) throw new Error('test engine has no admin');
  const other = engine.services.identity.addOrganization('other org');
  const otherToken = engine.services.identity.addUser({ username: 'other_writer', email: null, role: 'data_provider', organization_id: other.id }).token;
  const readerToken = engine.services.identity.addUser({ username: 'reader', email: null, role: 'read_only_user', organization_id: me.organization_id }).token;
  const se = `${engine.url}/v1`;
  const am = `${engine.url}/am/v1`;

  const call: SetsClient['call'] = (method, path, params = {}, body = undefined, as = token) =>
    pyRequest(method, path.startsWith('http') ? path : `${se}${path}`, { ...params, token: as }, body);
  const expectOk = (res: PyResponse, what: string): unknown => {
    if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status} ${res.text}`);
    return res.json;
  };
  const client: SetsClient = {
    engine, se, am, token, organizationId: me.organization_id, otherToken, otherOrganizationId: other.id, readerToken,
    putAssets: async (assetType, docs, as = token) => {
      const res = await pyRequest('POST', `${am}/assets/meta_batch/`, amParams(assetType, as, { replace: true, replace_sets: false }), { ids: docs.map((d) => d.id), metadata: docs });
      expectOk(res, 'meta_batch');
    },
    createSet: async (name, assetsType = 'images', extra = {}, as = token) => {
      const res = await call('POST', '/sets/add/', {}, { assets_type: assetsType, name, origin_set_id: null, expected_count: null, tags: [], ...extra }, as);
      return (expectOk(res, 'create set') as { id: string }).id;
    },
    members: async (setId, as = token) => {
      const res = await call('POST', `/sets/${setId}/list_assets/`, {}, {}, as);
      return [...(expectOk(res, 'list_assets') as { results: string[] }).results].sort();
    },
    amMembers: async (setId, assetType = 'images', as = token) => {
      const res = await pyRequest('POST', `${am}/assets/meta`, amParams(assetType, as, { size: 5000, offset: 0, scan: false }), { filters: [{ field: 'sets', values: [setId] }], source_selected_fields: ['id'] });
      return (expectOk(res, 'meta search') as { id: string }[]).map((d) => d.id).sort();
    },
    call,
    runJob: async (method, path, params = {}, body = undefined) => {
      const res = await call(method, path, params, body);
      const { job_id: jobId } = expectOk(res, `${method} ${path}`) as { job_id: string };
      return pollJob(engine.url, token, jobId);
    },
    runJobById: (jobId) => pollJob(engine.url, token, jobId),
    jobCount: async () => expectOk(await pyRequest('POST', `${am}/assets/count/`, amParams('jobs', token), {}), 'count jobs') as number,
  };
  return client;
}
