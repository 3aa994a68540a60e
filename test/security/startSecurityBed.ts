import { PassThrough } from 'node:stream';
import { pyFormUpload, pyRequest, type PyResponse } from '../helpers/pythonStyleRequest';
import { startTestEngine, type TestEngine } from '../helpers/startTestEngine';

export type Params = Record<string, string | number | boolean | undefined>;

/** Every id org A's data is stored under carries this marker, so that a leak shows in any reply. */
export const MARK = 'orgAsecret';

/** What org A holds: one of each thing a route family can name. */
export interface OrgAData {
  imageId: string;
  fileId: string;
  uri: string;
  setId: string;
  sessionUid: string;
  annotationId: string;
  jobId: string;
  uploadId: string;
}

export interface SecurityBed {
  engine: TestEngine;
  /** Every line the engine logged, as written (JSON lines at level debug). */
  logLines(): string[];
  orgA: string;
  orgB: string;
  /** Tokens: a superadmin, org A's admin, writer and read-only users, org B's admin. */
  superToken: string;
  adminA: string;
  writerA: string;
  readerA: string;
  adminB: string;
  data: OrgAData;
  /** A request as the Python client sends it: the token in `?token=`. */
  call(method: string, path: string, token: string, params?: Params, body?: unknown): Promise<PyResponse>;
  /** What org A holds, as its admin reads it: every document of every type the data above has, and its stored objects. */
  snapshotA(): Promise<string>;
}

const expectOk = (res: PyResponse, what: string): unknown => {
  if (res.status !== 200 && res.status !== 204) throw new Error(`${what}: HTTP ${res.status} ${res.text}`);
  return res.json;
};

/** A real engine with two organizations and users of several roles, org A holding one of everything. */
export async function startSecurityBed(): Promise<SecurityBed> {
  const lines: string[] = [];
  const destination = new PassThrough();
  let pending = '';
  destination.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
  });
  const engine = await startTestEngine({ log: { level: 'debug', destination } });
  const superToken = engine.adminToken;
  const call: SecurityBed['call'] = (method, path, token, params = {}, body = undefined) =>
    pyRequest(method, `${engine.url}${path}`, { ...params, token }, body);

  const org = async (name: string): Promise<string> =>
    (expectOk(await call('POST', '/identity_manager/organization', superToken, {}, { organization_name: name }), 'organization') as { id: string }).id;
  const user = async (username: string, role: string, organizationId: string): Promise<string> =>
    (expectOk(await call('POST', '/identity_manager/user', superToken, {}, { username, email: null, role, organization_id: organizationId }), 'user') as { token: string }).token;
  const orgA = await org('lab A');
  const orgB = await org('lab B');
  const adminA = await user('admin_a', 'admin', orgA);
  const writerA = await user('writer_a', 'data_provider', orgA);
  const readerA = await user('reader_a', 'read_only_user', orgA);
  const adminB = await user('admin_b', 'admin', orgB);
  const data = await seedOrgA(call, adminA);

  const am = (type: string, extra: Params = {}): Params => ({ asset_type: type, metadata_only: false, ...extra });
  const snapshotA = async (): Promise<string> => {
    const out: Record<string, unknown> = {};
    for (const type of ['images', 'sets', 'sessions', 'annotations', 'jobs']) {
      const res = await call('POST', '/am/v1/assets/meta', adminA, am(type, { size: 5000, offset: 0, scan: false, sort_field: 'id', sort_order: 'asc' }), {});
      const docs = expectOk(res, `meta ${type}`) as Record<string, unknown>[];
      // Reading is not a change: drop the times a read may refresh, keep everything else.
      out[type] = docs.map(({ updated_at: _u, last_read: _r, ...rest }) => rest);
    }
    out.objects = expectOk(await call('POST', '/am/v1/storage/list_objects', adminA, {}, { bucket: 'scenedock', folder: '' }), 'list objects');
    out.members = expectOk(await call('POST', `/v1/sets/${data.setId}/list_assets/`, adminA, {}, {}), 'members');
    out.parts = expectOk(await call('GET', '/am/v1/assets/multipart_parts', adminA, { upload_id: data.uploadId }), 'parts');
    return JSON.stringify(out);
  };

  return {
    engine, logLines: () => [...lines, ...(pending ? [pending] : [])], orgA, orgB, superToken, adminA, writerA, readerA, adminB, data, call, snapshotA,
  };
}

async function seedOrgA(call: SecurityBed['call'], token: string): Promise<OrgAData> {
  const fileId = `${MARK}_img.png`;
  const imageId = `${MARK}_img`;
  const urls = expectOk(await call('POST', '/am/v1/assets/temporary_upload_url/', token, { asset_type: 'images', metadata_only: false }, { ids: [fileId] }), 'upload url');
  const entry = (urls as Record<string, { url: string; fields: Record<string, string>; uri: string }>)[fileId];
  if (!entry) throw new Error('no upload URL');
  const status = await pyFormUpload(entry.url, entry.fields, new TextEncoder().encode(`bytes of ${MARK}`));
  if (status !== 204) throw new Error(`form upload: HTTP ${status}`);
  const setId = (expectOk(await call('POST', '/v1/sets/add/', token, {}, { assets_type: 'images', name: `${MARK}_set`, origin_set_id: null, expected_count: null, tags: [] }), 'set') as { id: string }).id;
  expectOk(await call('POST', '/am/v1/assets/meta_batch/', token, { asset_type: 'images', metadata_only: false, replace: true, replace_sets: false }, {
    ids: [imageId],
    metadata: [{ id: imageId, width: 2, height: 2, format: 'png', sensor: 'cam', timestamp: '2026-01-01T00:00:00', sets: [setId], preprocesses: [], object_access: { uri: entry.uri, filename: fileId } }],
  }), 'image');
  const annotationId = `${MARK}_ann`;
  expectOk(await call('POST', '/am/v1/assets/meta_batch/', token, { asset_type: 'annotations', metadata_only: false, replace: true, replace_sets: false }, {
    ids: [annotationId],
    metadata: [{ id: annotationId, asset_id: imageId, media_type: 'images', provider: MARK, annotation_type: 'classification', annotation_entities: [], sets: [], aux: [], labels: ['car'] }],
  }), 'annotation');
  const sessionUid = (expectOk(await call('POST', '/v1/sessions/add/', token, {}, { session_name: `${MARK}_session` }), 'session') as { session_uid: string }).session_uid;
  const jobId = (expectOk(await call('POST', '/am/v1/jobs/add', token, {}, { job_type: `${MARK}_job`, description: MARK }), 'job') as { job_id: string }).job_id;
  const uploadId = (expectOk(await call('POST', '/am/v1/assets/multipart_upload_id', token, { asset_type: 'images' }, { id: `${MARK}_big.bin` }), 'upload id') as { upload_id: string }).upload_id;
  return { imageId, fileId, uri: entry.uri, setId, sessionUid, annotationId, jobId, uploadId };
}
