import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine } from '../../engine/host/startEngine';
import type { BenchReport } from '../lib/BenchReport';
import { median, timeRuns } from '../lib/stats';

/** Issue #3 (sets, sessions, annotations) asks for this figure. */
const ISSUE = 3;
const RESOLUTION = 0.1;
const T0 = Date.UTC(2026, 0, 1) / 1000;
const RUNS = 3;

type Dict = Record<string, unknown>;

/** T0 + `offset` seconds, as the Python client writes times. */
function iso(offset: number): string {
  const us = Math.round(offset * 1e6);
  const whole = Math.floor(us / 1e6);
  return `${new Date((T0 + whole) * 1000).toISOString().slice(0, 19)}.${String(us - whole * 1e6).padStart(6, '0')}+00:00`;
}

/**
 * 100,000 entities over 1,000 s (a 0.1 s session may span MAX_SESSION_LENGTH × 0.1 = 1,080 s),
 * in the mix a recording produces: interpolated signals, GPS, event intervals, detections.
 */
function entities(session: string): Dict[] {
  const out: Dict[] = [];
  const add = (name: string, n: number, make: (i: number, at: number) => Dict) => {
    for (let i = 0; i < n; i++) out.push({ session, entity_id: `${name}_${i}`, entity_name: name, enrichments: [], ...make(i, (i * 1000) / n) });
  };
  for (const name of ['speed', 'rpm', 'throttle', 'brake']) {
    add(name, 10_000, (i, at) => ({ timestamp: iso(at), entity_value: Math.sin(i / 50) * 100, entity_type: 'scalar', influence: 'linear_interpolation' }));
  }
  add('gear_count', 10_000, (i, at) => ({ timestamp: iso(at), entity_value: i % 7, entity_type: 'scalar', influence: 'linear_interpolation_integer' }));
  add('geolocation', 10_000, (i, at) => {
    const lat = 45 + i * 1e-5;
    const lon = 7 + i * 2e-5;
    return { timestamp: iso(at), entity_value: [lat, lon], geolocation: { lat, lon }, entity_type: 'geo', influence: 'geo_interpolation' };
  });
  for (const name of ['weather', 'road', 'lighting']) {
    add(name, 5_000, (i, at) => ({
      timestamp: iso(at), start_time: iso(at), end_time: iso(at + 0.15), entity_value: [`${name}_${i % 4}`], entity_type: 'state_set', influence: 'affect_forward', extend_session: true,
    }));
  }
  add('detections', 10_000, (i, at) => ({ timestamp: iso(at), entity_value: `class_${i % 12}`, entity_type: 'state', influence: 'point' }));
  add('objects', 10_000, (i, at) => ({
    timestamp: iso(at), start_time: iso(at), end_time: iso(at + 2), entity_value: [`object_${i % 9}`], entity_type: 'state_set', influence: 'interval',
  }));
  add('recording', 5_000, (i, at) => ({ timestamp: iso(at), entity_value: i % 2 === 0 ? 'on' : null, entity_type: 'state', influence: 'start_stop' }));
  return out;
}

/**
 * Resolving a session of 100,000 entities of mixed influence types at 0.1 s (target <= 2 s),
 * end to end: the resolve_session request, the job reading the entities, projecting them and
 * storing the timeline, until the job is finished. Baseline in the same run, on the same file:
 * the I/O floor, reading the same 100,000 entities from their table and writing one row per
 * entity (its time index and value) with no influence logic.
 */
export async function resolveSessionBench(report: BenchReport): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scenedock-bench-resolve-'));
  const engine = await startEngine({ dataDir, port: 0, log: { level: 'silent' } });
  try {
    const token = engine.adminToken ?? '';
    const me = engine.services.identity.authenticate(token);
    if (!me) throw new Error('bench engine has no admin');
    const call = async (path: string, body?: unknown): Promise<Dict> => {
      const res = await fetch(`${engine.url}/v1/${path}`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Dict;
    };
    const uid = String((await call('sessions/add/', { session_name: 'bench', session_type: 'generic', session_aux_metadata: {}, status: 'ready', resolution: RESOLUTION })).session_uid);
    const all = entities(uid);
    const loadStart = performance.now();
    for (let i = 0; i < all.length; i += 10_000) await call('session_manager/add_entities/', { entity_dicts: all.slice(i, i + 10_000) });
    const loadSeconds = (performance.now() - loadStart) / 1000;
    process.stdout.write(`  added ${all.length} entities over HTTP in ${loadSeconds.toFixed(1)} s (${Math.round(all.length / loadSeconds)} entities/s)\n`);

    const resolveTimes = await timeRuns(RUNS, async () => {
      const { job_id: jobId } = await call(`session_manager/resolve_session/${uid}`);
      const job = await engine.services.jobs.waitFor(me.organization_id, String(jobId));
      if (job.status !== 'finished') throw new Error(`resolution ended ${String(job.status)}: ${JSON.stringify(job.notes)}`);
    });

    const db = engine.services.db;
    const key = db.prepare('SELECT id FROM session_keys WHERE session_uid = ?').pluck().get(uid) as number;
    const fields = db.prepare('SELECT count(*) FROM session_timeline_fields WHERE session = ?').pluck().get(key) as number;
    const length = db.prepare('SELECT length FROM session_timelines WHERE session = ?').pluck().get(key) as number;
    db.exec('CREATE TABLE bench_timeline_rows (session INTEGER NOT NULL, field TEXT NOT NULL, time_index INTEGER NOT NULL, value TEXT)');
    const read = db.prepare('SELECT name, t, value FROM session_entities WHERE session = ? ORDER BY name, t, entity_id').raw();
    const write = db.prepare('INSERT INTO bench_timeline_rows (session, field, time_index, value) VALUES (?, ?, ?, ?)');
    const resUs = Math.round(RESOLUTION * 1e6);
    const floorTimes = await timeRuns(RUNS, () => db.transaction(() => {
      db.prepare('DELETE FROM bench_timeline_rows').run();
      const rows = read.all(key) as [string, number, string | null][];
      if (rows.length !== all.length) throw new Error(`read ${rows.length} entities, expected ${all.length}`);
      for (const [name, t, value] of rows) write.run(key, name, Math.floor(t / resUs), value);
    })());

    const value = median(resolveTimes);
    const floor = median(floorTimes);
    report.add({
      issue: ISSUE, name: `resolve session, ${all.length / 1000}k mixed entities at ${RESOLUTION} s (${length} indices × ${fields} fields), median of ${RUNS}`,
      value, unit: 'ms', baselineName: 'I/O floor: read the entities, write one row each, no influence logic', baselineValue: floor, ratio: floor / value,
      target: '<= 2000 ms', met: value <= 2000,
      notes: `runs ${resolveTimes.map((t) => Math.round(t)).join(', ')} ms; floor runs ${floorTimes.map((t) => Math.round(t)).join(', ')} ms`,
    });
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
