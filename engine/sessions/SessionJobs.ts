import { z } from 'zod';
import type { AssetType } from '../../shared/scenebox/constants';
import { searchQuerySchema, type SearchQuery } from '../../shared/search/searchQuery';
import type { JobContext, JobService } from '../jobs/JobService';
import type { MetaStore } from '../meta/MetaStore';
import type { EntityIngest } from './EntityIngest';
import type { SessionEntityStore } from './SessionEntityStore';
import type { SessionQueries } from './SessionQueries';
import type { SessionService } from './SessionService';
import { sessionsScope } from './sessionDoc';
import { isoToMicros } from './timeIndex';

/** Media whose documents name their session in `session_uid`; delete_session may remove them. */
const SESSION_MEDIA: readonly AssetType[] = ['images', 'videos', 'lidars', 'objects', 'annotations'];
const PAGE = 5000;

const resolvePayload = z.object({ session_uid: z.string(), resolution: z.number().positive().nullish() });
const deletePayload = z.object({ session_uid: z.string(), delete_assets_contents: z.boolean() });
const deleteEventsPayload = z.object({
  session_uids: z.array(z.string()), event_names: z.array(z.string()), start_time: z.string().nullish(), end_time: z.string().nullish(),
});
const commentsPayload = z.object({
  session_uid: z.string(), user: z.string(), texts: z.array(z.string()), intervals: z.array(z.object({ start_time: z.string(), end_time: z.string() })),
});
const eventSearchPayload = z.object({ search: searchQuerySchema, event_title: z.string() });

/**
 * The session jobs. Each one ends `finished` or `aborted` (the Python client polls until then),
 * and each can run again from the start after a crash: entity ids are derived from the job id,
 * so a second run replaces what the first one wrote instead of adding to it.
 */
export class SessionJobs {
  readonly #jobs: JobService;
  readonly #meta: MetaStore;
  readonly #sessions: SessionService;
  readonly #entities: SessionEntityStore;
  readonly #ingest: EntityIngest;
  readonly #queries: SessionQueries;

  public constructor(jobs: JobService, meta: MetaStore, sessions: SessionService, entities: SessionEntityStore, ingest: EntityIngest, queries: SessionQueries) {
    this.#jobs = jobs;
    this.#meta = meta;
    this.#sessions = sessions;
    this.#entities = entities;
    this.#ingest = ingest;
    this.#queries = queries;
    this.#register();
  }

  /**
   * Queues a resolution and marks the session `in progress` until it ends. A resolution at the
   * session's own resolution that is still queued is reused, so that a burst of urgent
   * add_entities calls resolves once.
   */
  public submitResolution(organizationId: string, uid: string, resolution: number | undefined, user: string | null): string {
    const doc = this.#sessions.doc(organizationId, uid);
    const pending = typeof doc.resolution_job_id === 'string' && resolution === undefined ? this.#queuedJob(organizationId, doc.resolution_job_id) : undefined;
    if (pending) return pending;
    const jobId = this.#jobs.submit(organizationId, 'session_resolution', { session_uid: uid, resolution: resolution ?? null }, {
      description: `resolve session ${uid}`, user: user ?? undefined, assetType: 'sessions', assetId: uid,
    });
    this.#sessions.patch(organizationId, uid, { status: 'in progress', resolution_job_id: jobId });
    return jobId;
  }

  public submitDeletion(organizationId: string, uid: string, deleteAssetsContents: boolean, user: string): string {
    return this.#jobs.submit(organizationId, 'session_deletion', { session_uid: uid, delete_assets_contents: deleteAssetsContents }, {
      description: `delete session ${uid}`, user, assetType: 'sessions', assetId: uid,
    });
  }

  public submitEventDeletion(organizationId: string, payload: z.input<typeof deleteEventsPayload>, user: string): string {
    return this.#jobs.submit(organizationId, 'event_deletion', payload, { description: `delete events ${payload.event_names.join(', ')}`, user, assetType: 'sessions' });
  }

  public submitComments(organizationId: string, payload: z.input<typeof commentsPayload>, user: string): string {
    return this.#jobs.submit(organizationId, 'session_comments', payload, { description: `comment on session ${payload.session_uid}`, user, assetType: 'sessions', assetId: payload.session_uid });
  }

  public submitEventWithSearch(organizationId: string, search: SearchQuery, eventTitle: string, user: string): string {
    return this.#jobs.submit(organizationId, 'add_event_with_search', { search, event_title: eventTitle }, { description: `add event ${eventTitle}`, user, assetType: 'sessions' });
  }

  #queuedJob(organizationId: string, jobId: string): string | undefined {
    try {
      return this.#jobs.get(organizationId, jobId).status === 'queued' ? jobId : undefined;
    } catch {
      return undefined;
    }
  }

  #register(): void {
    this.#jobs.register('session_resolution', {
      jobType: 'session_resolution', resumable: true,
      run: async (ctx) => {
        const p = resolvePayload.parse(ctx.payload);
        ctx.progress(1, 'resolving');
        try {
          await this.#sessions.resolve(ctx.organizationId, p.session_uid, p.resolution ?? undefined, ctx.signal);
          this.#settle(ctx.organizationId, p.session_uid, { status: 'ready', resolution_error: null });
        } catch (error) {
          this.#settle(ctx.organizationId, p.session_uid, { status: 'ready', resolution_error: error instanceof Error ? error.message : String(error) });
          throw error;
        }
      },
    });
    this.#jobs.register('session_deletion', { jobType: 'session_deletion', resumable: true, run: (ctx) => this.#deleteSession(ctx) });
    this.#jobs.register('event_deletion', {
      jobType: 'event_deletion', resumable: true,
      run: async (ctx) => {
        const p = deleteEventsPayload.parse(ctx.payload);
        const from = p.start_time ? (isoToMicros(p.start_time) ?? Number.MIN_SAFE_INTEGER) : Number.MIN_SAFE_INTEGER;
        const to = p.end_time ? (isoToMicros(p.end_time) ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
        let deleted = 0;
        for (const [i, uid] of p.session_uids.entries()) {
          const key = this.#entities.key(ctx.organizationId, uid);
          if (key === undefined) continue;
          deleted += this.#entities.deleteEvents(key, p.event_names, from, to);
          await this.#sessions.refreshIfResolved(ctx.organizationId, uid, ctx.signal);
          ctx.progress(((i + 1) / p.session_uids.length) * 100);
        }
        ctx.note(`deleted ${deleted} entities`);
      },
    });
    this.#jobs.register('session_comments', {
      jobType: 'entity_modification', resumable: true,
      run: async (ctx) => {
        const p = commentsPayload.parse(ctx.payload);
        const dicts = p.intervals.map((iv, i) => ({
          session: p.session_uid, entity_id: `${ctx.jobId}_${i}`, entity_name: 'comment', entity_type: 'state_set', influence: 'interval',
          entity_value: p.texts, timestamp: iv.start_time, start_time: iv.start_time, end_time: iv.end_time, user: p.user,
        }));
        this.#ingest.ingest(ctx.organizationId, dicts, 'intervals');
        await this.#sessions.refreshIfResolved(ctx.organizationId, p.session_uid, ctx.signal);
      },
    });
    this.#jobs.register('add_event_with_search', {
      jobType: 'add_event_with_search', resumable: true,
      run: async (ctx) => {
        const p = eventSearchPayload.parse(ctx.payload);
        const found = Object.entries(this.#queries.search(ctx.organizationId, p.search));
        for (const [n, [uid, { intervals }]] of found.entries()) {
          const dicts = intervals.map(([start, end], k) => ({
            session: uid, entity_id: `${ctx.jobId}_${uid}_${k}`, entity_name: p.event_title, entity_type: 'state', influence: 'interval',
            entity_value: p.event_title, timestamp: start, start_time: start, end_time: end,
          }));
          this.#ingest.ingest(ctx.organizationId, dicts);
          await this.#sessions.refreshIfResolved(ctx.organizationId, uid, ctx.signal);
          ctx.progress(((n + 1) / found.length) * 100);
        }
        ctx.note(`added ${p.event_title} to ${found.length} sessions`);
      },
    });
  }

  /** The session may be gone by the time its resolution ends (deleted meanwhile). */
  #settle(organizationId: string, uid: string, patch: Record<string, unknown>): void {
    if (this.#meta.exists(sessionsScope(organizationId), uid)) this.#sessions.patch(organizationId, uid, patch);
  }

  async #deleteSession(ctx: JobContext): Promise<void> {
    const p = deletePayload.parse(ctx.payload);
    if (p.delete_assets_contents) {
      for (const [n, assetType] of SESSION_MEDIA.entries()) {
        const scope = { organizationId: ctx.organizationId, assetType };
        const query = { filters: [{ field: 'session_uid', values: [p.session_uid], filter_out: false }] };
        // Always the first page: what was deleted no longer matches.
        for (let ids = this.#meta.searchIds(scope, query, { size: PAGE, offset: 0, sortField: 'id', sortOrder: 'asc' }); ids.length > 0;
          ids = this.#meta.searchIds(scope, query, { size: PAGE, offset: 0, sortField: 'id', sortOrder: 'asc' })) {
          ctx.signal.throwIfAborted();
          this.#meta.delete(scope, ids);
          await new Promise((resolve) => setImmediate(resolve));
        }
        ctx.progress(((n + 1) / (SESSION_MEDIA.length + 1)) * 100, `deleted ${assetType}`);
      }
    }
    const key = this.#entities.key(ctx.organizationId, p.session_uid);
    if (key !== undefined) this.#entities.deleteSession(key);
    this.#meta.delete(sessionsScope(ctx.organizationId), [p.session_uid]);
  }
}
