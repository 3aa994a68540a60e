import { Bag } from '@foxglove/rosbag';
import { FileReader } from '@foxglove/rosbag/node';
import { McapIndexedReader } from '@mcap/core';
import { copyFile, mkdir, open, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexingClient } from '../../../helpers/indexing/IndexingClient';
import { generateDrive } from '../../../helpers/recordings/generateDrive';
import type { TestEngine } from '../../../helpers/startTestEngine';
import { useIndexingEngine } from '../../../helpers/indexing/useIndexingEngine';
import { useTempDir } from '../../../helpers/useTempDir';

// Damaged recordings: each job must end aborted with a note naming the problem, and nothing it
// made may stay: no asset in the sets, no asset of the session, no stored file, no entity. The
// mid-file cases are damaged in their last chunk, so that the job has written assets by the time
// it meets the damage and must take them back.

const tmp = useTempDir('scenedock-index-corrupt-');
const env = useIndexingEngine();
let engine: TestEngine;
let client: IndexingClient;
let org: string;
beforeAll(() => {
  ({ engine, client } = env());
  org = engine.services.identity.authenticate(engine.adminToken)?.organization_id ?? '';
});

async function flipBytes(path: string, at: number, count: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const bytes = Buffer.alloc(count);
    await handle.read(bytes, 0, count, at);
    for (let i = 0; i < count; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xa5;
    await handle.write(bytes, 0, count, at);
  } finally {
    await handle.close();
  }
}

let run = 0;

/** Uploads, indexes into a fresh session and sets, and checks that nothing stayed. */
async function expectAbortedCleanly(route: string, files: string[], reason: RegExp): Promise<void> {
  run += 1;
  const sets = { images: `bad_images_${run}`, videos: `bad_videos_${run}`, lidars: `bad_lidars_${run}` };
  for (const [kind, id] of Object.entries(sets)) await client.createSet(id, id, kind);
  const objects = [];
  for (const file of files) objects.push(await client.upload(file, `corrupt/${run}/${file.split('/').pop() ?? 'file'}`, { multipartFrom: 64 * 1024, partBytes: 40 * 1024 }));
  const uid = await client.addSession(`corrupt ${run}`, 'generic');
  const before = engine.services.storage.listObjects(org, 'indexing').length;
  const result = await client.index(route, { file_objects_dicts: objects, sets_map: sets, session_uid: uid });
  expect(result.job.status).toBe('aborted');
  const notes = (result.job.notes as string[]).join('\n');
  expect(notes).toMatch(reason);
  expect(notes).toContain('everything this job had written was removed again');
  for (const [kind, id] of Object.entries(sets)) expect(await client.setMembers(kind, id), `${kind} left in the set`).toEqual([]);
  for (const kind of ['images', 'lidars', 'videos']) expect(await client.assetsOfSession(kind, uid), `${kind} of the session`).toEqual([]);
  expect(engine.services.storage.listObjects(org, 'indexing')).toHaveLength(before);
  expect(await client.entitySummary(uid)).toEqual({});
  expect(await client.session(uid)).toMatchObject({ status: 'ready', indexing_error: expect.stringMatching(reason) });
  expect(await readdir(join(engine.dataDir, 'tmp'))).toEqual([]);
}

describe('damaged recordings end aborted and leave nothing behind', () => {
  it('a ROS 1 bag whose last lz4 chunk is damaged (assets of earlier chunks are taken back)', async () => {
    const path = join(tmp(), 'damaged.bag');
    // 40 frames: more assets than one batch of documents, so that written documents are taken back too.
    await generateDrive({ format: 'ros1-bag', path, options: { compression: 'lz4', chunkThresholdBytes: 16 * 1024 } }, { cameraFrames: 40 });
    const file = new FileReader(path);
    const bag = new Bag(file);
    await bag.open();
    const last = [...bag.chunkInfos].sort((a, b) => b.chunkPosition - a.chunkPosition)[0];
    await file.close();
    if (!last || bag.chunkInfos.length < 4) throw new Error('the drive should have several chunks');
    await flipBytes(path, last.chunkPosition + 120, 64);
    await expectAbortedCleanly('indexing/index_rosbag', [path], /damaged\.bag: chunk \d+ of \d+ \(offset \d+\)/);
  });

  it('a truncated ROS 1 bag (the recorder never wrote its index)', async () => {
    const path = join(tmp(), 'truncated.bag');
    await generateDrive({ format: 'ros1-bag', path }, { cameraFrames: 6 });
    const size = (await readFile(path)).length;
    await truncate(path, Math.floor(size * 0.7));
    await expectAbortedCleanly('indexing/index_rosbag', [path], /truncated\.bag: index_pos \d+ lies outside the file/);
  });

  it('an MCAP file whose last chunk fails its CRC', async () => {
    const path = join(tmp(), 'damaged.mcap');
    await generateDrive({ format: 'mcap', path, profile: 'ros2', options: { compression: 'none', chunkSize: 16 * 1024 } }, { cameraFrames: 12 });
    const handle = await open(path, 'r');
    const reader = await McapIndexedReader.Initialize({
      readable: { size: async () => BigInt((await handle.stat()).size), read: async (offset, length) => { const b = Buffer.alloc(Number(length)); await handle.read(b, 0, b.length, Number(offset)); return b; } },
    });
    const last = [...reader.chunkIndexes].sort((a, b) => Number(b.chunkStartOffset - a.chunkStartOffset))[0];
    await handle.close();
    if (!last || reader.chunkIndexes.length < 4) throw new Error('the drive should have several chunks');
    // Inside the records, past the chunk's own header fields.
    await flipBytes(path, Number(last.chunkStartOffset + last.chunkLength) - 200, 16);
    await expectAbortedCleanly('indexing/index_rosbag2', [path], /damaged\.mcap: .*CRC/);
  });

  it('a truncated MCAP file', async () => {
    const path = join(tmp(), 'truncated.mcap');
    await generateDrive({ format: 'mcap', path, profile: 'ros1' }, { cameraFrames: 6 });
    await truncate(path, Math.floor((await readFile(path)).length * 0.6));
    await expectAbortedCleanly('indexing/index_rosbag2', [path], /truncated\.mcap: no trailing magic: the file is truncated/);
  });

  it('a rosbag2 folder whose last SQLite file is truncated', async () => {
    const dir = join(tmp(), 'cut');
    const { files } = await generateDrive({ format: 'ros2-db3', dir, options: { maxMessagesPerFile: 80 } }, { cameraFrames: 12 });
    const storage = files.filter((f) => f.endsWith('.db3')).sort();
    const lastDb = storage[storage.length - 1];
    if (!lastDb || storage.length < 2) throw new Error('the drive should be split');
    await truncate(lastDb, Math.floor((await readFile(lastDb)).length / 2));
    await expectAbortedCleanly('indexing/index_rosbag2', files, /cut_\d\.db3: truncated: the header says \d+ pages/);
  });

  it('a rosbag2 folder missing one of the files its metadata.yaml lists', async () => {
    const dir = join(tmp(), 'missing');
    const { files } = await generateDrive({ format: 'ros2-db3', dir, options: { maxMessagesPerFile: 80 } }, { cameraFrames: 12 });
    const kept = files.filter((f) => !f.endsWith('_1.db3'));
    await expectAbortedCleanly('indexing/index_rosbag2', kept, /metadata\.yaml lists missing_1\.db3, which is not among the uploaded files/);
  });

  it('a file that is no recording at all', async () => {
    const path = join(tmp(), 'notes.bag');
    await writeFile(path, 'these are my field notes, not a bag\n'.repeat(100));
    await expectAbortedCleanly('indexing/index_rosbag', [path], /notes\.bag: not a ROS 1 bag, an MCAP file or a rosbag2 SQLite file/);
  });

  it('a session made by the request itself is removed again', async () => {
    const dir = join(tmp(), 'own');
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'own.mcap');
    await copyFile(join(tmp(), 'truncated.mcap'), path);
    const object = await client.upload(path, 'corrupt/own/own.mcap');
    const result = await client.index('indexing/index_rosbag2', { file_objects_dicts: [object], session_name: 'made by the request' });
    expect(result.job.status).toBe('aborted');
    expect(await client.session(result.sessionUid)).toBeUndefined();
  });
});
