import type { RecordingIndexer } from './extract/RecordingIndexer';
import type { IndexingDeps } from './IndexingDeps';
import type { IndexingPayload } from './indexingPayload';
import type { AssetSink } from './output/AssetSink';
import type { EntityStaging } from './output/EntityStaging';

export interface RollbackInput {
  indexer: RecordingIndexer;
  assets: AssetSink;
  staging: EntityStaging;
  /** The session's span before the job changed it; undefined while the session was untouched (entities are staged until the very end). */
  original: { start_time: unknown; end_time: unknown } | undefined;
  reason: string;
}

/**
 * Takes back what an aborted indexing job wrote: ffmpeg is stopped, every asset document and
 * stored file it made is removed (so none stays in a set), entities are removed if any had been
 * handed over, and the session is removed when the job's own request made it, else marked ready
 * with the reason.
 */
export async function rollbackIndexing(deps: IndexingDeps, org: string, p: IndexingPayload, input: RollbackInput): Promise<void> {
  for (const video of input.indexer.videos) video.kill();
  await input.assets.removeAll();
  const key = deps.entities.key(org, p.session_uid);
  const span = input.staging.span;
  if (input.original && key !== undefined && span) deps.entities.deleteEvents(key, input.staging.names, span.lo, span.hi);
  const scope = { organizationId: org, assetType: 'sessions' as const };
  if (!deps.services.meta.exists(scope, p.session_uid)) return;
  if (p.session_created) {
    if (key !== undefined) deps.entities.deleteSession(key);
    deps.services.meta.delete(scope, [p.session_uid]);
  } else {
    deps.sessions.patch(org, p.session_uid, { status: 'ready', indexing_error: input.reason, ...(input.original ?? {}) });
  }
}
