import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededPermutation } from '../../../engine/sets/seededPermutation';
import { pyRequest } from '../../helpers/pythonStyleRequest';
import { startSetsClient, type SetsClient } from '../../helpers/setsClient';

// split_set: subset sizes with the exact arithmetic of the client's docs, a seeded shuffle that a
// seed reproduces, and subsets that are disjoint and cover the parent.

let c: SetsClient;
beforeAll(async () => {
  c = await startSetsClient();
});
afterAll(async () => {
  await c.engine.dispose();
});

/** split_set's docs, written out independently of the engine. */
function documentedSizes(n: number, spec: { sections: number } | { percentages: number[] }): number[] {
  const sections = (total: number, k: number) => Array.from({ length: k }, (_, i) => Math.trunc(total / k) + (i < total % k ? 1 : 0));
  if ('sections' in spec) return sections(n, spec.sections);
  const floors = spec.percentages.map((p) => Math.floor(p * n));
  const extra = sections(n - floors.reduce((a, b) => a + b, 0), floors.length);
  return floors.map((f, i) => f + (extra[i] as number));
}

/** A parent set of n images, all members from ingestion on (their `sets` list names it). */
async function parentOf(n: number, label: string): Promise<{ id: string; name: string; members: string[] }> {
  const name = `parent ${label}`;
  const id = await c.createSet(name);
  const members = Array.from({ length: n }, (_, i) => `${label}_img_${String(i).padStart(5, '0')}`);
  if (n > 0) await c.putAssets('images', members.map((m, i) => ({ id: m, sensor: 'cam', index: i, sets: [id] })));
  return { id, name, members };
}

async function split(body: Record<string, unknown>): Promise<{ subsetIds: string[]; notes: string[] }> {
  const res = await c.call('POST', '/sets/split_sets/', {}, { random_seed: 42, wait_for_completion: true, ...body });
  expect(res.status, res.text).toBe(200);
  const { job_id: jobId, subset_ids: subsetIds } = res.json as { job_id: string; subset_ids: string[] };
  const job = await c.runJobById(jobId);
  expect(job.status, job.notes.join('\n')).toBe('finished');
  expect(job.job_type).toBe('set_addition');
  expect(job.subset_ids).toEqual(subsetIds);
  return { subsetIds, notes: job.notes };
}

const specs: { label: string; spec: { sections: number } | { percentages: number[] } }[] = [
  { label: 'sections 3', spec: { sections: 3 } },
  { label: 'fractions 0.7/0.2/0.1', spec: { percentages: [0.7, 0.2, 0.1] } },
  { label: 'fractions 0.5/0.3', spec: { percentages: [0.5, 0.3] } },
];

describe.each([0, 1, 7, 10, 1001])('a set of %i assets', (n) => {
  it.each(specs)('splits by $label into disjoint subsets of the documented sizes that cover it', async ({ label, spec }) => {
    const parent = await parentOf(n, `n${n}_${label.replace(/[^a-z0-9]/g, '_')}`);
    const { subsetIds } = await split({ set_id: parent.id, ...spec });
    const expected = documentedSizes(n, spec);
    expect(subsetIds).toHaveLength(expected.length);
    const seen = new Set<string>();
    for (const [i, subsetId] of subsetIds.entries()) {
      const members = await c.members(subsetId);
      expect(members.length, `subset ${i}`).toBe(expected[i]);
      for (const m of members) {
        expect(seen.has(m)).toBe(false);
        seen.add(m);
      }
      expect(await c.amMembers(subsetId)).toEqual(members);
      const status = (await c.call('GET', `/sets/${subsetId}/status`)).json;
      expect(status).toMatchObject({ name: `${parent.name}_split_${i}`, assets_type: 'images', status: 'ready', count: expected[i], expected_count: expected[i], origin_set_id: parent.id });
    }
    expect([...seen].sort()).toEqual(parent.members);
    expect(await c.members(parent.id)).toEqual(parent.members);
  });
});

describe('reproducibility', () => {
  let parent: { id: string; name: string; members: string[] };
  const partition = async (seed: number, names: string[]) => {
    const { subsetIds } = await split({ set_id: parent.id, random_seed: seed, percentages: [0.7, 0.2, 0.1], subset_names: names });
    return Promise.all(subsetIds.map((id) => c.members(id)));
  };
  beforeAll(async () => {
    parent = await parentOf(1001, 'repro');
  });

  it('gives the same subsets for the same seed, other subsets for another seed, and the documented assignment', async () => {
    const first = await partition(7, ['train a', 'val a', 'test a']);
    const again = await partition(7, ['train b', 'val b', 'test b']);
    const other = await partition(8, ['train c', 'val c', 'test c']);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(other.map((m) => m.length)).toEqual(first.map((m) => m.length));
    // The documented procedure: members in id order, shuffled by seededPermutation(seed), cut in order.
    const order = seededPermutation(parent.members.length, 7);
    let at = 0;
    const expected = documentedSizes(1001, { percentages: [0.7, 0.2, 0.1] }).map((size) => {
      const chunk = Array.from(order.subarray(at, at + size), (i) => parent.members[i] as string).sort();
      at += size;
      return chunk;
    });
    expect(first).toEqual(expected);
  });

  it('names subsets after subset_names, and every asset lists the parent and its one subset', async () => {
    const small = await parentOf(5, 'named');
    const { subsetIds } = await split({ set_id: small.id, sections: 2, subset_names: ['left', 'right'] });
    const names = await Promise.all(subsetIds.map(async (id) => ((await c.call('GET', `/sets/${id}/status`)).json as { name: string }).name));
    expect(names).toEqual(['left', 'right']);
    const docs = (await pyRequest('POST', `${c.am}/assets/meta`, { asset_type: 'images', metadata_only: false, size: 50, token: c.token }, { filters: [{ field: 'id', values: small.members }] })).json as { sets: string[] }[];
    for (const doc of docs) {
      expect(doc.sets[0]).toBe(small.id);
      expect(doc.sets.filter((s) => subsetIds.includes(s))).toHaveLength(1);
    }
  });
});

describe('resuming', () => {
  it('running a finished split job again (as after a restart) reuses its subsets and duplicates nothing', async () => {
    const parent = await parentOf(30, 'rerun');
    const res = await c.call('POST', '/sets/split_sets/', {}, { set_id: parent.id, random_seed: 3, wait_for_completion: true, sections: 3 });
    const { job_id: jobId, subset_ids: subsetIds } = res.json as { job_id: string; subset_ids: string[] };
    expect((await c.runJobById(jobId)).status).toBe('finished');
    const before = await Promise.all(subsetIds.map((id) => c.members(id)));
    const sets = (await pyRequest('POST', `${c.am}/assets/count/`, { asset_type: 'sets', metadata_only: false, token: c.token }, {})).json;

    expect((await pyRequest('PUT', `${c.am}/jobs/resubmit/${jobId}`, { token: c.token })).status).toBe(200);
    expect((await c.runJobById(jobId)).status).toBe('finished');

    expect(await Promise.all(subsetIds.map((id) => c.members(id)))).toEqual(before);
    expect((await pyRequest('POST', `${c.am}/assets/count/`, { asset_type: 'sets', metadata_only: false, token: c.token }, {})).json).toBe(sets);
    const docs = (await pyRequest('POST', `${c.am}/assets/meta`, { asset_type: 'images', metadata_only: false, size: 50, token: c.token }, { filters: [{ field: 'id', values: parent.members }] })).json as { sets: string[] }[];
    for (const doc of docs) expect(doc.sets).toHaveLength(2);
  });
});

describe('bad split requests', () => {
  it('are refused with 400 or 409 naming the field, and create no job and no set', async () => {
    const parent = await parentOf(4, 'refused');
    await c.createSet('taken name');
    const jobs = await c.jobCount();
    const sets = (await pyRequest('POST', `${c.am}/assets/count/`, { asset_type: 'sets', metadata_only: false, token: c.token }, {})).json;
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ set_id: parent.id, percentages: [0.7, 0.4] }, 400, /percentages: must sum to at most 1/],
      [{ set_id: parent.id, percentages: [0.5, -0.1] }, 400, /percentages\.1: must not be negative/],
      [{ set_id: parent.id, percentages: [] }, 400, /percentages/],
      [{ set_id: parent.id, sections: 0 }, 400, /sections: must be at least 1/],
      [{ set_id: parent.id, sections: 1.5 }, 400, /sections/],
      [{ set_id: parent.id, sections: 2, percentages: [0.5, 0.5] }, 400, /either percentages or sections/],
      [{ set_id: parent.id }, 400, /either percentages or sections/],
      [{ set_id: parent.id, sections: 2, subset_names: ['only one'] }, 400, /subset_names: has 1 names for 2 subsets/],
      [{ set_id: parent.id, sections: 2, subset_names: ['twin', 'twin'] }, 400, /distinct/],
      [{ set_id: parent.id, sections: 2, subset_names: ['fresh', 'taken name'] }, 409, /taken name/],
      [{ set_id: parent.id, sections: 2, random_seed: 'x' }, 400, /random_seed/],
      [{ sections: 2 }, 400, /set_id/],
      [{ set_id: 'no_such_set', sections: 2 }, 404, /no set no_such_set/],
    ];
    for (const [body, status, message] of cases) {
      const res = await c.call('POST', '/sets/split_sets/', {}, { wait_for_completion: false, ...body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((res.json as { message: string }).message).toMatch(message);
    }
    expect(await c.jobCount()).toBe(jobs);
    expect((await pyRequest('POST', `${c.am}/assets/count/`, { asset_type: 'sets', metadata_only: false, token: c.token }, {})).json).toBe(sets);
  });
});
