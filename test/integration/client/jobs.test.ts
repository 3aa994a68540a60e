import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpEvent, SceneEngineClient } from '../../../client/index';
import { JobFailedError, JobManagerClient, JobTimeoutError, NotFoundError, ValidationError } from '../../../client/index';
import { connectClient } from '../../helpers/connectClient';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

let engine: TestEngine;
let se: SceneEngineClient;
let requests: HttpEvent[];

beforeAll(async () => {
  engine = await startTestEngine();
  ({ client: se, requests } = connectClient(engine));
});
afterAll(async () => engine.dispose());

const wait = { pollIntervalMs: 20, timeoutMs: 30_000 };

describe('an external job, driven by a worker', () => {
  it('goes add → run → progress → stage → note → meta → finish', async () => {
    const jm = se.getJobManager();
    const jobId = await jm.createJob({ jobType: 'rosbag_indexing', description: 'index drive_01', assetType: 'rosbags', assetId: 'drive_01', tags: ['user_facing'] });
    expect(jm.jobId).toBe(jobId);
    expect(await se.getJob(jobId)).toMatchObject({ id: jobId, status: 'queued', progress: 0, job_type: 'rosbag_indexing', description: 'index drive_01', asset_id: 'drive_01', user: 'admin', tags: ['user_facing'] });
    expect(await jm.getStatus()).toBe('queued');

    expect((await jm.run({ hostname: 'worker-1' })).status).toBe('running');
    requests.length = 0;
    expect(await jm.updateProgress(3)).toBe(false);
    expect(await jm.updateProgress(10.123)).toBe(true);
    expect(await jm.updateProgress(14)).toBe(false);
    expect(await jm.getProgress()).toBe(10.12);
    expect(await jm.updateProgress(14, { force: true })).toBe(true);
    expect(await jm.getProgress()).toBe(14);
    expect(requests.filter((r) => r.method === 'PUT' && r.url.includes('/jobs/progress/'))).toHaveLength(2);

    await jm.updateStage('decoding camera topics');
    await jm.appendNote('found 3 topics');
    await jm.appendNote('found 3 topics');
    const meta = await jm.updateMeta('child_job_ids', ['job_a', 'job_b']);
    expect(meta.child_job_ids).toEqual(['job_a', 'job_b']);
    await expect(jm.updateMeta('status', 'finished')).rejects.toBeInstanceOf(ValidationError);
    expect(await jm.getComprehensiveStatus()).toMatchObject({
      status: 'running', progress: 14, stage: 'decoding camera topics', notes: ['found 3 topics', 'found 3 topics'], description: 'index drive_01', job_type: 'rosbag_indexing',
    });

    expect(await jm.updateProgress(100)).toBe(true);
    const finished = await jm.finish();
    expect(finished).toMatchObject({ status: 'finished', progress: 100, stage: 'finished' });
    expect(await jm.waitForCompletion(wait)).toMatchObject({ status: 'finished' });
    expect(await se.waitForJob(jobId, wait)).toMatchObject({ status: 'finished' });
  });

  it('aborts with an error string, which waiting callers receive with the notes', async () => {
    const jm = se.getJobManager();
    const jobId = await jm.createJob({ jobType: 'video_indexing' });
    await jm.run();
    await jm.appendNote('opened file');
    const aborted = await jm.abort(`disk on fire ${'!'.repeat(2000)}`);
    expect(aborted.status).toBe('aborted');
    expect(aborted.stage).toBe(`Error :disk on fire ${'!'.repeat(1024 - 'disk on fire '.length)}`);
    const failure = se.waitForJob(jobId, wait);
    await expect(failure).rejects.toBeInstanceOf(JobFailedError);
    await expect(failure).rejects.toMatchObject({ jobId, notes: ['opened file', expect.stringMatching(/^disk on fire !+$/) as unknown] });
    await expect(jm.waitForCompletion(wait)).rejects.toThrow(/disk on fire/);
  });

  it('resubmits a failed external job back to queued, and queues explicitly', async () => {
    const jm = se.getJobManager();
    const jobId = await jm.createJob({ jobType: 'ingestion' });
    await jm.run();
    await jm.abort('network down');
    const again = await jm.resubmit();
    expect(again).toMatchObject({ id: jobId, status: 'queued', progress: 0, stage: 'queued' });
    expect(again.notes?.at(-1)).toBe('Resubmitted.');
    await jm.run();
    expect((await jm.queue()).status).toBe('queued');
  });

  it('cancels through SceneEngine and through the job manager, and aborts tasks both ways', async () => {
    const one = se.getJobManager();
    const first = await one.createJob({ jobType: 'ingestion' });
    expect(await se.cancelJob(first)).toMatchObject({ status: 'aborted', stage: 'cancelled' });
    await expect(se.waitForJob(first, wait)).rejects.toMatchObject({ notes: ['Cancelled by the user.'] });

    const two = se.getJobManager();
    await two.createJob({ jobType: 'ingestion' });
    expect((await two.cancel()).status).toBe('aborted');

    for (const method of ['GET', 'DELETE'] as const) {
      const jm = se.getJobManager();
      const taskId = await jm.createJob({ jobType: 'enrichment' });
      expect(await jm.getTask(taskId)).toMatchObject({ completed: false, response: { status: 'queued' } });
      expect((await jm.abortTask(taskId, method)).status).toBe('aborted');
      expect(await jm.getTask(taskId)).toMatchObject({ completed: true, error: 'Cancelled by the user.' });
    }
  });

  it('keeps the stage, notes and tags a worker creates the job with', async () => {
    const jm = se.getJobManager();
    const jobId = await jm.createJob({ jobType: 'ingestion', stage: 'waiting for disk', notes: ['queued by the desktop app'], tags: ['resubmittable'] });
    expect(await se.getJob(jobId)).toMatchObject({ status: 'queued', stage: 'waiting for disk', notes: ['queued by the desktop app'], tags: ['resubmittable'] });
  });

  it('gives up waiting after the caller limit, with the last status', async () => {
    const jm = se.getJobManager();
    const jobId = await jm.createJob({ jobType: 'ingestion' });
    await expect(se.waitForJob(jobId, { pollIntervalMs: 10, timeoutMs: 30 })).rejects.toBeInstanceOf(JobTimeoutError);
    await expect(jm.waitForCompletion({ pollIntervalMs: 10, timeoutMs: 30 })).rejects.toMatchObject({ jobId, lastStatus: 'queued' });
  });
});

describe('engine jobs', () => {
  it('resubmits a finished engine job, which runs again from its stored payload', async () => {
    const images = se.getAssetManager('images');
    await images.putAssetsBatch([{ metadata: { id: 'r1' } }, { metadata: { id: 'r2' } }]);
    const jobId = await images.deleteWithList(['r1']);
    await se.waitForJob(jobId, wait);
    await images.putAsset({ id: 'r1' });
    const jm = se.getJobManager(jobId);
    expect((await jm.resubmit()).status).toMatch(/queued|running|finished/);
    expect(await jm.waitForCompletion(wait)).toMatchObject({ status: 'finished', progress: 100 });
    expect(await images.existsMultiple(['r1', 'r2'])).toEqual({ r1: false, r2: true });
  });
});

describe('errors', () => {
  it('answers 404 for an unknown job and refuses a progress outside 0-100', async () => {
    await expect(se.getJob('job_nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(se.getJobManager('job_nope').getStatus()).rejects.toBeInstanceOf(NotFoundError);
    const jm = se.getJobManager();
    await jm.createJob({ jobType: 'ingestion' });
    await expect(jm.updateProgress(150, { force: true })).resolves.toBe(true);
    expect(await jm.getProgress()).toBe(100);
  });

  it('needs a job before driving one, and appends /v1 to an unversioned asset-manager URL', async () => {
    const jm = new JobManagerClient({ assetManagerUrl: `${engine.url}/am/`, authToken: engine.adminToken });
    await expect(jm.getStatus()).rejects.toThrow(/no job/);
    const jobId = await jm.createJob({ jobType: 'notification' });
    expect(await jm.getStatus()).toBe('queued');
    expect((await se.getJob(jobId)).job_type).toBe('notification');
  });
});
