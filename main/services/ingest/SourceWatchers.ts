import { extname, relative } from 'node:path';
import type { JournalItem, Source } from '../journal/journalTypes';
import type { Journal } from '../journal/openJournal';
import { isMcapComplete } from '../probe/bags/isMcapComplete';
import { isRos1BagComplete } from '../probe/bags/isRos1BagComplete';
import { ros2BagFolderStatus } from '../probe/bags/ros2BagFolderStatus';
import { FolderWatcher, type Completeness, type ReadyUnit } from '../watch/FolderWatcher';

export interface WatcherTiming {
  quietMs?: number;
  tickMs?: number;
  rescanMs?: number;
}

/**
 * A recording is complete when its format says so: a ROS 1 bag once its index is written, an MCAP
 * file once it has its footer and trailing magic, a ROS 2 bag folder once metadata.yaml lists
 * files that are all present (and their MCAP storage is finished). Other files: quiet is enough.
 */
export async function formatCompleteness(path: string, isFolder: boolean): Promise<Completeness> {
  if (isFolder) return ros2BagFolderStatus(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.bag') return isRos1BagComplete(path);
  if (ext === '.mcap') return isMcapComplete(path);
  return { complete: true };
}

async function bagFolderFiles(folder: string): Promise<string[] | undefined> {
  const status = await ros2BagFolderStatus(folder).catch(() => undefined);
  return status?.files.map((f) => relative(folder, f.path));
}

/** One folder watcher per watched source; units it finds complete enter the journal as stable. */
export class SourceWatchers {
  readonly #journal: Journal;
  readonly #timing: WatcherTiming;
  readonly #on: { onUnit: (item: JournalItem, changed: boolean) => void; onGone: (item: JournalItem) => void };
  readonly #watchers = new Map<number, FolderWatcher>();

  public constructor(journal: Journal, timing: WatcherTiming, on: { onUnit: (item: JournalItem, changed: boolean) => void; onGone: (item: JournalItem) => void }) {
    this.#journal = journal;
    this.#timing = timing;
    this.#on = on;
  }

  public async start(sources: readonly Source[]): Promise<void> {
    for (const source of sources) await this.add(source);
  }

  public async add(source: Source): Promise<void> {
    const watcher = new FolderWatcher({
      root: source.path,
      ...this.#timing,
      isComplete: formatCompleteness,
      bagFolderFiles,
      onReady: (unit) => this.#ready(source, unit),
      onGone: (path) => {
        const item = this.#journal.reader.byPath(path);
        if (item) this.#on.onGone(item);
      },
    });
    this.#watchers.set(source.id, watcher);
    await watcher.start();
  }

  public async replace(source: Source): Promise<void> {
    await this.remove(source.id);
    await this.add(source);
  }

  public async remove(sourceId: number): Promise<void> {
    await this.#watchers.get(sourceId)?.stop();
    this.#watchers.delete(sourceId);
  }

  public async stop(): Promise<void> {
    await Promise.all([...this.#watchers.values()].map((w) => w.stop()));
    this.#watchers.clear();
  }

  public waiting(sourceId: number): { path: string; reason: string }[] {
    return this.#watchers.get(sourceId)?.waiting() ?? [];
  }

  /** A complete unit: recorded (or found changed) and made stable in the journal. */
  #ready(source: Source, unit: ReadyUnit): void {
    const { item, outcome } = this.#journal.writer.discover({ path: unit.path, name: unit.name, sourceId: source.id, size: unit.size, mtimeMs: unit.mtimeMs });
    const stable = item.state === 'discovered' ? this.#journal.writer.transition(item.id, 'stable') : item;
    this.#on.onUnit(stable, outcome === 'changed');
  }
}
