import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSmallImages } from '../../helpers/ingestFiles';
import { spawnCli } from '../../helpers/spawnCli';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

let engine: TestEngine;
let work: string;

beforeAll(async () => {
  engine = await startTestEngine();
  work = mkdtempSync(join(tmpdir(), 'scenedock-cli-ingest-'));
  writeSmallImages(join(work, 'run_1', 'cam'), 12);
  writeFileSync(join(work, 'run_1', 'notes.docx'), 'not a recording');
});
afterAll(async () => {
  await engine.dispose();
  rmSync(work, { recursive: true, force: true });
});

const ingest = () => spawnCli(['ingest', join(work, 'run_1'), '--engine', engine.url, '--token', engine.adminToken, '--state', join(work, 'state'), '--set', 'cli']);

describe('scenedock ingest / status', () => {
  it('ingests a folder, says what happened on its last line, and exits 0 when nothing failed', async () => {
    const run = ingest();
    expect(await run.exited, run.stderr()).toBe(0);
    expect(run.stdout().trim().split('\n').at(-1)).toBe('12 done, 0 failed, 1 rejected, 0 skipped');
    expect(run.stderr()).toContain('rejected: ');
    expect(run.stderr()).toContain('notes.docx: unsupported file type ".docx"');
    const me = engine.services.identity.authenticate(engine.adminToken);
    expect(engine.services.meta.count({ organizationId: me?.organization_id ?? '', assetType: 'images' }, {})).toBe(12);
  });

  it('run again, sends nothing twice', async () => {
    const run = ingest();
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('12 done, 0 failed, 1 rejected, 0 skipped');
    const me = engine.services.identity.authenticate(engine.adminToken);
    expect(engine.services.meta.count({ organizationId: me?.organization_id ?? '', assetType: 'images' }, {})).toBe(12);
  });

  it('status reads the journal: counts per state and the rejected file with its reason', async () => {
    const run = spawnCli(['status', '--state', join(work, 'state'), '--json']);
    expect(await run.exited).toBe(0);
    const status = JSON.parse(run.stdout()) as { counts: Record<string, { count: number }>; failing: { path: string; reason: string }[] };
    expect(status.counts.done?.count).toBe(12);
    expect(status.failing).toEqual([expect.objectContaining({ path: join(work, 'run_1', 'notes.docx'), reason: 'unsupported file type ".docx"' })]);
  });

  it('exits 1 and names the problem when the engine refuses the token', async () => {
    const run = spawnCli(['ingest', join(work, 'run_1', 'cam', 'frame_0000.png'), '--engine', engine.url, '--token', 'wrong', '--state', join(work, 'state2')]);
    expect(await run.exited).toBe(1);
    expect(run.stdout()).toContain('0 done, 1 failed');
    expect(run.stderr()).toMatch(/401|invalid token/);
  }, 600_000);
});
