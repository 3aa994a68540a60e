import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollJob } from '../helpers/pollJob';
import { routeMatrix, type RouteCase } from './routeMatrix';
import { MARK, startSecurityBed, type SecurityBed } from './startSecurityBed';

// Every route family against a real engine holding two organizations: org B's admin names each
// of org A's things (asset, stored object, set, session, job, annotation, upload, users) and must
// get a 403/404 or an answer about its own organization only; org A's read-only user may read but
// every write is a 403. After each sweep org A's data must read back exactly as before.

/** Text of org A's documents that no reply to another organization may ever hold. */
const SECRET = 'hiddenPayloadA';

let bed: SecurityBed;
let cases: RouteCase[];
let before = '';

const label = (c: RouteCase): string => `${c.family}: ${c.method} ${c.path}`;

beforeAll(async () => {
  bed = await startSecurityBed();
  // Contents only org A may read: in its image document, annotation, session, set and stored bytes.
  const { adminA, data } = bed;
  const call = bed.call.bind(bed);
  const put = async (type: string, id: string, doc: Record<string, unknown>): Promise<void> => {
    const res = await call('POST', '/am/v1/assets/meta_batch', adminA, { asset_type: type, metadata_only: false, replace: false, replace_sets: false }, { ids: [id], metadata: [doc] });
    expect(res.status, res.text).toBe(200);
  };
  await put('images', data.imageId, { sensor: SECRET });
  await put('annotations', data.annotationId, { provider: SECRET, labels: [SECRET] });
  await put('sets', data.setId, { description: SECRET });
  expect((await call('POST', '/v1/sessions/add_auxiliary_data', adminA, {}, { session_uid: data.sessionUid, auxiliary_data: [{ note: SECRET }] })).status).toBe(200);
  const sha256 = createHash('sha256').update(`bytes of ${MARK}`).digest('hex');
  cases = routeMatrix({ orgA: bed.orgA, data, sha256 });
  before = await bed.snapshotA();
  expect(before).toContain(SECRET);
});

afterAll(async () => {
  await bed.engine.dispose();
});

/** Waits for every job a reply started, so that what the job does lands before the next snapshot. */
async function settle(token: string, replies: { json: unknown; external: boolean }[]): Promise<void> {
  for (const reply of replies) {
    if (reply.external) continue;
    const jobId = (reply.json as { job_id?: unknown } | undefined)?.job_id;
    if (typeof jobId === 'string') await pollJob(bed.engine.url, token, jobId);
  }
}

describe('organization isolation across every route family', () => {
  it('org A\'s admin reads what the matrix names (so that a 404 to org B means isolation, not a wrong id)', async () => {
    const wrong: string[] = [];
    for (const c of cases.filter((x) => !x.write && x.cross === 'denied')) {
      const res = await bed.call(c.method, c.path, bed.adminA, c.params, c.body);
      if (res.status !== (c.ownerStatus ?? 200)) wrong.push(`${label(c)} -> ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    const meta = await bed.call('GET', `/am/v1/assets/meta/${bed.data.imageId}`, bed.adminA, { asset_type: 'images' });
    expect(meta.text).toContain(SECRET);
  });

  it('org B gets 403/404 for org A\'s things, answers about its own organization otherwise, and never org A\'s contents', async () => {
    const problems: string[] = [];
    const replies = [];
    // Writes into org B's own scope may create documents under org A's ids (allowed: scopes are
    // apart); they run last, so that every `denied` route meets an id only org A holds.
    const ordered = [...cases.filter((c) => !(c.write && c.cross === 'own')), ...cases.filter((c) => c.write && c.cross === 'own')];
    for (const c of ordered) {
      const res = await bed.call(c.method, c.path, bed.adminB, c.params, c.body);
      replies.push({ json: res.json, external: c.externalJob === true });
      if (res.status >= 500) problems.push(`${label(c)} -> ${res.status} ${res.text.slice(0, 200)}`);
      else if (c.cross === 'denied' && res.status !== 403 && res.status !== 404 && !(res.status === 400 && c.deniedAs?.test(res.text))) problems.push(`${label(c)} -> ${res.status}, expected 403 or 404: ${res.text.slice(0, 200)}`);
      if (res.text.includes(SECRET)) problems.push(`${label(c)} leaked org A's contents: ${res.text.slice(0, 200)}`);
      if (c.cross === 'denied' && res.text.includes('signature=')) problems.push(`${label(c)} handed out a signed URL`);
      if (res.text.includes(bed.orgA) && !JSON.stringify(c.body ?? {}).includes(bed.orgA) && !c.path.includes(bed.orgA)) problems.push(`${label(c)} named org A's id: ${res.text.slice(0, 200)}`);
      if (res.status === 200 && c.checkB) {
        try {
          c.checkB(res);
        } catch (error) {
          problems.push(`${label(c)}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    await settle(bed.adminB, replies);
    expect(problems).toEqual([]);
    expect(await bed.snapshotA()).toBe(before);
  });

  it('org B\'s users and organizations listings hold nobody of org A', async () => {
    const users = await bed.call('GET', '/identity_manager/user', bed.adminB);
    expect(users.status).toBe(200);
    expect((users.json as { username: string }[]).map((u) => u.username).sort()).toEqual(['admin_b']);
    const orgs = await bed.call('GET', '/identity_manager/organization', bed.adminB);
    expect((orgs.json as { id: string }[]).map((o) => o.id)).toEqual([bed.orgB]);
  });
});

describe('roles', () => {
  it('a read-only user of org A reads org A\'s things but every write is a 403, and nothing changes', async () => {
    const problems: string[] = [];
    for (const c of cases) {
      const res = await bed.call(c.method, c.path, bed.readerA, c.params, c.body);
      if (c.write && res.status !== 403) problems.push(`${label(c)} -> ${res.status}, expected 403: ${res.text.slice(0, 200)}`);
      if (!c.write && c.cross === 'denied' && res.status !== (c.ownerStatus ?? 200)) problems.push(`${label(c)} -> ${res.status}, expected 200 (a read): ${res.text.slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
    expect(await bed.snapshotA()).toBe(before);
  });

  it('a data provider writes but does not manage users; an admin may not mint a superadmin', async () => {
    const asWriter = await bed.call('POST', '/identity_manager/user', bed.writerA, {}, { username: 'w_made', email: null, role: 'data_user' });
    expect(asWriter.status).toBe(403);
    const superByAdmin = await bed.call('POST', '/identity_manager/user', bed.adminA, {}, { username: 'would_be_super', email: null, role: 'superadmin' });
    expect(superByAdmin.status).toBe(403);
    const promote = await bed.call('PUT', '/identity_manager/user/reader_a', bed.adminA, {}, { role: 'superadmin' });
    expect(promote.status).toBe(403);
    const write = await bed.call('POST', '/v1/sessions/add/', bed.writerA, {}, { session_name: 'by writer' });
    expect(write.status).toBe(200);
  });

  it('an admin of the superadmin\'s own organization may neither demote nor delete the superadmin', async () => {
    const me = await bed.call('GET', '/auth', bed.superToken);
    expect(me.status).toBe(200);
    const home = (await bed.call('GET', '/identity_manager/user', bed.superToken)).json as { username: string; organization_id: string; role: string }[];
    const superUser = home.find((u) => u.role === 'superadmin');
    if (!superUser) throw new Error('no superadmin listed');
    const made = await bed.call('POST', '/identity_manager/user', bed.superToken, {}, { username: 'home_admin', email: null, role: 'admin', organization_id: superUser.organization_id });
    const homeAdmin = (made.json as { token: string }).token;
    expect((await bed.call('PUT', `/identity_manager/user/${superUser.username}`, homeAdmin, {}, { role: 'read_only_user' })).status).toBe(403);
    expect((await bed.call('DELETE', `/identity_manager/user/${superUser.username}`, homeAdmin)).status).toBe(403);
    expect((await bed.call('GET', '/identity_manager/organization', bed.superToken)).status).toBe(200);
    // The same admin still manages the ordinary users of its organization.
    await bed.call('POST', '/identity_manager/user', homeAdmin, {}, { username: 'home_reader', email: null, role: 'read_only_user' });
    expect((await bed.call('PUT', '/identity_manager/user/home_reader', homeAdmin, {}, { role: 'data_user' })).status).toBe(200);
    expect((await bed.call('DELETE', '/identity_manager/user/home_reader', homeAdmin)).status).toBe(200);
  });

  it('no token, a wrong token and a token of a deleted user are 401 on every route', async () => {
    const gone = await bed.call('POST', '/identity_manager/user', bed.superToken, {}, { username: 'soon_gone', email: null, role: 'admin', organization_id: bed.orgA });
    const goneToken = (gone.json as { token: string }).token;
    expect((await bed.call('DELETE', '/identity_manager/user/soon_gone', bed.superToken)).status).toBe(200);
    const problems: string[] = [];
    for (const c of cases) {
      for (const token of ['', 'not-a-token', goneToken]) {
        const res = await bed.call(c.method, c.path, token, c.params, c.body);
        if (res.status !== 401) problems.push(`${label(c)} with token ${JSON.stringify(token.slice(0, 8))} -> ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
