import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Database } from 'better-sqlite3';
import type { JobStatus } from '../../shared/scenebox/constants';
import { conflict, notFound } from '../http/HttpError';
import type { Doc } from '../meta/mergeDocuments';
import type { MetaStore, Scope } from '../meta/MetaStore';

export interface JobContext {
  jobId: string;
  organizationId: string;
  payload: unknown;
  /** Aborted when the job is cancelled or the engine stops; handlers check it between steps. */
  signal: AbortSignal;
  /** Reports progress (0-100) and optionally a stage; writes are throttled to whole-percent changes. */
  progress(percent: number, stage?: string): void;
  note(text: string): void;
}

export interface JobKind {
  /** SceneBox job type written to the job document (`set_addition`, `media_removal`, ...). */
  jobType: string;
  /** A job that can run again from the start after a crash; others are aborted with a note. */
  resumable: boolean;
  run(ctx: JobContext): Promise<void>;
}

export interface SubmitOptions {
  description?: string;
  user?: string;
  assetType?: string;
  assetId?: string;
  extra?: Doc;
  /** An id the caller chose (SceneBox lets `concatenate_videos` name its job); 409 when it is taken. */
  jobId?: string;
}

const TERMINAL: readonly JobStatus[] = ['finished', 'aborted'];

/**
 * Jobs are assets of type `jobs` (the Python client reads them through the asset manager), and
 * the engine's own work is also a row in `job_queue`, so that queued work survives a restart. A
 * job that was running when the engine stopped is re-queued when its kind is resumable and
 * aborted with a note otherwise: never left "running".
 */
export class JobService {
  readonly #db: Database;
  readonly #meta: MetaStore;
  readonly #kinds = new Map<string, JobKind>();
  readonly #running = new Map<string, AbortController>();
  readonly #events = new EventEmitter();
  readonly #concurrency: number;
  #started = false;
  #stopping = false;
  readonly #idle = new Set<() => void>();

  public constructor(db: Database, meta: MetaStore, concurrency = 2) {
    this.#db = db;
    this.#meta = meta;
    this.#concurrency = concurrency;
    this.#events.setMaxListeners(0);
  }

  public register(kind: string, spec: JobKind): void {
    this.#kinds.set(kind, spec);
  }

  /** Recovers the queue left by the previous run, then starts working through it. */
  public start(): void {
    const rows = this.#db.prepare("SELECT job_id, organization_id, kind FROM job_queue WHERE state = 'running'").all() as { job_id: string; organization_id: string; kind: string }[];
    for (const row of rows) {
      const kind = this.#kinds.get(row.kind);
      if (kind?.resumable) {
        this.#db.prepare("UPDATE job_queue SET state = 'queued' WHERE job_id = ?").run(row.job_id);
        this.#patch(row.organization_id, row.job_id, { status: 'queued', stage: 'queued' }, 'The engine restarted while this job was running; it was queued again.');
      } else {
        this.#db.prepare("UPDATE job_queue SET state = 'done' WHERE job_id = ?").run(row.job_id);
        this.#patch(row.organization_id, row.job_id, { status: 'aborted', stage: 'Error: engine restarted' }, 'The engine stopped while this job was running and this kind of job cannot be resumed; run it again.');
      }
    }
    this.#started = true;
    this.#pump();
  }

  /** Stops taking work; running jobs are signalled and awaited, and left for the next start to recover. */
  public async stop(): Promise<void> {
    this.#stopping = true;
    for (const c of this.#running.values()) c.abort(new EngineStopping());
    if (this.#running.size > 0) await new Promise<void>((resolve) => this.#idle.add(resolve));
  }

  public submit(organizationId: string, kind: string, payload: unknown, options: SubmitOptions = {}): string {
    const spec = this.#kinds.get(kind);
    if (!spec) throw new Error(`no job kind ${kind}`);
    const jobId = options.jobId ?? `job_${randomUUID().replace(/-/g, '_')}`;
    const now = new Date().toISOString();
    this.#db.transaction(() => {
      if (options.jobId !== undefined) this.#claim(organizationId, jobId);
      this.#meta.write(jobsScope(organizationId), [{ id: jobId, doc: this.#newJobDoc(jobId, spec.jobType, now, options) }], { replace: true, replaceSets: true });
      this.#db.prepare('INSERT INTO job_queue (job_id, organization_id, kind, payload, state, enqueued_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(jobId, organizationId, kind, JSON.stringify(payload ?? null), 'queued', now);
    })();
    this.#pump();
    return jobId;
  }

  /** A job driven from outside (the job manager's `add`), which the engine only records. */
  public createExternal(organizationId: string, jobType: string, options: SubmitOptions): string {
    const jobId = `job_${randomUUID().replace(/-/g, '_')}`;
    this.#meta.write(jobsScope(organizationId), [{ id: jobId, doc: this.#newJobDoc(jobId, jobType, new Date().toISOString(), options) }], { replace: true, replaceSets: true });
    return jobId;
  }

  public get(organizationId: string, jobId: string): Doc {
    const doc = this.#meta.get(jobsScope(organizationId), jobId);
    if (!doc) throw notFound(`no job ${jobId}`);
    return doc;
  }

  /** Updates a job document (status, progress, stage, any field); `note` is appended to `notes`. */
  public update(organizationId: string, jobId: string, patch: Doc, note?: string): Doc {
    this.get(organizationId, jobId);
    const doc = this.#patch(organizationId, jobId, patch, note);
    if (TERMINAL.includes(doc.status as JobStatus)) this.#events.emit(jobId, doc);
    return doc;
  }

  /** Cancels a job: a queued one never runs, a running one is signalled, an external one is marked. */
  public cancel(organizationId: string, jobId: string): Doc {
    const doc = this.get(organizationId, jobId);
    if (TERMINAL.includes(doc.status as JobStatus)) return doc;
    const running = this.#running.get(jobId);
    if (running) {
      running.abort(new JobCancelled());
      return doc;
    }
    this.#db.prepare("UPDATE job_queue SET state = 'done' WHERE job_id = ?").run(jobId);
    return this.update(organizationId, jobId, { status: 'aborted', stage: 'cancelled' }, 'Cancelled by the user.');
  }

  /**
   * Runs a finished or aborted job again: the engine's own jobs from their stored payload,
   * external ones by putting them back to `queued` for their worker.
   */
  public resubmit(organizationId: string, jobId: string): Doc {
    const doc = this.get(organizationId, jobId);
    if (this.#running.has(jobId)) return doc;
    const requeued = this.#db.prepare("UPDATE job_queue SET state = 'queued', enqueued_at = ? WHERE job_id = ? AND state = 'done'")
      .run(new Date().toISOString(), jobId).changes > 0;
    const next = this.update(organizationId, jobId, { status: 'queued', progress: 0, stage: 'queued' }, 'Resubmitted.');
    if (requeued) this.#pump();
    return next;
  }

  /** Resolves with the job document once it is finished or aborted. */
  public waitFor(organizationId: string, jobId: string): Promise<Doc> {
    const doc = this.get(organizationId, jobId);
    if (TERMINAL.includes(doc.status as JobStatus)) return Promise.resolve(doc);
    return new Promise((resolve) => this.#events.once(jobId, resolve));
  }

  /**
   * A chosen id may name a job the caller made through the job manager (`jobs/add`) and has not
   * started: the engine then takes it over. Any other existing job keeps its id.
   */
  #claim(organizationId: string, jobId: string): void {
    const queued = this.#db.prepare('SELECT 1 FROM job_queue WHERE job_id = ?').get(jobId) !== undefined;
    const doc = this.#meta.get(jobsScope(organizationId), jobId);
    if (queued || (doc && doc.status !== 'queued')) throw conflict(`job ${jobId} already exists`);
  }

  #newJobDoc(jobId: string, jobType: string, now: string, options: SubmitOptions): Doc {
    // `extra` (the job manager's stage, tags and notes) overrides the defaults, never the identity or status.
    return {
      progress: 0,
      stage: 'queued',
      description: options.description ?? jobType,
      notes: [],
      job_type: jobType,
      asset_type: options.assetType ?? 'undefined',
      asset_id: options.assetId ?? 'undefined',
      user: options.user ?? null,
      tags: [],
      child_job_ids: [],
      timestamp: now,
      created_at: now,
      ...options.extra,
      id: jobId,
      task_id: jobId,
      status: 'queued',
    };
  }

  #patch(organizationId: string, jobId: string, patch: Doc, note?: string): Doc {
    const scope = jobsScope(organizationId);
    const current = this.#meta.get(scope, jobId) ?? { id: jobId };
    const notes: unknown[] = Array.isArray(current.notes) ? (current.notes as unknown[]) : [];
    const next = { ...current, ...patch, notes: note ? [...notes, note] : notes, updated_at: new Date().toISOString() };
    // Job documents are rewritten whole: notes may repeat, which list-merge semantics would drop.
    return this.#meta.write(scope, [{ id: jobId, doc: next }], { replace: true, replaceSets: true })[0] ?? next;
  }

  #pump(): void {
    if (!this.#started || this.#stopping) return;
    while (this.#running.size < this.#concurrency) {
      const row = this.#db.prepare("SELECT job_id, organization_id, kind, payload FROM job_queue WHERE state = 'queued' ORDER BY enqueued_at, rowid LIMIT 1")
        .get() as { job_id: string; organization_id: string; kind: string; payload: string } | undefined;
      if (!row) return;
      this.#db.prepare("UPDATE job_queue SET state = 'running' WHERE job_id = ?").run(row.job_id);
      const controller = new AbortController();
      this.#running.set(row.job_id, controller);
      void this.#run(row.job_id, row.organization_id, row.kind, JSON.parse(row.payload) as unknown, controller);
    }
  }

  async #run(jobId: string, organizationId: string, kindName: string, payload: unknown, controller: AbortController): Promise<void> {
    const kind = this.#kinds.get(kindName);
    let lastPercent = -1;
    const ctx: JobContext = {
      jobId, organizationId, payload, signal: controller.signal,
      progress: (percent, stage) => {
        const p = Math.max(0, Math.min(100, Math.floor(percent)));
        if (p === lastPercent && stage === undefined) return;
        lastPercent = p;
        this.#patch(organizationId, jobId, { progress: p, ...(stage !== undefined ? { stage } : {}) });
      },
      note: (text) => void this.#patch(organizationId, jobId, {}, text),
    };
    let outcome: { patch: Doc; note?: string };
    try {
      if (!kind) throw new Error(`this engine has no handler for ${kindName} jobs`);
      this.#patch(organizationId, jobId, { status: 'running', stage: 'running', started_at: new Date().toISOString() });
      await kind.run(ctx);
      controller.signal.throwIfAborted();
      outcome = { patch: { status: 'finished', progress: 100, stage: 'finished' } };
    } catch (error) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      if (reason instanceof EngineStopping) {
        // Interrupted by shutdown: the queue row stays 'running' so that start() recovers it.
        this.#finished(jobId);
        return;
      }
      const message = reason instanceof Error ? reason.message : String(reason);
      outcome = reason instanceof JobCancelled
        ? { patch: { status: 'aborted', stage: 'cancelled' }, note: 'Cancelled by the user.' }
        : { patch: { status: 'aborted', stage: `Error :${message}`.slice(0, 1024) }, note: message };
    }
    this.#db.prepare("UPDATE job_queue SET state = 'done' WHERE job_id = ?").run(jobId);
    this.update(organizationId, jobId, { ...outcome.patch, finished_at: new Date().toISOString() }, outcome.note);
    this.#finished(jobId);
    this.#pump();
  }

  #finished(jobId: string): void {
    this.#running.delete(jobId);
    if (this.#running.size === 0) {
      for (const resolve of this.#idle) resolve();
      this.#idle.clear();
    }
  }
}

class JobCancelled extends Error {
  public constructor() {
    super('cancelled by the user');
  }
}

class EngineStopping extends Error {
  public constructor() {
    super('engine stopping');
  }
}

export function jobsScope(organizationId: string): Scope {
  return { organizationId, assetType: 'jobs' };
}
