import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE_MIGRATIONS } from '../db/engineMigrations';
import { openSqlite } from '../db/openSqlite';
import { SqliteMetaStore } from '../meta/SqliteMetaStore';
import { JobService } from './JobService';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(dir: string) {
  const db = openSqlite(join(dir, 'engine.db'), { migrations: ENGINE_MIGRATIONS });
  return { db, jobs: new JobService(db, new SqliteMetaStore(db), 1) };
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'jobs-'));
  dirs.push(d);
  return d;
}

describe('JobService', () => {
  it('runs a job to finished with progress and notes, and aborts a failing one with its reason', async () => {
    const { db, jobs } = open(tempDir());
    jobs.register('ok', { jobType: 'test', resumable: false, run: async (ctx) => { ctx.progress(50, 'half'); ctx.note('hello'); } });
    jobs.register('bad', { jobType: 'test', resumable: false, run: async () => { throw new Error('disk on fire'); } });
    jobs.start();
    const ok = await jobs.waitFor('org', jobs.submit('org', 'ok', {}));
    expect(ok).toMatchObject({ status: 'finished', progress: 100, notes: ['hello'] });
    const bad = await jobs.waitFor('org', jobs.submit('org', 'bad', {}));
    expect(bad).toMatchObject({ status: 'aborted', notes: ['disk on fire'] });
    expect(String(bad.stage)).toContain('disk on fire');
    await jobs.stop();
    db.close();
  });

  it('after a crash, re-queues a resumable running job and aborts the others with a note', async () => {
    const dir = tempDir();
    const first = open(dir);
    // Never settles: the first process "dies" while the job runs.
    const blocked = new Promise<void>(() => undefined);
    first.jobs.register('resumable', { jobType: 't', resumable: true, run: () => blocked });
    first.jobs.register('oneshot', { jobType: 't', resumable: false, run: async () => undefined });
    first.jobs.start();
    const a = first.jobs.submit('org', 'resumable', {});
    // Simulate the crash: the process dies while `a` runs; the queue row stays 'running'.
    first.db.prepare("UPDATE job_queue SET state = 'running' WHERE job_id = ?").run(a);
    const b = first.jobs.submit('org', 'oneshot', {});
    first.db.prepare("UPDATE job_queue SET state = 'running' WHERE job_id = ?").run(b);
    first.db.close();

    const second = open(dir);
    second.jobs.register('resumable', { jobType: 't', resumable: true, run: async () => undefined });
    second.jobs.register('oneshot', { jobType: 't', resumable: false, run: async () => undefined });
    second.jobs.start();
    expect(await second.jobs.waitFor('org', a)).toMatchObject({ status: 'finished' });
    const aborted = second.jobs.get('org', b);
    expect(aborted.status).toBe('aborted');
    expect((aborted.notes as string[]).join(' ')).toMatch(/stopped while this job was running/);
    await second.jobs.stop();
    second.db.close();
  });

  it('cancels a queued job before it runs and a running job through its signal', async () => {
    const { db, jobs } = open(tempDir());
    jobs.register('slow', {
      jobType: 't', resumable: false,
      run: (ctx) => new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error))),
    });
    jobs.start();
    const running = jobs.submit('org', 'slow', {});
    const queued = jobs.submit('org', 'slow', {});
    expect(jobs.cancel('org', queued)).toMatchObject({ status: 'aborted', stage: 'cancelled' });
    jobs.cancel('org', running);
    expect(await jobs.waitFor('org', running)).toMatchObject({ status: 'aborted', notes: ['Cancelled by the user.'] });
    await jobs.stop();
    db.close();
  });
});
