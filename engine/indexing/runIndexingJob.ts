import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDecompressors } from '../../shared/formats/bags/loadDecompressors';
import type { JobContext } from '../jobs/JobService';
import { RecordingIndexer, type IndexerSettings } from './extract/RecordingIndexer';
import type { IndexingDeps } from './IndexingDeps';
import { indexingPayloadSchema, type IndexingPayload } from './indexingPayload';
import { AssetSink } from './output/AssetSink';
import { EntityStaging } from './output/EntityStaging';
import { finishRecordingSession } from './finishRecordingSession';
import { planRecording, type PlannedFile } from './read/planRecording';
import { readDb3 } from './read/readDb3';
import { readMcap } from './read/readMcap';
import { readRos1Bag } from './read/readRos1Bag';
import type { RecordingMessage } from './read/RecordingTopic';
import { StoredObjectSource } from './read/StoredObjectSource';
import { rollbackIndexing } from './rollbackIndexing';

/** Reading takes the progress bar to here; storing, videos, entities and resolution the rest. */
const READ_DONE = 85;

/**
 * One indexing job: reads the recording's files in order and turns their messages into assets
 * and staged entities as they come, then finishes videos, hands the entities to the session,
 * records what was found on the session and resolves it. Whatever goes wrong, nothing half-made
 * stays: the assets this job wrote are removed again and the session is left as it was (or
 * removed, when this job's request made it), and the job ends aborted with a note naming the
 * problem.
 */
export async function runIndexingJob(ctx: JobContext, deps: IndexingDeps): Promise<void> {
  const p = indexingPayloadSchema.parse(ctx.payload);
  const { services } = deps;
  const org = ctx.organizationId;
  const workDir = join(services.dataDir, 'tmp', `indexing-${ctx.jobId}`);
  await mkdir(workDir, { recursive: true });
  const assets = new AssetSink(services.storage, services.meta, org);
  const staging = new EntityStaging(join(workDir, 'entities.jsonl'));
  const indexer = new RecordingIndexer(settingsOf(p, workDir), assets, staging);
  let original: { start_time: unknown; end_time: unknown } | undefined;
  try {
    ensureSession(deps, org, p);
    deps.sessions.patch(org, p.session_uid, { status: 'in progress', indexing_job_id: ctx.jobId });
    for (const note of p.notes) ctx.note(note);
    ctx.progress(1, 'reading the recording');
    const sources = p.files.map((f) => new StoredObjectSource(services.storage, services.storage.objectForUri(org, f.uri), f.name));
    const plan = await planRecording(sources);
    for (const note of plan.notes) ctx.note(note);
    const total = plan.files.reduce((n, f) => n + f.source.size, 0) || 1;
    let before = 0;
    for (const [i, file] of plan.files.entries()) {
      const stage = `reading ${file.source.name} (${i + 1} of ${plan.files.length})`;
      const progress = fileProgress(file);
      let n = 0;
      for await (const message of messagesOf(file, workDir, i, progress)) {
        ctx.signal.throwIfAborted();
        await indexer.handle(message);
        if (++n % 32 === 0) ctx.progress(1 + ((READ_DONE - 1) * (before + progress.fraction() * file.source.size)) / total, stage);
      }
      before += file.source.size;
    }
    ctx.progress(READ_DONE, 'storing assets');
    await assets.drain();
    await finishRecordingSession(ctx, deps, p, { indexer, assets, staging, plan, key: keyOf(p), onIngest: (span) => { original = span; } });
  } catch (error) {
    const reason = ctx.signal.aborted ? 'cancelled' : error instanceof Error ? error.message : String(error);
    await rollbackIndexing(deps, org, p, { indexer, assets, staging, original, reason });
    throw new Error(`indexing aborted: ${reason}; everything this job had written was removed again`, { cause: error });
  } finally {
    await staging.dispose();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** A session the request made and a restart's rollback removed is made again, under the same uid. */
function ensureSession(deps: IndexingDeps, org: string, p: IndexingPayload): void {
  if (!p.session_created || deps.services.meta.exists({ organizationId: org, assetType: 'sessions' }, p.session_uid)) return;
  deps.sessions.put(org, p.session_uid, {
    session_name: p.session_name, session_type: p.session_type, status: 'in progress', resolution: 1, start_time: null, end_time: null,
    session_aux: {}, auxiliary_data: [], source_data: [], sensors: [], enrichments_configs: [], set_id: null, sets: [], timestamp: new Date().toISOString(),
  });
}

/** Ids of this indexing start with a key of (session, recording): indexing the same files again into the same session replaces, never duplicates. */
export function keyOf(p: IndexingPayload): string {
  const uris = p.files.map((f) => f.uri).sort();
  return createHash('sha256').update(`${p.session_uid}\n${uris.join('\n')}`).digest('hex').slice(0, 10);
}

function settingsOf(p: IndexingPayload, workDir: string): IndexerSettings {
  const params = p.parameters;
  return {
    sessionUid: p.session_uid, key: keyOf(p), sets: { images: p.sets.images, lidars: p.sets.lidars, videos: p.sets.videos },
    selection: { topics: p.topics ?? undefined, sensorNames: p.sensor_names, scalarTopics: params.scalar_topics ?? [] },
    videoSensors: p.video_sensors ?? undefined, imageSkip: p.image_skip_factor, lidarSkip: params.lidar_skip_factor ?? 1,
    makeVideos: params.make_videos ?? true, encodeRawImages: params.encode_raw_images ?? true, pngLevel: params.png_compression_level ?? 1, videoPreset: params.video_preset ?? 'veryfast',
    timestampSource: params.timestamp_source ?? 'header', maxScalarFields: params.max_scalar_fields ?? 64, workDir,
  };
}

interface FileProgress {
  fraction(): number;
  onRows(done: number, total: number): void;
}

/** Bytes read for bag and MCAP files; for SQLite files the copy, then the rows read. */
function fileProgress(file: PlannedFile): FileProgress {
  let rows = 0;
  const size = file.source.size || 1;
  return {
    fraction: () => (file.format === 'db3' ? 0.3 * Math.min(1, file.source.delivered / size) + 0.7 * rows : Math.min(1, file.source.delivered / size)),
    onRows: (done, total) => {
      rows = total > 0 ? done / total : 1;
    },
  };
}

function messagesOf(file: PlannedFile, workDir: string, index: number, progress: FileProgress): AsyncGenerator<RecordingMessage> {
  switch (file.format) {
    case 'ros1':
      return (async function* () {
        yield* readRos1Bag(file.source, await loadDecompressors());
      })();
    case 'mcap':
      return (async function* () {
        yield* readMcap(file.source, (await loadDecompressors()).mcap);
      })();
    case 'db3':
      return readDb3(file.source, join(workDir, `storage_${index}.db3`), progress);
  }
}
