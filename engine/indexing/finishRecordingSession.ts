import type { JobContext } from '../jobs/JobService';
import { isPlainObject, type Doc } from '../meta/mergeDocuments';
import { readSession, resolutionOf, spanOf, tooLong, union } from '../sessions/sessionDoc';
import type { RecordingIndexer } from './extract/RecordingIndexer';
import { sameTopic } from './extract/topicSelection';
import type { IndexingDeps } from './IndexingDeps';
import type { IndexingPayload } from './indexingPayload';
import type { AssetSink } from './output/AssetSink';
import type { EntityStaging } from './output/EntityStaging';
import { storeCameraVideos } from './output/storeCameraVideos';
import type { RecordingPlan } from './read/planRecording';

export interface FinishInput {
  indexer: RecordingIndexer;
  assets: AssetSink;
  staging: EntityStaging;
  plan: RecordingPlan;
  key: string;
  /**
   * Called before the session changes (its span, then its entities), with the span it had, so
   * that a rollback can put it back and remove the entities.
   */
  onIngest: (original: { start_time: unknown; end_time: unknown }) => void;
}

/**
 * The end of an indexing job, once every message was read: the camera videos, the entities (after
 * checking that the session may grow to the recording's span at its resolution), the session's
 * span, sources, sensors, auxiliary data and indexing summary, and its resolution.
 */
export async function finishRecordingSession(ctx: JobContext, deps: IndexingDeps, p: IndexingPayload, input: FinishInput): Promise<void> {
  const { indexer, assets, staging } = input;
  const org = ctx.organizationId;
  const uid = p.session_uid;
  ctx.progress(87, 'encoding videos');
  const topics = indexer.topicSummaries();
  const videos = await storeCameraVideos(indexer.videos, assets, staging, {
    sessionUid: uid, key: input.key, sets: p.sets.videos, signal: ctx.signal, topicOf: (sensor) => topics.find((t) => t.sensor === sensor)?.topic,
  });
  await assets.drain();

  const span = union(indexer.span, staging.span);
  const before = deps.sessions.doc(org, uid);
  input.onIngest({ start_time: before.start_time ?? null, end_time: before.end_time ?? null });
  if (span) {
    const stored = readSession(before);
    const whole = union(union(spanOf(stored), deps.entities.cover(deps.entities.key(org, uid))), span);
    const long = whole ? tooLong(whole, resolutionOf(stored)) : undefined;
    if (long) throw new Error(`the recording does not fit the session: ${long}; index it into a session of a coarser resolution`);
    deps.sessions.extendSpan(org, uid, span);
  }
  ctx.progress(90, 'adding entities to the session');
  await staging.ingest((batch) => void deps.ingest.ingest(org, batch, 'indexed entities'), (done, total) => ctx.progress(90 + (6 * done) / Math.max(1, total)), ctx.signal);

  const sensors = new Map<string, Doc>();
  for (const t of topics) if (t.selected && t.kind !== 'count' && !sensors.has(t.sensor)) sensors.set(t.sensor, { name: t.sensor, type: t.sensor_type });
  const sourceData: Doc[] = [...p.files.map((f) => ({ sensor: 'recording', id: f.uri, type: 'rosbags', filename: f.name })), ...p.source_data, ...videos.sourceData];
  deps.sessions.updateLists(org, uid, {
    source_data: sourceData, sensors: [...sensors.values()], auxiliary_data: videos.auxiliary, ...(p.sets.sessions.length > 0 ? { sets: p.sets.sessions } : {}),
  }, false);
  const counts = { images: assets.count('images'), lidars: assets.count('lidars'), videos: videos.count, entities: staging.count };
  const summary = {
    job_id: ctx.jobId, recording: input.plan.kind, files: input.plan.files.map((f) => f.source.name),
    metadata_version: input.plan.metadata?.version ?? null, ...counts, topics,
  };
  const current = deps.sessions.doc(org, uid);
  deps.sessions.patch(org, uid, { session_aux: { ...(isPlainObject(current.session_aux) ? current.session_aux : {}), indexing: summary } });
  ctx.progress(97, 'resolving the session');
  await deps.sessions.resolve(org, uid, undefined, ctx.signal);
  deps.sessions.patch(org, uid, { status: 'ready', indexing_error: null });

  ctx.note(`indexed ${input.plan.kind} (${summary.files.join(', ')}): ${counts.images} images, ${counts.lidars} lidar scans, ${counts.videos} videos, ${counts.entities} entities`);
  for (const wanted of p.topics ?? []) {
    if (!topics.some((t) => sameTopic(t.topic, wanted))) ctx.note(`topics: ${wanted} has no messages in the recording`);
  }
  for (const t of topics) {
    if (!t.selected) ctx.note(`${t.topic} (${t.type}): ${t.message_count} messages, not indexed: not among the requested topics`);
    else if (t.kind === 'count') ctx.note(`${t.topic} (${t.type}): ${t.message_count} messages kept as counts (not an extracted type; name it in topics or indexing_parameters.scalar_topics for its numeric fields)`);
    else if (t.reason) ctx.note(`${t.topic} (${t.type}): ${t.indexed} of ${t.message_count} messages indexed; ${t.failed} failed; ${t.reason}`);
  }
}
