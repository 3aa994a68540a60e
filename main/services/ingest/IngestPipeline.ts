import { EventEmitter } from 'node:events';
import PQueue from 'p-queue';
import { ResponseError } from '../../../client/errors/ResponseError';
import { backoffDelay } from '../../../shared/ingest/backoff';
import { isFileKind } from '../../../shared/ingest/fileKinds';
import type { IngestSettings } from '../../../shared/ingest/ingestSettings';
import type { ItemState } from '../../../shared/ingest/itemStates';
import type { EngineConnection } from '../engine/EngineConnection';
import type { JournalItem } from '../journal/journalTypes';
import type { Journal } from '../journal/openJournal';
import { ProbeError } from '../probe/ProbeError';
import { BandwidthLimiter } from '../upload/BandwidthLimiter';
import { FileChangedError, FileGoneError } from './hashUnit';
import { Coalescer } from './Coalescer';
import { findByHashes } from './findByHashes';
import { postPresigner } from './postPresigner';
import { RateMeter } from './RateMeter';
import { registerBatch } from './registerBatch';
import { RegistrationTargets } from './RegistrationTargets';
import { UploadLostError } from './sendFile';
import { finishOrIndex, followIndexing, hash, PermanentFailure, probe, register, RejectedUnit, settle, upload, type StageContext } from './unitStages';
import type { UnitProbe } from './UnitProbe';

export interface PipelineEvents {
  /** An item changed (state, progress, error). */
  item: [item: JournalItem];
  /** Nothing is due or in flight any more. */
  idle: [];
}

type Lane = 'local' | 'upload' | 'engine';

/** Which stage works on which state, and in which lane (local disk work, bytes to the engine, metadata calls). */
const STAGES: { state: ItemState; lane: Lane }[] = [
  { state: 'discovered', lane: 'local' },
  { state: 'stable', lane: 'local' },
  { state: 'probed', lane: 'local' },
  { state: 'hashed', lane: 'upload' },
  { state: 'uploading', lane: 'upload' },
  { state: 'uploaded', lane: 'engine' },
  { state: 'registered', lane: 'engine' },
  { state: 'indexing', lane: 'engine' },
];

/** A user's pause or cancel stopped the work; the item keeps its state (pause) or is marked (cancel). */
class Interrupted extends Error {}

/**
 * Moves journal items through their states. Each stage is a function of one item that ends in a
 * journal transition; the pipeline picks due items per lane with bounded concurrency, and decides
 * what an error means: the engine gone (wait, resume by itself), the file changed (start over),
 * the file unusable (rejected), anything else (failed, retried with backoff up to maxAttempts).
 */
export class IngestPipeline extends EventEmitter<PipelineEvents> {
  readonly #journal: Journal;
  readonly #engine: EngineConnection;
  readonly #ctx: StageContext;
  readonly #lanes: Record<Lane, PQueue>;
  #kickPending = false;
  readonly #parts: PQueue;
  readonly #running = new Map<number, AbortController>();
  readonly #speed = new Map<number, RateMeter>();
  readonly #throughput = new RateMeter();
  readonly #now: () => number;
  #settings: IngestSettings;
  #paused = false;
  #stopped = false;
  #wake: NodeJS.Timeout | undefined;

  public constructor(deps: { journal: Journal; engine: EngineConnection; settings: IngestSettings; probe: UnitProbe; now?: () => number }) {
    super();
    this.#journal = deps.journal;
    this.#engine = deps.engine;
    this.#settings = deps.settings;
    this.#now = deps.now ?? Date.now;
    // The engine lane's calls are small and sent together (registrations): room for 32 units lets
    // a batch form while the one before it is in flight.
    this.#lanes = { local: new PQueue({ concurrency: 2 }), upload: new PQueue({ concurrency: deps.settings.concurrency }), engine: new PQueue({ concurrency: 32 }) };
    this.#parts = new PQueue({ concurrency: deps.settings.concurrency });
    this.#ctx = {
      journal: deps.journal, engine: deps.engine, settings: () => this.#settings, limiter: new BandwidthLimiter(deps.settings.bandwidthLimit),
      parts: this.#parts, probe: deps.probe, targets: new RegistrationTargets(deps.engine, deps.journal),
      presignPost: postPresigner(),
      duplicates: new Coalescer((queries) => findByHashes(deps.engine, queries)),
      registrations: new Coalescer((units) => registerBatch(deps.engine, units)),
      onBytes: (itemId, bytes) => {
        this.#throughput.add(bytes);
        let meter = this.#speed.get(itemId);
        if (!meter) this.#speed.set(itemId, (meter = new RateMeter()));
        meter.add(bytes);
      },
    };
    deps.engine.on('change', (online) => {
      if (online) this.kick();
    });
  }

  public get paused(): boolean {
    return this.#paused;
  }

  /** Bytes per second acknowledged over the last seconds, overall and per item. */
  public throughput(): number {
    return this.#throughput.rate();
  }

  public speedOf(itemId: number): number {
    return this.#running.has(itemId) ? (this.#speed.get(itemId)?.rate() ?? 0) : 0;
  }

  public updateSettings(settings: IngestSettings): void {
    this.#settings = settings;
    this.#lanes.upload.concurrency = settings.concurrency;
    this.#parts.concurrency = settings.concurrency;
    this.#ctx.limiter.setRate(settings.bandwidthLimit);
  }

  public start(): void {
    this.#stopped = false;
    this.kick();
  }

  /** Stops taking work and interrupts what runs (items keep their states: a restart resumes them). */
  public async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#wake);
    for (const c of this.#running.values()) c.abort(new Interrupted('stopping'));
    await Promise.all(Object.values(this.#lanes).map((q) => q.onIdle()));
  }

  public pauseAll(): void {
    this.#paused = true;
    for (const c of this.#running.values()) c.abort(new Interrupted('paused'));
  }

  public resumeAll(): void {
    this.#paused = false;
    this.kick();
  }

  public setItemPaused(id: number, paused: boolean): JournalItem {
    if (paused) this.#running.get(id)?.abort(new Interrupted('paused'));
    const item = this.#journal.writer.setPaused(id, paused);
    this.emit('item', item);
    if (!paused) this.kick();
    return item;
  }

  /** Retry now: a failed item goes back to where it failed, a rejected or skipped one starts over. */
  public retry(id: number): JournalItem {
    const item = this.#item(id);
    const next = item.state === 'failed'
      ? this.#journal.writer.patch(id, { nextRetryAt: this.#now(), attempts: 0 })
      : this.#journal.writer.restart(id, 'retried by the user');
    this.emit('item', next);
    this.kick();
    return next;
  }

  /** Stops the work on one item now (its file changed under it); its state says where to go on. */
  public interrupt(id: number): void {
    this.#running.get(id)?.abort(new Interrupted('file changed'));
  }

  public cancel(id: number): JournalItem {
    this.#running.get(id)?.abort(new Interrupted('cancelled'));
    const item = this.#item(id);
    const next = item.state === 'failed'
      ? this.#journal.writer.patch(id, { nextRetryAt: null, lastError: 'cancelled by the user' })
      : this.#journal.writer.fail(id, 'cancelled by the user', undefined);
    this.emit('item', next);
    return next;
  }

  /** Starts the engine's indexer for an uploaded recording now and follows its job. */
  public async index(id: number): Promise<JournalItem> {
    const item = this.#item(id);
    if (!isFileKind(item.kind)) throw new Error(`${item.name} has no known kind`);
    const jobId = await this.#ctx.targets.startIndexing(item, item.kind);
    const next = this.#journal.writer.transition(id, 'indexing', { jobId });
    this.emit('item', next);
    this.kick();
    return next;
  }

  /**
   * Looks for due work in every lane, soon: called after any change and by a timer for retries.
   * Calls in one turn of the event loop share one look, so that a watcher reporting thousands of
   * files at once does not query the journal once per file.
   */
  public kick(): void {
    if (this.#kickPending) return;
    this.#kickPending = true;
    setImmediate(() => {
      this.#kickPending = false;
      this.#pump();
    });
  }

  #pump(): void {
    if (this.#stopped || this.#paused) return;
    const now = this.#now();
    for (const { state, lane } of STAGES) {
      const queue = this.#lanes[lane];
      const room = queue.concurrency * 2 - queue.size - queue.pending;
      if (room <= 0) continue;
      for (const id of this.#journal.reader.dueIds([state], now, room, this.#running)) {
        const controller = new AbortController();
        this.#running.set(id, controller);
        void queue.add(() => this.#run(id, controller));
      }
    }
    this.#scheduleWake();
    if (this.#running.size === 0) this.emit('idle');
  }

  /** Resolves when no item is due or in flight (failed items waiting for their retry time count as settled). */
  public async whenIdle(): Promise<void> {
    while (this.#running.size > 0 || this.#hasDue()) {
      await new Promise<void>((resolve) => this.once('idle', () => resolve()));
    }
  }

  #hasDue(): boolean {
    return !this.#paused && this.#journal.reader.dueIds(STAGES.map((s) => s.state), this.#now(), 1, this.#running).length > 0;
  }

  async #run(id: number, controller: AbortController): Promise<void> {
    try {
      let item = this.#journal.reader.get(id);
      // A failed item is only handed over once its retry is due: retrying is moving it back to
      // the state it failed in.
      if (item?.state === 'failed' && item.failedIn) item = this.#journal.writer.transition(id, item.failedIn);
      while (item && !controller.signal.aborted && !this.#stopped) {
        if (item.paused || item.state === 'failed') break;
        const before = item.state;
        await this.#stage(item, controller.signal);
        item = this.#item(id);
        this.emit('item', item);
        if (item.state === before) break;
        // A unit keeps its place and goes on to its next stage only within its lane.
        if (laneOf(item.state) !== laneOf(before)) break;
      }
    } catch (error) {
      this.#handle(id, error, controller.signal);
    } finally {
      this.#running.delete(id);
      this.#speed.delete(id);
      this.kick();
    }
  }

  async #stage(item: JournalItem, signal: AbortSignal): Promise<void> {
    const source = item.sourceId !== null ? this.#journal.reader.source(item.sourceId) : undefined;
    switch (item.state) {
      case 'discovered': return settle(this.#ctx, item);
      case 'stable': return probe(this.#ctx, item, source);
      case 'probed': return hash(this.#ctx, item, signal);
      case 'hashed':
      case 'uploading': return upload(this.#ctx, item, signal);
      case 'uploaded': return register(this.#ctx, item, source, signal);
      case 'registered': return finishOrIndex(this.#ctx, item, source, signal);
      case 'indexing': return followIndexing(this.#ctx, item, signal);
      default: return undefined;
    }
  }

  #handle(id: number, error: unknown, signal: AbortSignal): void {
    if (signal.aborted) return; // paused, cancelled or stopping: the item stays where it is
    const item = this.#journal.reader.get(id);
    if (!item) return;
    const message = error instanceof Error ? error.message : String(error);
    let next: JournalItem;
    if (this.#engine.noteError(error)) {
      // The engine is gone: nothing is wrong with the item. It waits in its state; the
      // connection probes the engine and kicks the pipeline when it answers.
      return;
    } else if (error instanceof FileGoneError) {
      next = this.#journal.writer.fail(id, message, undefined);
    } else if (error instanceof FileChangedError || error instanceof UploadLostError) {
      next = error instanceof FileChangedError ? this.#journal.writer.restart(id, message) : this.#journal.writer.fail(id, message, this.#now());
    } else if (error instanceof RejectedUnit || error instanceof ProbeError) {
      next = this.#journal.writer.transition(id, 'rejected', { reason: message });
    } else if (error instanceof PermanentFailure || error instanceof ResponseError && error.status >= 400 && error.status < 500 && ![408, 409, 429].includes(error.status)) {
      // The engine understood and said no (bad token, no permission, a request it refuses):
      // asking again will not change its answer, so the item waits for a person.
      next = this.#journal.writer.fail(id, message, undefined);
    } else {
      const attempts = item.attempts + 1;
      const retryAt = attempts < this.#settings.maxAttempts ? this.#now() + backoffDelay(attempts) : undefined;
      next = this.#journal.writer.fail(id, message, retryAt);
    }
    this.emit('item', next);
  }

  #scheduleWake(): void {
    clearTimeout(this.#wake);
    const at = this.#journal.reader.nextRetryAt();
    if (at === undefined || this.#stopped) return;
    this.#wake = setTimeout(() => this.kick(), Math.max(50, at - this.#now()));
    this.#wake.unref();
  }

  #item(id: number): JournalItem {
    const item = this.#journal.reader.get(id);
    if (!item) throw new Error(`no journal item ${id}`);
    return item;
  }
}

function laneOf(state: ItemState): Lane | undefined {
  return STAGES.find((s) => s.state === state)?.lane;
}
