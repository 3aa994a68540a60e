import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine } from '../../engine/host/startEngine';
import type { BenchReport } from '../lib/BenchReport';

const SENSORS = ['cam_front', 'cam_left', 'cam_right', 'cam_rear', 'lidar_top'];
const LOAD_BATCH = 5000;
const WRITE_BATCH = 5000;
const ID_PAGE = 50_000;
const TARGET_SECONDS = 10;

/** An image document shaped like the ones the ingest pipeline writes, member of `setId`. */
function imageDoc(i: number, setId: string): Record<string, unknown> {
  const id = `img_${String(i).padStart(8, '0')}`;
  return {
    id, width: 1920, height: 1080, format: 'jpeg', sensor: SENSORS[i % SENSORS.length],
    timestamp: new Date(Date.UTC(2026, 0, 1) + i * 100).toISOString(),
    sets: [setId], session_uid: `session_${Math.floor(i / 2000)}`, preprocesses: [],
    aux: { weather: i % 7 === 0 ? 'rain' : 'sun', run: `run_${i % 1000}` },
    object_access: { uri: `s3://scenedock/org/${id}.jpg`, filename: `${id}.jpg` },
  };
}

/**
 * Splitting a set of `scale` assets 70/20/10 (target <= 10 s at 1,000,000), end to end: the
 * `split_sets/` request over loopback HTTP until its job is finished (reading the members, the
 * seeded shuffle, creating the subsets, rewriting every member's `sets` list). Baseline, measured
 * in the same run on the same file: reading the set's member ids and adding one value to every
 * member's `sets` list with the same store primitive, in id order, with no split logic: the floor
 * of any full membership rewrite. Assets are loaded through the MetaStore directly.
 */
export async function splitSetBench(report: BenchReport, scale: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scenedock-bench-split-'));
  const engine = await startEngine({ dataDir, port: 0, log: { level: 'silent' } });
  try {
    const token = engine.adminToken ?? '';
    const me = engine.services.identity.authenticate(token);
    if (!me) throw new Error('bench engine has no admin');
    const { meta, jobs } = engine.services;
    const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
      const res = await fetch(`${engine.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const parentId = String((await post('/v1/sets/add', { assets_type: 'images', name: 'bench parent' })).id);
    const scope = { organizationId: me.organization_id, assetType: 'images' as const };
    const loadStart = performance.now();
    for (let start = 0; start < scale; start += LOAD_BATCH) {
      const items = Array.from({ length: Math.min(LOAD_BATCH, scale - start) }, (_, k) => ({ id: `img_${String(start + k).padStart(8, '0')}`, doc: imageDoc(start + k, parentId) }));
      meta.write(scope, items, { replace: true, replaceSets: true });
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    process.stdout.write(`  loaded ${scale} assets in ${loadSeconds.toFixed(1)} s (${Math.round(scale / loadSeconds)} assets/s)\n`);

    // CPU seconds beside wall seconds: on a shared machine the wall clock also counts other processes' turns.
    const cpuSeconds = (since: NodeJS.CpuUsage): number => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1e6;
    };
    const floorCpu = process.cpuUsage();
    const floorStart = performance.now();
    const query = { filters: [{ field: 'sets', values: [parentId], filter_out: false }] };
    const ids: string[] = [];
    for (;;) {
      const last = ids[ids.length - 1];
      const page = meta.searchIds(scope, query, { size: ID_PAGE, offset: 0, sortField: 'id', sortOrder: 'asc', ...(last !== undefined ? { searchAfter: last } : {}) });
      for (const id of page) ids.push(id);
      if (page.length < ID_PAGE) break;
    }
    for (let start = 0; start < ids.length; start += WRITE_BATCH) meta.updateList(scope, 'sets', 'add', [{ value: 'bench_floor', ids: ids.slice(start, start + WRITE_BATCH) }]);
    const floorSeconds = (performance.now() - floorStart) / 1000;
    const floorCpuSeconds = cpuSeconds(floorCpu);
    if (ids.length !== scale) throw new Error(`baseline read ${ids.length} members, expected ${scale}`);

    const splitCpu = process.cpuUsage();
    const splitStart = performance.now();
    const reply = await post('/v1/sets/split_sets', { set_id: parentId, random_seed: 42, wait_for_completion: true, percentages: [0.7, 0.2, 0.1] });
    const job = await jobs.waitFor(me.organization_id, String(reply.job_id));
    const splitSeconds = (performance.now() - splitStart) / 1000;
    const splitCpuSeconds = cpuSeconds(splitCpu);
    if (job.status !== 'finished') throw new Error(`split job ${String(job.status)}: ${JSON.stringify(job.notes)}`);
    const subsetIds = reply.subset_ids as string[];
    const sizes = subsetIds.map((id) => meta.count(scope, { filters: [{ field: 'sets', values: [id], filter_out: false }] }));
    if (sizes.reduce((a, b) => a + b, 0) !== scale) throw new Error(`subsets hold ${sizes.join('+')} members, expected ${scale}`);
    process.stdout.write(`  split into ${sizes.join(' / ')} in ${splitSeconds.toFixed(2)} s (CPU ${splitCpuSeconds.toFixed(2)} s); baseline ${floorSeconds.toFixed(2)} s (CPU ${floorCpuSeconds.toFixed(2)} s)\n`);

    const label = scale >= 1_000_000 ? `${scale / 1_000_000}M` : `${scale / 1000}k`;
    const big = scale >= 1_000_000;
    report.add({
      issue: 0, name: `split_sets 70/20/10 of ${label} assets, request to finished job`, value: splitSeconds, unit: 's',
      baselineName: 'read member ids + add one sets value to every member (no split logic)', baselineValue: floorSeconds, ratio: floorSeconds / splitSeconds,
      target: big ? `<= ${TARGET_SECONDS} s` : 'reported', met: big ? splitSeconds <= TARGET_SECONDS : true,
      notes: `CPU: split ${splitCpuSeconds.toFixed(1)} s, baseline ${floorCpuSeconds.toFixed(1)} s; load ${loadSeconds.toFixed(0)} s through MetaStore.write`,
    });
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
