import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultyProxy, type FaultyProxy } from '../../helpers/faultyProxy';
import { writeLargeScan, writeSmallImages } from '../../helpers/ingestFiles';
import { spawnCli, type CliProcess } from '../../helpers/spawnCli';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

// `scenedock ingest` killed with SIGKILL in the middle of a run, twice, then run to the end: every
// file lands once, byte-equal, and each kill costs at most one part of re-sent bytes.

const MiB = 1024 * 1024;
const PART = 5 * MiB;
const LARGE = 48 * MiB;
const SMALL = 40;

let engine: TestEngine;
let proxy: FaultyProxy;
let work: string;

beforeAll(async () => {
  engine = await startTestEngine();
  proxy = await startFaultyProxy(engine.url, () => 'pass');
  work = mkdtempSync(join(tmpdir(), 'scenedock-kill-'));
  writeSmallImages(join(work, 'drive', 'cam_front'), SMALL);
  writeLargeScan(join(work, 'drive', 'lidar', 'scan.bin'), LARGE);
});
afterAll(async () => {
  await proxy.close();
  await engine.dispose();
  rmSync(work, { recursive: true, force: true });
});

function run(): CliProcess {
  return spawnCli([
    'ingest', join(work, 'drive'), '--engine', proxy.url, '--token', engine.adminToken, '--state', join(work, 'state'),
    '--set', 'killtest', '--part-size', String(PART), '--bandwidth-limit', String(12 * MiB), '--concurrency', '4',
  ]);
}

/** Parts the journal recorded for the large file (read-only: the ingest process owns the journal). */
function recordedParts(): number {
  try {
    const db = new Database(join(work, 'state', 'journal.db'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare("SELECT count(*) FROM item_parts p JOIN items i ON i.id = p.item_id WHERE i.name = 'scan.bin'").pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

async function killWhen(cli: CliProcess, parts: number): Promise<void> {
  for (;;) {
    if (recordedParts() >= parts) break;
    if (cli.child.exitCode !== null) throw new Error(`ingest ended before ${parts} parts: ${cli.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  cli.child.kill('SIGKILL');
  await cli.exited;
}

describe('kill -9 in the middle of an ingest run', () => {
  it('resumes from the recorded parts: every file once, byte-equal, at most one part re-sent per kill', async () => {
    await killWhen(run(), 2);
    await killWhen(run(), 5);
    const last = run();
    expect(await last.exited, last.stderr()).toBe(0);
    expect(last.stdout()).toContain(`${SMALL + 1} done, 0 failed, 0 rejected, 0 skipped`);

    const me = engine.services.identity.authenticate(engine.adminToken);
    const org = me?.organization_id ?? '';
    expect(engine.services.meta.count({ organizationId: org, assetType: 'images' }, {})).toBe(SMALL);
    expect(engine.services.meta.count({ organizationId: org, assetType: 'lidars' }, {})).toBe(1);

    const [scan] = engine.services.meta.getMany({ organizationId: org, assetType: 'lidars' }, engine.services.meta.searchIds({ organizationId: org, assetType: 'lidars' }, {}, { size: 1, offset: 0, sortField: 'id', sortOrder: 'asc' }));
    const uri = (scan?.object_access as { uri: string }).uri;
    const record = engine.services.storage.objectForUri(org, uri);
    const local = createHash('sha256').update(readFileSync(join(work, 'drive', 'lidar', 'scan.bin'))).digest('hex');
    expect(record.sha256).toBe(local);
    const stored = createHash('sha256');
    for await (const chunk of engine.services.storage.read(record)) stored.update(chunk as Buffer);
    expect(stored.digest('hex')).toBe(local);

    const resent = proxy.partBodyBytes() - LARGE;
    console.log(`[kill-resume] part bytes through the proxy: ${proxy.partBodyBytes()} for a ${LARGE}-byte file; re-sent ${resent} bytes over 2 kills (part ${PART})`);
    expect(resent).toBeLessThanOrEqual(2 * PART);
  }, 300_000);
});
