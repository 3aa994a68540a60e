import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCompleteness } from '../../main/services/ingest/SourceWatchers';
import { ros2BagFolderStatus } from '../../main/services/probe/bags/ros2BagFolderStatus';
import { collectUnits, type DroppedUnit } from '../../main/services/sources/collectUnits';
import { FolderWatcher, type ReadyUnit } from '../../main/services/watch/FolderWatcher';

// A dropped or watched folder holding symlinks to files and folders outside it, and a ROS 2 bag
// whose metadata.yaml lists files outside the bag (by `..` and by a symlink): ingestion takes the
// folder's own files only. Nothing outside the folder becomes a unit or a file of one.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return realpathSync(dir);
}

/** Secrets outside the folder, and the links and listings inside it that point at them. */
function hostileFolder(root: string, outside: string): void {
  writeFileSync(join(outside, 'secret.png'), 'outside bytes');
  mkdirSync(join(outside, 'tree'));
  writeFileSync(join(outside, 'tree', 'deep.png'), 'outside bytes');
  writeFileSync(join(outside, 'stolen.db3'), 'outside bytes');
  writeFileSync(join(root, 'own.png'), 'own bytes');
  symlinkSync(join(outside, 'secret.png'), join(root, 'link.png'));
  symlinkSync(join(outside, 'tree'), join(root, 'linked-tree'), 'dir');
  symlinkSync(outside, join(root, 'up'), 'dir');
  const bag = join(root, 'bag');
  mkdirSync(bag);
  symlinkSync(join(outside, 'stolen.db3'), join(bag, 'bag_0.db3'));
  writeFileSync(join(bag, 'metadata.yaml'), [
    'rosbag2_bagfile_information:',
    '  version: 5',
    '  storage_identifier: sqlite3',
    '  relative_file_paths: [bag_0.db3, ../../stolen.db3, ../stolen.db3]',
    '  duration: {nanoseconds: 0}',
    '  starting_time: {nanoseconds_since_epoch: 0}',
    '  message_count: 0',
    '  topics_with_message_count: []',
    '  compression_format: ""',
    '  compression_mode: ""',
    '',
  ].join('\n'));
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, realpathSync(path));
  return rel !== '' && !rel.startsWith('..');
};

describe('folder ingest stays inside the folder', () => {
  it('a dropped folder yields its own files and no unit reached through a symlink', async () => {
    const root = tempDir('scenedock-drop-');
    const outside = tempDir('scenedock-outside-');
    hostileFolder(root, outside);
    const units: DroppedUnit[] = [];
    for await (const unit of collectUnits([root])) units.push(unit);
    expect(units.map((u) => relative(root, u.path)).sort()).toEqual(['bag', 'own.png']);
    for (const unit of units) expect(inside(root, unit.path), unit.path).toBe(true);
  });

  it('a bag whose metadata.yaml lists files outside it, by ".." or by a symlink, is not complete, and says why', async () => {
    const root = tempDir('scenedock-drop-');
    const outside = tempDir('scenedock-outside-');
    hostileFolder(root, outside);
    const status = await ros2BagFolderStatus(join(root, 'bag'));
    expect(status.complete).toBe(false);
    expect(status.reason).toMatch(/listed file \.\.\/\.\.\/stolen\.db3 lies outside the bag folder/);
    expect(status.reason).toMatch(/listed file \.\.\/stolen\.db3 lies outside the bag folder/);
    expect(status.reason).toMatch(/listed file bag_0\.db3 is a symbolic link to a file outside the bag folder/);
    expect(status.files.filter((f) => f.exists)).toEqual([]);
  });

  it('a watched folder reports its own files only, for links present at start and links added later', async () => {
    const root = tempDir('scenedock-watch-');
    const outside = tempDir('scenedock-outside-');
    const early = join(root, 'early');
    mkdirSync(early);
    hostileFolder(early, outside);
    let clock = 0;
    const ready: ReadyUnit[] = [];
    // The completeness check the ingest service gives its watchers.
    const watcher = new FolderWatcher({ root, quietMs: 1000, tickMs: 3_600_000, rescanMs: 3_600_000, now: () => clock, isComplete: formatCompleteness, onReady: (u) => { ready.push(u); } });
    await watcher.start();
    cleanups.push(() => watcher.stop());
    const late = join(root, 'late');
    mkdirSync(late);
    hostileFolder(late, tempDir('scenedock-outside-'));
    // The watcher works on chokidar's events: wait until the late folder's own file is seen.
    const deadline = Date.now() + 15_000;
    while (!watcher.waiting().some((w) => w.path === join(late, 'own.png'))) {
      if (Date.now() > deadline) throw new Error('the late file was never seen');
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 500));
    clock += 5000;
    await watcher.tick();
    for (const unit of ready) expect(inside(root, unit.path), unit.path).toBe(true);
    expect(ready.map((u) => relative(root, u.path)).sort()).toEqual(['early/own.png', 'late/own.png']);
    const waiting = watcher.waiting().map((w) => [relative(root, w.path), w.reason]).sort();
    expect(waiting).toEqual([
      ['early/bag', expect.stringMatching(/bag_0\.db3 is a symbolic link to a file outside the bag folder/)],
      ['late/bag', expect.stringMatching(/bag_0\.db3 is a symbolic link to a file outside the bag folder/)],
    ]);
  });
});
