import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderWatcher, type ReadyUnit } from './FolderWatcher';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function watched(options: Partial<ConstructorParameters<typeof FolderWatcher>[0]> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'watch-'));
  const ready: ReadyUnit[] = [];
  const gone: string[] = [];
  const watcher = new FolderWatcher({
    root, quietMs: 300, tickMs: 50, rescanMs: 60_000,
    onReady: (u) => { ready.push(u); }, onGone: (p) => { gone.push(p); }, ...options,
  });
  await watcher.start();
  cleanups.push(() => rmSync(root, { recursive: true, force: true }), () => watcher.stop());
  return { root, ready, gone, watcher };
}

/** Polls until `check` holds (the watcher works on its own timers). */
async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('FolderWatcher', () => {
  it('reports a file only after its size and mtime stay quiet, with its final size, once', async () => {
    // The clock is driven by the test and the timer is off: growth and quiet are decided by ticks.
    let clock = 0;
    const { root, ready, watcher } = await watched({ now: () => clock, tickMs: 3_600_000, quietMs: 1000 });
    const path = join(root, 'drive', 'scan.pcd');
    mkdirSync(join(root, 'drive'));
    writeFileSync(path, 'a');
    await until(() => watcher.waiting().some((w) => w.path === path), 'the new file to be seen');
    for (let i = 0; i < 5; i++) {
      appendFileSync(path, 'more bytes ');
      clock += 600;
      await watcher.tick();
      expect(ready).toEqual([]);
    }
    clock += 600;
    await watcher.tick();
    expect(ready).toEqual([]);
    clock += 600;
    await watcher.tick();
    await watcher.tick();
    expect(ready).toEqual([expect.objectContaining({ path, isFolder: false, size: 1 + 5 * 11 })]);
  });

  it('ignores a recorder temporary name until the file is renamed', async () => {
    const { root, ready, watcher } = await watched();
    writeFileSync(join(root, 'run.bag.active'), 'x'.repeat(100));
    writeFileSync(join(root, 'clip.mp4.part'), 'y');
    await sleep(800);
    expect(ready).toEqual([]);
    expect(watcher.waiting()).toEqual([]);
    renameSync(join(root, 'run.bag.active'), join(root, 'run.bag'));
    await until(() => ready.length === 1, 'the renamed bag');
    expect(ready[0]?.name).toBe('run.bag');
  });

  it.skipIf(process.platform !== 'linux')('waits while another process holds the file open for writing', async () => {
    const { root, ready, watcher } = await watched();
    const path = join(root, 'held.mcap');
    writeFileSync(path, 'data');
    const holder = spawn(process.execPath, ['-e', `require('fs').openSync(${JSON.stringify(path)}, 'a'); setTimeout(() => {}, 60000)`]);
    cleanups.push(() => { holder.kill(); });
    await until(() => watcher.waiting().some((w) => w.reason.includes('open for writing')), 'the open-for-writing reason');
    expect(ready).toEqual([]);
    holder.kill();
    await until(() => ready.length === 1, 'the file after the writer exits');
  });

  it('treats a ROS 2 bag folder as one unit, ready when every listed file is there', async () => {
    const listed = ['rec_0.db3', 'rec_1.db3'];
    const { root, ready, watcher } = await watched({ bagFolderFiles: async () => listed });
    const bag = join(root, 'rec');
    mkdirSync(bag);
    writeFileSync(join(bag, 'metadata.yaml'), 'rosbag2_bagfile_information: {}\n');
    writeFileSync(join(bag, 'rec_0.db3'), 'x'.repeat(10));
    await until(() => watcher.waiting().some((w) => w.reason.includes('rec_1.db3')), 'the missing split file to be named');
    expect(ready).toEqual([]);
    writeFileSync(join(bag, 'rec_1.db3'), 'y'.repeat(5));
    await until(() => ready.length === 1, 'the bag folder');
    expect(ready[0]).toMatchObject({ path: bag, isFolder: true });
    expect(ready[0]?.size).toBeGreaterThanOrEqual(15);
  });

  it('waits for format completeness and says why', async () => {
    let complete = false;
    const { root, ready, watcher } = await watched({ isComplete: async () => (complete ? { complete: true } : { complete: false, reason: 'no index yet' }) });
    writeFileSync(join(root, 'rec.bag'), 'bag');
    await until(() => watcher.waiting().some((w) => w.reason === 'no index yet'), 'the completeness reason');
    complete = true;
    await until(() => ready.length === 1, 'the completed bag');
  });

  it('reports a changed file again and a deleted one as gone', async () => {
    const { root, ready, gone } = await watched();
    const path = join(root, 'img.png');
    writeFileSync(path, 'v1');
    await until(() => ready.length === 1, 'the first version');
    writeFileSync(path, 'version two');
    await until(() => ready.length === 2, 'the changed version');
    expect(ready[1]?.size).toBe('version two'.length);
    rmSync(path);
    await until(() => gone.includes(path), 'the deletion');
  });

  it('finds files that existed before it started', async () => {
    const root = mkdtempSync(join(tmpdir(), 'watch-pre-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'a', 'b', 'old.jpg'), 'jpeg');
    const ready: ReadyUnit[] = [];
    const watcher = new FolderWatcher({ root, quietMs: 100, tickMs: 50, onReady: (u) => { ready.push(u); } });
    await watcher.start();
    cleanups.push(() => rmSync(root, { recursive: true, force: true }), () => watcher.stop());
    await until(() => ready.length === 1, 'the pre-existing file');
    expect(ready[0]?.path).toBe(join(root, 'a', 'b', 'old.jpg'));
  });
});
