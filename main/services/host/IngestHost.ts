import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import type { JobView, SettingsView } from '../../../shared/ipc/viewModels';
import { DEFAULT_INGEST_SETTINGS } from '../../../shared/ingest/ingestSettings';
import { startEngine, type RunningEngine } from '../engine/embeddedEngine';
import type { EngineTarget } from '../engine/EngineConnection';
import { IngestService } from '../ingest/IngestService';
import { openJournal, type Journal } from '../journal/openJournal';
import { FileSecretStore } from './FileSecretStore';
import { SettingsStore, type SecretStore } from './SettingsStore';

export interface IngestHostOptions {
  /** Journal, settings and (embedded) engine data live here. */
  stateDir: string;
  /** A remote engine given on the command line; otherwise the saved settings decide. */
  engine?: EngineTarget;
  nativeBinding?: string;
  secretStore?: SecretStore;
  watcher?: { quietMs?: number; tickMs?: number; rescanMs?: number };
}

type HostEvents = { [E in EventName]: [EventPayload<E>] };

/**
 * The ingest service with everything around it: the journal, the saved settings, and the engine
 * it talks to (a remote one, or one embedded in this process with its data under the state
 * folder). The desktop app, `scenedock agent` and `scenedock ingest` all start one of these.
 */
export class IngestHost extends EventEmitter<HostEvents> {
  public readonly journal: Journal;
  public readonly settings: SettingsStore;
  readonly #options: IngestHostOptions;
  #service: IngestService | undefined;
  #embedded: RunningEngine | undefined;
  #jobTimer: NodeJS.Timeout | undefined;

  private constructor(options: IngestHostOptions, journal: Journal, settings: SettingsStore) {
    super();
    this.#options = options;
    this.journal = journal;
    this.settings = settings;
  }

  public static async start(options: IngestHostOptions): Promise<IngestHost> {
    mkdirSync(options.stateDir, { recursive: true });
    const journal = openJournal(options.stateDir, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    const settings = new SettingsStore(journal.db, options.secretStore ?? new FileSecretStore(join(options.stateDir, 'engine-token')));
    const host = new IngestHost(options, journal, settings);
    await host.#connect();
    return host;
  }

  public get service(): IngestService {
    if (!this.#service) throw new Error('the ingest host is not running');
    return this.#service;
  }

  public get engineUrl(): string {
    return this.service.engine.target.url;
  }

  /** The local file behind an item, for previews (a folder unit has none). */
  public async resolveMediaPath(itemId: number): Promise<string | undefined> {
    const item = this.journal.reader.get(itemId);
    return item && item.kind !== 'ros2_bag' ? item.path : undefined;
  }

  /** The indexing jobs of the journal's recordings, newest first, as the engine reports them. */
  public async jobs(): Promise<JobView[]> {
    const items = this.journal.db.prepare('SELECT id FROM items WHERE job_id IS NOT NULL ORDER BY updated_at DESC LIMIT 50').pluck().all() as number[];
    const out: JobView[] = [];
    for (const id of items) {
      const view = await this.#jobView(id);
      if (view) out.push(view);
    }
    return out;
  }

  public async startIndexing(itemId: number): Promise<JobView | undefined> {
    await this.service.indexItem(itemId);
    return this.#jobView(itemId);
  }

  public async settingsView(): Promise<SettingsView> {
    return this.settings.view(this.service.settings);
  }

  public async updateSettings(patch: { engineMode?: 'embedded' | 'remote'; engineUrl?: string | null; engineToken?: string; concurrency?: number; partSize?: number; bandwidthLimit?: number; theme?: 'system' | 'light' | 'dark' }): Promise<SettingsView> {
    const before = this.settings.stored();
    const upload = {
      ...(patch.concurrency !== undefined ? { concurrency: patch.concurrency } : {}),
      ...(patch.partSize !== undefined ? { partSize: patch.partSize } : {}),
      ...(patch.bandwidthLimit !== undefined ? { bandwidthLimit: patch.bandwidthLimit } : {}),
    };
    const after = await this.settings.update({ ...patch, upload });
    this.service.updateSettings(upload);
    const engineChanged = after.engineMode !== before.engineMode || after.engineUrl !== before.engineUrl || patch.engineToken !== undefined;
    if (engineChanged && !this.#options.engine) await this.#reconnect();
    const view = await this.settingsView();
    this.emit('settingsChanged', view);
    return view;
  }

  public async close(): Promise<void> {
    clearInterval(this.#jobTimer);
    await this.#service?.stop();
    this.#service = undefined;
    await this.#embedded?.close();
    this.#embedded = undefined;
    this.journal.close();
  }

  async #reconnect(): Promise<void> {
    clearInterval(this.#jobTimer);
    await this.#service?.stop();
    await this.#embedded?.close();
    this.#embedded = undefined;
    await this.#connect();
  }

  async #connect(): Promise<void> {
    const target = await this.#target();
    const service = new IngestService({
      journal: this.journal, engine: target.engine, engineMode: target.mode,
      settings: { ...DEFAULT_INGEST_SETTINGS, ...this.settings.upload() },
      ...(this.#options.watcher ? { watcher: this.#options.watcher } : {}),
    });
    service.on('item', (item) => this.emit('itemChanged', item));
    service.on('overview', (overview) => this.emit('overview', overview));
    service.on('sources', (sources) => this.emit('sourcesChanged', sources));
    this.#service = service;
    await service.start();
    // Index jobs run in the engine: their progress is read back while any is running.
    this.#jobTimer = setInterval(() => void this.#pushJobs(), 2000);
    this.#jobTimer.unref();
  }

  async #target(): Promise<{ engine: EngineTarget; mode: 'embedded' | 'remote' }> {
    if (this.#options.engine) return { engine: this.#options.engine, mode: 'remote' };
    const saved = this.settings.stored();
    const token = await this.settings.token();
    if (saved.engineMode === 'remote' && saved.engineUrl && token) return { engine: { url: saved.engineUrl, token }, mode: 'remote' };
    this.#embedded = await startEngine({
      dataDir: join(this.#options.stateDir, 'engine'), host: '127.0.0.1', port: 0, log: { level: 'warn' },
      ...(this.#options.nativeBinding ? { nativeBinding: this.#options.nativeBinding } : {}),
    });
    if (!this.#embedded.adminToken) throw new Error('the embedded engine has no admin token');
    return { engine: { url: this.#embedded.url, token: this.#embedded.adminToken }, mode: 'embedded' };
  }

  async #pushJobs(): Promise<void> {
    const running = this.journal.reader.list({ states: ['indexing'], limit: 50 });
    for (const item of running) {
      const view = await this.#jobView(item.id).catch(() => undefined);
      if (view) this.emit('jobChanged', view);
    }
  }

  async #jobView(itemId: number): Promise<JobView | undefined> {
    const item = this.journal.reader.get(itemId);
    if (!item?.jobId) return undefined;
    const job = await this.service.engine.client.getJob(item.jobId);
    const notes = Array.isArray(job.notes) ? job.notes.map(String) : [];
    return {
      jobId: item.jobId, itemId: item.id, itemName: item.name, status: job.status, progress: job.progress, stage: job.stage ?? null,
      notes, sessionUid: item.sessionUid, setIds: item.setId ? [item.setId] : [], updatedAt: typeof job.updated_at === 'string' ? job.updated_at : null,
    };
  }
}
