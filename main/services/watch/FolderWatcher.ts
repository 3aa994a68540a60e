import { watch, type FSWatcher } from 'chokidar';
import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import PQueue from 'p-queue';
import { isRecorderTemporary } from './isRecorderTemporary';
import { pathsOpenForWriting } from './openForWriting';

/** A unit of ingestion found complete on disk: a file, or a ROS 2 bag folder as a whole. */
export interface ReadyUnit {
  path: string;
  name: string;
  isFolder: boolean;
  size: number;
  mtimeMs: number;
}

export interface Completeness {
  complete: boolean;
  reason?: string;
}

export interface FolderWatcherOptions {
  root: string;
  onReady: (unit: ReadyUnit) => void | Promise<void>;
  /** A unit that was reported ready has disappeared from disk. */
  onGone?: (path: string) => void;
  /** Format-specific completeness (a ROS 1 bag's index, an MCAP footer); runs once a unit is quiet. */
  isComplete?: (path: string, isFolder: boolean) => Promise<Completeness>;
  /** The files a ROS 2 bag folder's metadata.yaml lists, or undefined while it lists none yet. */
  bagFolderFiles?: (folder: string) => Promise<string[] | undefined>;
  /** How long size and mtime must stay unchanged. */
  quietMs?: number;
  tickMs?: number;
  /** Full rescans catch events the OS dropped (inotify overflow, network file systems). */
  rescanMs?: number;
  now?: () => number;
}

interface Pending {
  isFolder: boolean;
  signature: string;
  size: number;
  mtimeMs: number;
  changedAt: number;
  waiting?: string;
}

const BAG_METADATA = 'metadata.yaml';
/** Stats and format checks a tick runs at once. */
const TICK_IO_CONCURRENCY = 32;
/** Pending units a tick checks (and reports) before it looks at the next ones. */
const TICK_SLICE = 1000;

/**
 * Watches a folder tree (chokidar events plus periodic rescans) and reports each unit once it is
 * complete: not a recorder's temporary name, quiet (size and mtime unchanged for `quietMs`), not
 * open for writing by any process, and complete for its format. A ROS 2 bag folder (a folder with
 * metadata.yaml) is one unit, ready when every file it lists is present and quiet.
 */
export class FolderWatcher {
  readonly #o: Required<Omit<FolderWatcherOptions, 'onGone' | 'isComplete' | 'bagFolderFiles'>> & Pick<FolderWatcherOptions, 'onGone' | 'isComplete' | 'bagFolderFiles'>;
  readonly #pending = new Map<string, Pending>();
  /** Units reported, with the signature they had, so that a changed file is reported again. */
  readonly #reported = new Map<string, string>();
  #watcher: FSWatcher | undefined;
  #tickTimer: NodeJS.Timeout | undefined;
  #rescanTimer: NodeJS.Timeout | undefined;
  #ticking = false;
  #stopped = false;

  public constructor(options: FolderWatcherOptions) {
    this.#o = { quietMs: 2000, tickMs: 1000, rescanMs: 30_000, now: Date.now, ...options };
  }

  public async start(): Promise<void> {
    this.#watcher = watch(this.#o.root, {
      ignoreInitial: true,
      persistent: true,
      // A link in the watched tree may point anywhere on the disk: only the tree's own files are units.
      followSymlinks: false,
      ignored: (path: string) => path !== this.#o.root && basename(path).startsWith('.'),
    });
    this.#watcher.on('all', (event, path) => {
      if (event === 'unlink' || event === 'unlinkDir') this.#gone(path);
      else if (event === 'add' || event === 'change') void this.#touch(path);
      else if (event === 'addDir') {
        void this.#scan(path);
        // Files written into a new folder between this scan and chokidar watching the folder raise
        // no event: a second look once they are quiet finds them well before the periodic rescan.
        setTimeout(() => void this.#scan(path), this.#o.quietMs).unref();
      }
    });
    await new Promise<void>((resolve) => this.#watcher?.once('ready', () => resolve()));
    await this.#scan(this.#o.root);
    this.#tickTimer = setInterval(() => void this.tick(), this.#o.tickMs);
    this.#rescanTimer = setInterval(() => void this.#scan(this.#o.root), this.#o.rescanMs);
  }

  public async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#tickTimer);
    clearInterval(this.#rescanTimer);
    await this.#watcher?.close();
  }

  /** Units still waiting, with why (for status views). */
  public waiting(): { path: string; reason: string }[] {
    return [...this.#pending].map(([path, p]) => ({ path, reason: p.waiting ?? 'settling' }));
  }

  /** Checks the pending units once; called by the timer, and by tests that drive time themselves. */
  public async tick(): Promise<void> {
    if (this.#ticking || this.#stopped) return;
    this.#ticking = true;
    try {
      const now = this.#o.now();
      // A copied drive leaves thousands of files pending at once: they are checked a slice at a
      // time, so that the first ones are reported without waiting for the last, and the memory a
      // check takes stays that of one slice.
      const pending = [...this.#pending];
      for (let start = 0; start < pending.length && !this.#stopped; start += TICK_SLICE) {
        await this.#checkSlice(pending.slice(start, start + TICK_SLICE), now);
      }
    } finally {
      this.#ticking = false;
    }
  }

  /** Measures a slice of pending units and reports the ones that are quiet and complete. */
  async #checkSlice(slice: readonly [string, Pending][], now: number): Promise<void> {
    // Their stats and format checks run side by side, so that a tick stays short while the
    // pipeline keeps the process busy.
    const io = new PQueue({ concurrency: TICK_IO_CONCURRENCY });
    const quiet: [string, Pending][] = [];
    await Promise.all(slice.map(([path, p]) => io.add(async () => {
      const current = await this.#measure(path, p.isFolder);
      if (!current) {
        this.#pending.delete(path);
        return;
      }
      if (current.signature !== p.signature) {
        Object.assign(p, current, { changedAt: now, waiting: 'still changing' });
      } else if (now - p.changedAt >= this.#o.quietMs) {
        quiet.push([path, p]);
      }
    })));
    if (quiet.length === 0) return;
    const unitFiles = new Map<string, string[]>();
    await Promise.all(quiet.map(([path, p]) => io.add(async () => { unitFiles.set(path, await this.#filesOf(path, p.isFolder)); })));
    const writing = await pathsOpenForWriting(new Set([...unitFiles.values()].flat()));
    const ready = await Promise.all(quiet.map(([path, p]) => io.add(async () => {
      const held = (unitFiles.get(path) ?? []).find((f) => writing.has(f));
      if (held) {
        p.waiting = `${basename(held)} is open for writing`;
        return false;
      }
      const missing = /(?:^|\|)([^|:]+):missing/.exec(p.signature)?.[1];
      if (missing) {
        p.waiting = `${missing} (listed in ${BAG_METADATA}) is missing`;
        return false;
      }
      const completeness = this.#o.isComplete ? await this.#o.isComplete(path, p.isFolder) : { complete: true };
      if (!completeness.complete) p.waiting = completeness.reason ?? 'incomplete';
      return completeness.complete;
    })));
    // Reported one at a time: each is a journal write.
    for (const [i, [path, p]] of quiet.entries()) {
      if (!ready[i] || this.#pending.get(path) !== p) continue;
      this.#pending.delete(path);
      this.#reported.set(path, p.signature);
      await this.#o.onReady({ path, name: basename(path), isFolder: p.isFolder, size: p.size, mtimeMs: p.mtimeMs });
    }
  }

  /** A file event: find the unit it belongs to and (re)start its quiet period. */
  async #touch(file: string): Promise<void> {
    if (isRecorderTemporary(basename(file))) return;
    if (await lstat(file).then((s) => s.isSymbolicLink(), () => false)) return;
    const unit = await this.#unitOf(file);
    if (!unit) return;
    const current = await this.#measure(unit.path, unit.isFolder);
    if (!current) return;
    if (this.#reported.get(unit.path) === current.signature) return;
    const existing = this.#pending.get(unit.path);
    if (existing && existing.signature === current.signature) return;
    this.#pending.set(unit.path, { isFolder: unit.isFolder, ...current, changedAt: this.#o.now(), waiting: 'settling' });
  }

  #gone(path: string): void {
    for (const key of [...this.#pending.keys()]) if (key === path || key.startsWith(`${path}${sep}`)) this.#pending.delete(key);
    for (const key of [...this.#reported.keys()]) {
      if (key === path || key.startsWith(`${path}${sep}`)) {
        this.#reported.delete(key);
        this.#o.onGone?.(key);
      } else if (path.startsWith(`${key}${sep}`)) {
        // A file inside a reported bag folder went away: the folder is a changed unit now.
        this.#reported.delete(key);
        void this.#touch(join(key, BAG_METADATA));
      }
    }
  }

  async #scan(dir: string): Promise<void> {
    if (this.#stopped) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && e.name === BAG_METADATA) && dir !== this.#o.root) {
      await this.#touch(join(dir, BAG_METADATA));
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) await this.#scan(path);
      else if (e.isFile()) await this.#touch(path);
    }
  }

  /** The unit a file belongs to: its folder when that folder is a ROS 2 bag, else the file. */
  async #unitOf(file: string): Promise<{ path: string; isFolder: boolean } | undefined> {
    const dir = dirname(file);
    if (dir !== this.#o.root && relative(this.#o.root, dir) !== '' && !relative(this.#o.root, dir).startsWith('..')) {
      const isBag = await stat(join(dir, BAG_METADATA)).then((s) => s.isFile(), () => false);
      if (isBag) return { path: dir, isFolder: true };
    }
    return { path: file, isFolder: false };
  }

  async #filesOf(path: string, isFolder: boolean): Promise<string[]> {
    if (!isFolder) return [path];
    // Without a reader of metadata.yaml, a bag folder is whatever files it holds.
    const listed = this.#o.bagFolderFiles
      ? (await this.#o.bagFolderFiles(path)) ?? []
      : (await readdir(path, { withFileTypes: true }).catch(() => [])).filter((e) => e.isFile() && e.name !== BAG_METADATA && !isRecorderTemporary(e.name)).map((e) => e.name);
    return [join(path, BAG_METADATA), ...listed.map((f) => join(path, f))];
  }

  /** Size and mtime of a unit (a folder: summed and latest over its files), or undefined if gone. */
  async #measure(path: string, isFolder: boolean): Promise<{ signature: string; size: number; mtimeMs: number } | undefined> {
    const files = await this.#filesOf(path, isFolder);
    let size = 0;
    let mtimeMs = 0;
    const parts: string[] = [];
    for (const f of files) {
      const s = await stat(f).catch(() => undefined);
      if (!s?.isFile()) {
        if (isFolder && f !== join(path, BAG_METADATA)) {
          parts.push(`${basename(f)}:missing`);
          continue;
        }
        return undefined;
      }
      size += s.size;
      mtimeMs = Math.max(mtimeMs, Math.floor(s.mtimeMs));
      parts.push(`${basename(f)}:${s.size}:${Math.floor(s.mtimeMs)}`);
    }
    return { signature: parts.join('|'), size, mtimeMs };
  }
}
