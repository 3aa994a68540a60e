import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ItemDetail, ItemView, Overview, SourceDefaults, SourceView } from '../../../shared/ipc/viewModels';
import { DEFAULT_INGEST_SETTINGS, type IngestSettings } from '../../../shared/ingest/ingestSettings';
import { EngineConnection, type EngineTarget } from '../engine/EngineConnection';
import type { ItemQuery } from '../journal/JournalReader';
import type { JournalItem, Source } from '../journal/journalTypes';
import type { Journal } from '../journal/openJournal';
import { collectUnits } from '../sources/collectUnits';
import { IngestPipeline } from './IngestPipeline';
import { itemDetail, itemView, overviewOf } from './itemView';
import { probeUnit } from './probeUnit';
import { SourceWatchers } from './SourceWatchers';
import type { UnitProbe } from './UnitProbe';

export interface IngestServiceEvents {
  item: [ItemView];
  overview: [Overview];
  sources: [SourceView[]];
}

export interface IngestServiceOptions {
  journal: Journal;
  engine: EngineTarget;
  engineMode: 'embedded' | 'remote';
  settings?: Partial<IngestSettings>;
  watcher?: { quietMs?: number; tickMs?: number; rescanMs?: number };
  probe?: UnitProbe;
  /** How often progress of moving items and the overview are pushed (ms). */
  progressMs?: number;
}

/**
 * Everything ingestion does, behind one object: sources (watched folders and drops), the
 * pipeline, the views the UI and the CLI read, and the controls. The desktop app, the headless
 * agent and the `ingest` command all drive this same service.
 */
export class IngestService extends EventEmitter<IngestServiceEvents> {
  public readonly journal: Journal;
  public readonly engine: EngineConnection;
  readonly #pipeline: IngestPipeline;
  readonly #watchers: SourceWatchers;
  readonly #engineMode: 'embedded' | 'remote';
  readonly #progressMs: number;
  #settings: IngestSettings;
  #ticker: NodeJS.Timeout | undefined;

  public constructor(options: IngestServiceOptions) {
    super();
    this.journal = options.journal;
    this.engine = new EngineConnection(options.engine);
    this.#engineMode = options.engineMode;
    this.#settings = { ...DEFAULT_INGEST_SETTINGS, ...options.settings };
    this.#progressMs = options.progressMs ?? 500;
    this.#pipeline = new IngestPipeline({ journal: this.journal, engine: this.engine, settings: this.#settings, probe: options.probe ?? probeUnit });
    this.#pipeline.on('item', (item) => this.emit('item', this.#view(item)));
    this.#watchers = new SourceWatchers(this.journal, options.watcher ?? {}, {
      onUnit: (item, changed) => {
        // A file rewritten while it was being sent: what was sent is no longer the file.
        if (changed) this.#pipeline.interrupt(item.id);
        this.emit('item', this.#view(item));
        this.#pipeline.kick();
      },
      onGone: (item) => this.#gone(item),
    });
    this.engine.on('change', () => this.emit('overview', this.overview()));
  }

  public get settings(): IngestSettings {
    return this.#settings;
  }

  public async start(): Promise<void> {
    await this.engine.check();
    this.engine.startHeartbeat();
    await this.#watchers.start(this.journal.reader.sources().filter((s) => s.kind === 'watch'));
    this.#pipeline.start();
    this.#ticker = setInterval(() => this.#pushProgress(), this.#progressMs);
    this.#ticker.unref();
  }

  public async stop(): Promise<void> {
    clearInterval(this.#ticker);
    await this.#watchers.stop();
    await this.#pipeline.stop();
    this.engine.stop();
  }

  public updateSettings(patch: Partial<IngestSettings>): IngestSettings {
    this.#settings = { ...this.#settings, ...patch };
    this.#pipeline.updateSettings(this.#settings);
    return this.#settings;
  }

  // ---- sources ----

  public sources(): SourceView[] {
    return this.journal.reader.sources().map((s) => this.#sourceView(s));
  }

  public async addWatchFolder(path: string, defaults: SourceDefaults): Promise<SourceView> {
    const folder = resolve(path);
    const s = await stat(folder).catch(() => undefined);
    if (!s?.isDirectory()) throw new Error(`${folder} is not a folder`);
    const existing = this.journal.reader.sources().find((x) => x.kind === 'watch' && x.path === folder);
    if (existing) throw new Error(`${folder} is already watched`);
    const source = this.journal.writer.addSource({ kind: 'watch', path: folder, ...defaults });
    await this.#watchers.add(source);
    this.#sourcesChanged();
    return this.#sourceView(source);
  }

  public async updateSource(id: number, defaults: SourceDefaults): Promise<SourceView> {
    const source = this.journal.writer.updateSource(id, defaults);
    if (source.kind === 'watch') await this.#watchers.replace(source);
    this.#sourcesChanged();
    return this.#sourceView(source);
  }

  public async removeSource(id: number): Promise<void> {
    this.journal.writer.removeSource(id);
    await this.#watchers.remove(id);
    this.#sourcesChanged();
  }

  /** Takes dropped files and folders as they are (they are complete), one drop source per call. */
  public async dropPaths(paths: readonly string[], defaults: SourceDefaults): Promise<{ queued: number; ids: number[]; missing: { path: string; reason: string }[] }> {
    const missing: { path: string; reason: string }[] = [];
    const root = paths.length === 1 && paths[0] ? resolve(paths[0]) : commonParent(paths.map((p) => resolve(p)));
    const source = this.journal.writer.addSource({ kind: 'drop', path: root, ...defaults });
    const ids: number[] = [];
    for await (const unit of collectUnits(paths, (path, reason) => missing.push({ path, reason }))) {
      const { item } = this.journal.writer.discover({ path: unit.path, name: unit.name, sourceId: source.id, size: unit.size, mtimeMs: unit.mtimeMs });
      if (item.state === 'discovered') this.journal.writer.transition(item.id, 'stable');
      // Dropping a file again is asking for it again: a failed one is retried now.
      else if (item.state === 'failed') this.#pipeline.retry(item.id);
      ids.push(item.id);
    }
    this.#pipeline.kick();
    this.emit('overview', this.overview());
    return { queued: ids.length, ids, missing };
  }

  // ---- views ----

  public overview(): Overview {
    return overviewOf(this.journal.reader.counts(), this.journal.reader.bytesInFlight(), this.#pipeline.throughput(),
      { online: this.engine.online, url: this.engine.target.url, mode: this.#engineMode }, this.#pipeline.paused);
  }

  public listItems(query: ItemQuery & { offset?: number }): { items: ItemView[]; total: number } {
    const total = this.journal.reader.count(query);
    const items = this.journal.reader.listWindow(query, query.offset ?? 0, query.limit ?? 200).map((i) => this.#view(i));
    return { items, total };
  }

  public item(id: number): ItemDetail {
    const item = this.#mustGet(id);
    return itemDetail(item, this.journal.reader.files(id), this.#pipeline.speedOf(id));
  }

  /** Resolves when nothing is left to do: every item final, or failed with no retry scheduled. */
  public async whenSettled(pollMs = 200): Promise<void> {
    while (this.journal.reader.unsettledCount() > 0) await new Promise((r) => setTimeout(r, pollMs));
  }

  // ---- controls ----

  public pauseAll(): void {
    this.#pipeline.pauseAll();
    this.emit('overview', this.overview());
  }

  public resumeAll(): void {
    this.#pipeline.resumeAll();
    this.emit('overview', this.overview());
  }

  /** Indexes an uploaded recording now (registered, or done without indexing). */
  public async indexItem(id: number): Promise<ItemView> {
    return this.#view(await this.#pipeline.index(this.#mustGet(id).id));
  }

  public pauseItem(id: number): ItemView { return this.#view(this.#pipeline.setItemPaused(this.#mustGet(id).id, true)); }
  public resumeItem(id: number): ItemView { return this.#view(this.#pipeline.setItemPaused(this.#mustGet(id).id, false)); }
  public retryItem(id: number): ItemView { return this.#view(this.#pipeline.retry(this.#mustGet(id).id)); }
  public cancelItem(id: number): ItemView { return this.#view(this.#pipeline.cancel(this.#mustGet(id).id)); }

  #gone(item: JournalItem): void {
    if (['done', 'skipped', 'rejected', 'failed'].includes(item.state)) return;
    const failed = this.#pipeline.cancel(item.id);
    const marked = this.journal.writer.patch(failed.id, { lastError: 'the file was deleted before it was ingested' });
    this.emit('item', this.#view(marked));
  }

  #pushProgress(): void {
    for (const item of this.journal.reader.list({ states: ['uploading'], limit: 200 })) this.emit('item', this.#view(item));
    this.emit('overview', this.overview());
  }

  #sourcesChanged(): void {
    this.emit('sources', this.sources());
  }

  #sourceView(source: Source): SourceView {
    return {
      id: source.id, kind: source.kind, path: source.path, createdAt: source.createdAt, setName: source.setName,
      sessionMode: source.sessionMode, sessionName: source.sessionName, sensorRule: source.sensorRule, sensor: source.sensor,
      indexBags: source.indexBags, waiting: this.#watchers.waiting(source.id),
    };
  }

  #view(item: JournalItem): ItemView {
    return itemView(item, this.#pipeline.speedOf(item.id));
  }

  #mustGet(id: number): JournalItem {
    const item = this.journal.reader.get(id);
    if (!item) throw new Error(`no item ${id}`);
    return item;
  }
}

function commonParent(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  const split = paths.map((p) => p.split('/'));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n++;
  return first.slice(0, n).join('/') || '/';
}
