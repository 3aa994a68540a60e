import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { imageSize } from 'image-size';
import { standardizeName } from '../../../shared/scenebox/standardizeName';
import type { JobContext } from '../../jobs/JobService';
import { runFfprobe } from '../../media/runFfprobe';
import type { Doc } from '../../meta/mergeDocuments';
import { union, type Span } from '../../sessions/sessionDoc';
import { microsToIso } from '../../sessions/timeIndex';
import type { IndexingDeps } from '../IndexingDeps';
import { EntityStaging } from '../output/EntityStaging';
import { StoredObjectSource } from '../read/StoredObjectSource';
import { isoToMicrosLoose, timeFromName } from './folderMediaTime';
import { IMAGE_EXTENSIONS, extensionOf, recordingFolderPayloadSchema, type RecordingFolderPayload } from './recordingFolderPayload';

const FFPROBE_TIMEOUT_MS = 120_000;
/** image-size reads the dimensions from the header; JPEG headers with large EXIF blocks need more than a few KiB. */
const IMAGE_HEAD_BYTES = 256 * 1024;

type Media = { assetType: 'videos' | 'images'; id: string; doc: Doc; lo: number; hi: number; sensor: string };
/** What a file says about its time before the files are placed on one timeline (µs). */
type Described = Omit<Media, 'lo' | 'hi'> & { named: number | undefined; created: number | undefined; uploaded: number; durationUs: number };

/**
 * `index_recording`: every video and image of a storage folder becomes an asset of one session,
 * pointing at the stored object itself (nothing is copied), with a media entity. A sub-folder is a
 * sensor (`front/clip.mp4` → sensor `front`), files at the top belong to sensor `camera`.
 *
 * Times: a `<unix time>` file name is taken as is. The recording starts at the earliest such
 * name, else at the earliest container creation_time, else at the earliest upload. A video without
 * a time in its name follows the previous clip of its sensor (clips of one camera are consecutive
 * parts of one recording; creation_time tags are often an encoder's or a camera's unset clock),
 * and an image without one is put at the start. `aux.time_source` says which rule gave the time.
 * A file that cannot be read is noted and the others go on; documents and entities are written at
 * the end, so an aborted job leaves nothing.
 */
export async function runRecordingFolderJob(ctx: JobContext, deps: IndexingDeps): Promise<void> {
  const p = recordingFolderPayloadSchema.parse(ctx.payload);
  const org = ctx.organizationId;
  const { services, sessions } = deps;
  const workDir = join(services.dataDir, 'tmp', `recording-${ctx.jobId}`);
  await mkdir(workDir, { recursive: true });
  const staging = new EntityStaging(join(workDir, 'entities.jsonl'));
  const key = createHash('sha256').update(`${p.session_uid}\n${p.folder}`).digest('hex').slice(0, 10);
  const written: Media[] = [];
  let touched = false;
  try {
    sessions.patch(org, p.session_uid, { status: 'in progress', indexing_job_id: ctx.jobId });
    const described: Described[] = [];
    for (const [i, file] of p.files.entries()) {
      ctx.signal.throwIfAborted();
      try {
        described.push(await describe(deps, org, p, file, key, workDir, ctx.signal));
      } catch (error) {
        ctx.note(`${file.key}: not indexed: ${error instanceof Error ? error.message : String(error)}`);
      }
      ctx.progress(((i + 1) / p.files.length) * 80, 'reading the recording folder');
    }
    if (described.length === 0) throw new Error(`none of the ${p.files.length} files of ${p.folder} could be read`);
    const media = placeOnTimeline(described);
    let span: Span | undefined;
    for (const m of media) {
      span = union(span, { lo: m.lo, hi: m.hi });
      const at = microsToIso(m.lo);
      await staging.add(m.assetType === 'videos'
        ? { session: p.session_uid, timestamp: at, start_time: at, end_time: microsToIso(m.hi), entity_id: m.id, entity_name: 'video', entity_value: m.id, entity_type: 'media', influence: 'affect_forward', extend_session: true, media_asset_id: m.id, sensor: m.sensor }
        : { session: p.session_uid, timestamp: at, start_time: at, end_time: at, entity_id: `${m.id}_media`, entity_name: 'image', entity_value: m.id, entity_type: 'media', influence: 'interval', media_asset_id: m.id, sensor: m.sensor }, m.lo, m.hi);
    }
    for (const assetType of ['videos', 'images'] as const) {
      const items = media.filter((m) => m.assetType === assetType);
      written.push(...items);
      if (items.length > 0) services.meta.write({ organizationId: org, assetType }, items.map((m) => ({ id: m.id, doc: { ...m.doc, id: m.id, owner: org } })), { replace: true, replaceSets: true });
    }
    touched = true;
    if (span) sessions.extendSpan(org, p.session_uid, span);
    await staging.ingest((batch) => void deps.ingest.ingest(org, batch, 'recording entities'), (done, total) => ctx.progress(80 + (15 * done) / Math.max(1, total)), ctx.signal);
    const sensors = [...new Set(media.map((m) => m.sensor))].map((name) => ({ name, type: 'camera' }));
    sessions.updateLists(org, p.session_uid, { source_data: media.map((m) => ({ sensor: m.sensor, id: m.id, type: m.assetType })), sensors }, false);
    ctx.progress(96, 'resolving the session');
    await sessions.resolve(org, p.session_uid, undefined, ctx.signal);
    sessions.patch(org, p.session_uid, { status: 'ready', indexing_error: null });
    ctx.note(`indexed ${media.filter((m) => m.assetType === 'videos').length} videos and ${media.filter((m) => m.assetType === 'images').length} images of ${p.folder}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    for (const assetType of ['videos', 'images'] as const) services.meta.delete({ organizationId: org, assetType }, written.filter((m) => m.assetType === assetType).map((m) => m.id));
    const entityKey = deps.entities.key(org, p.session_uid);
    const span = staging.span;
    if (touched && entityKey !== undefined && span) deps.entities.deleteEvents(entityKey, staging.names, span.lo, span.hi);
    if (p.session_created) {
      if (entityKey !== undefined) deps.entities.deleteSession(entityKey);
      services.meta.delete({ organizationId: org, assetType: 'sessions' }, [p.session_uid]);
    } else if (services.meta.exists({ organizationId: org, assetType: 'sessions' }, p.session_uid)) {
      sessions.patch(org, p.session_uid, { status: 'ready', indexing_error: reason });
    }
    throw new Error(`indexing aborted: ${reason}; nothing of this recording was kept`, { cause: error });
  } finally {
    await staging.dispose();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function describe(deps: IndexingDeps, org: string, p: RecordingFolderPayload, file: RecordingFolderPayload['files'][number], key: string, workDir: string, signal: AbortSignal): Promise<Described> {
  const storage = deps.services.storage;
  const relative = p.folder && file.key.startsWith(`${p.folder}/`) ? file.key.slice(p.folder.length + 1) : file.key;
  const sensor = relative.includes('/') ? (relative.split('/')[0] ?? 'camera') : 'camera';
  const id = standardizeName(`${key}_${relative.replace(/\//g, '_')}`);
  const name = relative.split('/').pop() ?? relative;
  const record = storage.objectForUri(org, file.uri);
  const base = { sensor, session_uid: p.session_uid, sets: [], object_access: { uri: file.uri, filename: name }, aux: { key: relative } };
  const uploaded = isoToMicrosLoose(file.last_modified) ?? 0;
  if (IMAGE_EXTENSIONS.includes(extensionOf(file.key))) {
    const head = await new StoredObjectSource(storage, record, name).readUpTo(0, IMAGE_HEAD_BYTES);
    const size = imageSize(head);
    if (!size.width || !size.height) throw new Error('the image header gives no size');
    return {
      assetType: 'images', id, sensor, named: timeFromName(relative), created: undefined, uploaded, durationUs: 0,
      doc: { ...base, width: size.width, height: size.height, format: size.type ?? extensionOf(file.key), preprocesses: [] },
    };
  }
  const local = join(workDir, `probe.${extensionOf(file.key)}`);
  try {
    await pipeline(storage.read(record), createWriteStream(local), { signal });
    const probe = await runFfprobe(local, FFPROBE_TIMEOUT_MS);
    const stream = probe.streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
    if (!stream?.width || !stream.height) throw new Error('ffprobe finds no video stream');
    const duration = Number(probe.format.duration ?? stream.duration ?? 0);
    const [num, den] = (stream.avg_frame_rate ?? '0/1').split('/').map(Number);
    const fps = num && den ? num / den : null;
    return {
      assetType: 'videos', id, sensor, named: timeFromName(relative), created: isoToMicrosLoose(probe.format.tags?.creation_time ?? stream.tags?.creation_time), uploaded,
      durationUs: Math.round((Number.isFinite(duration) ? duration : 0) * 1e6),
      doc: {
        ...base, width: stream.width, height: stream.height, duration: Number.isFinite(duration) ? duration : null, fps, tags: ['raw'], format: extensionOf(file.key),
        aux: { key: relative, codec: stream.codec_name ?? null },
      },
    };
  } finally {
    await rm(local, { force: true });
  }
}

/** Places the files on the recording's timeline (see runRecordingFolderJob) and completes their documents. */
function placeOnTimeline(files: readonly Described[]): Media[] {
  const earliest = (values: (number | undefined)[]): number | undefined => {
    const known = values.filter((v): v is number => v !== undefined);
    return known.length > 0 ? Math.min(...known) : undefined;
  };
  const start = earliest(files.map((f) => f.named)) ?? earliest(files.map((f) => f.created)) ?? Math.min(...files.map((f) => f.uploaded));
  const clipEnd = new Map<string, number>();
  return files.map(({ named, created: _created, uploaded: _uploaded, durationUs, doc, ...rest }) => {
    const lo = named ?? (rest.assetType === 'videos' ? (clipEnd.get(rest.sensor) ?? start) : start);
    const source = named !== undefined ? 'file_name' : rest.assetType === 'videos' && clipEnd.has(rest.sensor) ? 'after_previous_clip' : 'recording_start';
    const hi = lo + durationUs;
    if (rest.assetType === 'videos') clipEnd.set(rest.sensor, hi);
    const times = rest.assetType === 'videos' ? { timestamp: microsToIso(lo), start_time: microsToIso(lo), end_time: microsToIso(hi) } : { timestamp: microsToIso(lo) };
    return { ...rest, lo, hi, doc: { ...doc, ...times, aux: { ...(doc.aux as Doc), time_source: source } } };
  });
}
