import { pyRequest, type PyResponse } from './pythonStyleRequest';

// The session calls of the Python client (../shared/reference/scenebox-client-observed-requests.md,
// "More protocol facts" 1, 9, 10): `?token=`, `True`/`False` query booleans, and the job loop
// that reads the job document through the asset manager until it is finished or aborted.

/** 2026-01-01T00:00:00Z in seconds: a whole multiple of every resolution the tests use. */
export const T0 = Date.UTC(2026, 0, 1) / 1000;

/** The time T0 + `offset` seconds as the Python client writes it (`+00:00`, microseconds). */
export function pyIso(offset: number): string {
  const us = Math.round(offset * 1e6);
  const whole = Math.floor(us / 1e6);
  const frac = us - whole * 1e6;
  return `${new Date((T0 + whole) * 1000).toISOString().slice(0, 19)}.${String(frac).padStart(6, '0')}+00:00`;
}

export interface SessionCalls {
  se(method: string, path: string, body?: unknown, params?: Record<string, string | number | boolean | undefined>): Promise<PyResponse>;
  /** `add_session`: POST /v1/sessions/add/ with the body the client sends; returns the uid. */
  addSession(name: string, extra?: Record<string, unknown>): Promise<string>;
  addEntities(entityDicts: unknown[], urgent?: boolean): Promise<PyResponse>;
  /** POST resolve_session then the job loop; returns the finished job document. */
  resolve(uid: string, resolution?: number): Promise<Record<string, unknown>>;
  waitForJob(jobId: string): Promise<Record<string, unknown>>;
  fieldData(uid: string, fields: string[], searchDic?: unknown): Promise<Record<string, unknown[]>>;
  sessionMeta(uid: string): Promise<PyResponse>;
}

export function sessionCalls(baseUrl: string, token: string): SessionCalls {
  const se: SessionCalls['se'] = (method, path, body, params = {}) => pyRequest(method, `${baseUrl}/v1/${path}`, { ...params, token }, body);
  const ok = (res: PyResponse, what: string): unknown => {
    if (res.status !== 200) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res.json;
  };
  const waitForJob = async (jobId: string): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await pyRequest('GET', `${baseUrl}/am/v1/assets/meta/${jobId}`, { asset_type: 'jobs', metadata_only: true, token });
      const doc = ok(res, `job ${jobId}`) as Record<string, unknown>;
      if (doc.status === 'finished' || doc.status === 'aborted') return doc;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(doc.status)} after 30 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return {
    se,
    waitForJob,
    addSession: async (name, extra = {}) => {
      const body = { session_name: name, session_type: 'generic', session_aux_metadata: {}, status: 'ready', ...extra };
      return (ok(await se('POST', 'sessions/add/', body), 'add_session') as { session_uid: string }).session_uid;
    },
    addEntities: (entityDicts, urgent = false) => se('POST', 'session_manager/add_entities/', { entity_dicts: entityDicts }, { urgent }),
    resolve: async (uid, resolution) => {
      const res = await se('POST', `session_manager/resolve_session/${uid}`, undefined, { resolution });
      const job = await waitForJob((ok(res, 'resolve_session') as { job_id: string }).job_id);
      if (job.status !== 'finished') throw new Error(`resolution of ${uid} ended ${String(job.status)}: ${JSON.stringify(job.notes)}`);
      return job;
    },
    fieldData: async (uid, fields, searchDic = {}) =>
      ok(await se('POST', `session_manager/field_data/${uid}`, { search_dic: searchDic, session_fields: fields }), 'field_data') as Record<string, unknown[]>,
    sessionMeta: (uid) => pyRequest('GET', `${baseUrl}/am/v1/assets/meta/${uid}`, { asset_type: 'sessions', metadata_only: true, token }),
  };
}
