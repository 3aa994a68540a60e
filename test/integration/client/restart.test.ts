import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SceneEngineClient } from '../../../client/index';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

const MiB = 1024 ** 2;
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const wait = { pollIntervalMs: 20, timeoutMs: 30_000 };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scenedock-client-restart-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an engine restart', () => {
  let engine: TestEngine;
  afterAll(async () => engine.dispose());

  it('keeps assets, blobs, presigned URLs and a half-finished multipart upload; the same client carries on', async () => {
    engine = await startTestEngine();
    const client = new SceneEngineClient({ authToken: engine.adminToken, sceneEngineUrl: engine.url });
    const images = client.getAssetManager('images');
    const small = randomBytes(1000);
    const large = randomBytes(9 * MiB + 3);
    const largePath = join(dir, 'large.bin');
    writeFileSync(largePath, large);
    await images.putAsset({ id: 'small', sensor: 'cam', sets: ['s1'] }, small);
    await images.putAsset({ id: 'large' }, largePath, { fileOptions: { multipartThreshold: 4 * MiB, partSize: 4 * MiB } });
    const urlBefore = await images.getUrl('small');
    const uploadId = await images.createMultipartUpload('resumed.bin');
    const first = await images.uploadPart(await images.getPartUploadUrl('resumed.bin', 1, uploadId), largePath, 0, 4 * MiB);

    engine = await engine.restart();

    expect(await images.getMetadata('small')).toMatchObject({ sensor: 'cam', sets: ['s1'] });
    expect(await images.searchAssets({ filters: [{ field: 'sensor', values: ['cam'] }] })).toEqual(['small']);
    expect((await images.getBytes('small')).equals(small)).toBe(true);
    expect((await images.getBytes('large')).equals(large)).toBe(true);
    expect(Buffer.from(await (await fetch(urlBefore)).arrayBuffer()).equals(small)).toBe(true);
    expect(await images.findObjectBySha256(sha256(large))).toMatchObject({ exists: true, size: large.length });

    expect(await images.listUploadedParts(uploadId)).toEqual([{ PartNumber: 1, ETag: first, Size: 4 * MiB }]);
    const parts = [{ PartNumber: 1, ETag: first }];
    for (const [n, start, end] of [[2, 4 * MiB, 8 * MiB], [3, 8 * MiB, large.length]] as const) {
      parts.push({ PartNumber: n, ETag: await images.uploadPart(await images.getPartUploadUrl('resumed.bin', n, uploadId), largePath, start, end) });
    }
    expect(await images.completeMultipartUpload('resumed.bin', uploadId, parts)).toMatchObject({ size: large.length, sha256: sha256(large) });
  });
});

describe('jobs across a restart', () => {
  it('runs jobs that were still queued when the engine stopped, and never runs a cancelled one', async () => {
    // No job worker is free on the first run (concurrency 0): every submitted job stays queued.
    const busy = await startTestEngine({ jobConcurrency: 0 });
    let client = new SceneEngineClient({ authToken: busy.adminToken, sceneEngineUrl: busy.url });
    let images = client.getAssetManager('images');
    await images.putAssetsBatch(Array.from({ length: 40 }, (_, i) => ({ metadata: { id: `q_${String(i).padStart(2, '0')}`, batch: i < 20 ? 'first' : 'second' } })));
    const byList = await images.deleteWithList(['q_00', 'q_01', 'q_02']);
    const byQuery = await images.deleteWithQuery({ filters: [{ field: 'batch', values: ['second'] }] });
    const cancelled = await images.deleteWithList(['q_10']);
    const external = client.getJobManager();
    const externalId = await external.createJob({ jobType: 'ingestion', stage: 'waiting' });
    await external.appendNote('started before the restart');
    await client.cancelJob(cancelled);
    for (const id of [byList, byQuery]) {
      await expect(client.waitForJob(id, { pollIntervalMs: 10, timeoutMs: 50 })).rejects.toMatchObject({ lastStatus: 'queued' });
    }
    await busy.close();

    const engine = await startTestEngine({ dataDir: busy.dataDir, port: busy.port });
    try {
      client = new SceneEngineClient({ authToken: engine.adminToken, sceneEngineUrl: engine.url });
      images = client.getAssetManager('images');
      expect(await client.waitForJob(byList, wait)).toMatchObject({ status: 'finished', progress: 100 });
      expect(await client.waitForJob(byQuery, wait)).toMatchObject({ status: 'finished' });
      expect(await images.count()).toBe(40 - 3 - 20);
      expect(await images.exists('q_10')).toBe(true);
      expect(await client.getJob(cancelled)).toMatchObject({ status: 'aborted', stage: 'cancelled' });
      expect(await client.getJob(externalId)).toMatchObject({ status: 'queued', stage: 'waiting', notes: ['started before the restart'] });
    } finally {
      await engine.dispose();
    }
  });

  it('finishes a job submitted right before a restart, whatever state the stop caught it in', async () => {
    let engine = await startTestEngine({ jobConcurrency: 1 });
    const client = new SceneEngineClient({ authToken: engine.adminToken, sceneEngineUrl: engine.url });
    const images = client.getAssetManager('images');
    await images.putAssetsBatch(Array.from({ length: 3000 }, (_, i) => ({ metadata: { id: `r_${i}`, kind: i % 3 === 0 ? 'drop' : 'keep' } })));
    const jobs = await Promise.all([
      images.deleteWithQuery({ filters: [{ field: 'kind', values: ['drop'] }] }),
      images.deleteWithList(['r_1', 'r_2']),
    ]);
    engine = await engine.restart();
    try {
      for (const id of jobs) expect((await client.waitForJob(id, wait)).status).toBe('finished');
      expect(await images.count()).toBe(2000 - 2);
    } finally {
      await engine.dispose();
    }
  });
});
