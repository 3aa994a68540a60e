import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type PQueue from 'p-queue';
import type { AssetManagerClient } from '../../../client/AssetManagerClient';
import { RECORDING_KINDS, STORAGE_ASSET_TYPE, isFileKind, type FileKind } from '../../../shared/ingest/fileKinds';
import type { IngestSettings } from '../../../shared/ingest/ingestSettings';
import type { WirePresignedPost } from '../../../shared/wire/storageWire';
import type { EngineConnection } from '../engine/EngineConnection';
import type { JournalItem, Source } from '../journal/journalTypes';
import type { Journal } from '../journal/openJournal';
import type { BandwidthLimiter } from '../upload/BandwidthLimiter';
import { assetMetadata, mediaEntity, type StoredFile } from './assetMetadata';
import { classifyUnit } from './classifyUnit';
import type { Coalescer } from './Coalescer';
import type { HashQuery } from './findByHashes';
import { importUnit } from './importUnit';
import { assertUnchanged, FileGoneError, hashUnit } from './hashUnit';
import { planUnit, type UnitPlan } from './planUnit';
import type { Registered, Registration } from './registerBatch';
import type { UnitProbe } from './UnitProbe';
import type { RegistrationTargets } from './RegistrationTargets';
import { sendFile } from './sendFile';

export interface StageContext {
  journal: Journal;
  engine: EngineConnection;
  settings: () => IngestSettings;
  limiter: BandwidthLimiter;
  parts: PQueue;
  probe: UnitProbe;
  targets: RegistrationTargets;
  /** Form posts of small files, presigned together (see postPresigner). */
  presignPost: (assets: AssetManagerClient, fileId: string) => Promise<WirePresignedPost>;
  /** The duplicate checks of units about to be sent, asked together (see findByHashes). */
  duplicates: Coalescer<HashQuery, string[]>;
  /** Registrations of units in the engine lane, sent together (see registerBatch). */
  registrations: Coalescer<Registration, Registered>;
  onBytes: (itemId: number, bytes: number) => void;
}

/** A unit that cannot go further however often it is tried: failed, waiting for a person. */
export class PermanentFailure extends Error {
  public constructor(reason: string) {
    super(reason);
    this.name = 'PermanentFailure';
  }
}

/** A file the pipeline cannot take (unsupported kind, unreadable content): rejected with this reason. */
export class RejectedUnit extends Error {
  public constructor(reason: string) {
    super(reason);
    this.name = 'RejectedUnit';
  }
}

const isFolderUnit = (item: JournalItem): boolean => item.kind === 'ros2_bag';

/** discovered → stable: a dropped unit (already complete) still there as it was seen. */
export async function settle(ctx: StageContext, item: JournalItem): Promise<void> {
  const s = await stat(item.path).catch(() => undefined);
  if (!s) throw new FileGoneError(item.path);
  ctx.journal.writer.transition(item.id, 'stable');
}

/** stable → probed (or rejected): kind, local probe, and the plan of where it goes. */
export async function probe(ctx: StageContext, item: JournalItem, source: Source | undefined): Promise<void> {
  const s = await stat(item.path).catch(() => undefined);
  if (!s) throw new FileGoneError(item.path);
  const classified = await classifyUnit(item.path, s.isDirectory());
  if ('rejected' in classified) throw new RejectedUnit(classified.rejected);
  const result = await ctx.probe(classified.kind, item.path);
  const plan = planUnit({ path: item.path, isFolder: s.isDirectory(), mtimeMs: item.mtimeMs }, classified.kind, source, result.time);
  ctx.journal.writer.markProbed(item.id, {
    kind: classified.kind, probe: result.probe, assetType: plan.assetType ?? null, assetId: plan.assetId, fileId: plan.fileId,
    // The unit as the probe read it (it may have changed since it was first seen).
    size: result.files.reduce((sum, f) => sum + f.size, 0), mtimeMs: Math.max(0, ...result.files.map((f) => f.mtimeMs)),
  }, result.files);
}

/** probed → hashed: sha256 of every file, checked against what the probe saw. */
export async function hash(ctx: StageContext, item: JournalItem, signal: AbortSignal): Promise<void> {
  const files = ctx.journal.reader.files(item.id);
  const { fileHashes, unitHash } = await hashUnit(item.path, isFolderUnit(item), files, signal);
  fileHashes.forEach((sha256, fileNo) => ctx.journal.writer.patchFile(item.id, fileNo, { sha256 }));
  ctx.journal.writer.transition(item.id, 'hashed', { sha256: unitHash });
}

/**
 * hashed (or uploading, after a restart) → uploaded; or skipped when the engine already has an
 * asset with the same bytes under another id (the same file seen in a second place).
 */
export async function upload(ctx: StageContext, item: JournalItem, signal: AbortSignal): Promise<void> {
  await ctx.engine.whenOnline(signal);
  if (item.state === 'hashed' && item.assetType && item.sha256) {
    const same = await ctx.duplicates.call({ assetType: assetTypeOf(item), sha256: item.sha256 });
    signal.throwIfAborted();
    const other = same.find((id) => id !== item.assetId);
    if (other && !same.includes(item.assetId ?? '')) {
      ctx.journal.writer.transition(item.id, 'skipped', { reason: `duplicate of ${item.assetType} asset ${other} (same sha256)` });
      return;
    }
  }
  if (item.state === 'hashed') ctx.journal.writer.transition(item.id, 'uploading');
  const assets = ctx.engine.assets(STORAGE_ASSET_TYPE[kindOf(item)]);
  for (const file of ctx.journal.reader.files(item.id)) {
    if (file.objectUri) continue;
    const path = isFolderUnit(item) ? join(item.path, file.relPath) : item.path;
    const key = isFolderUnit(item) ? `${item.fileId ?? item.name}/${file.relPath}` : (item.fileId ?? item.name);
    await assertUnchanged(path, file.size, file.mtimeMs);
    const uri = await sendFile({
      journal: ctx.journal, assets, settings: ctx.settings(), limiter: ctx.limiter, parts: ctx.parts, signal, onBytes: ctx.onBytes,
      presignPost: (fileId) => ctx.presignPost(assets, fileId),
    }, item.id, path, withExtension(key, file.relPath), file);
    // Bytes read over minutes may come from a file that changed meanwhile: check before keeping them.
    await assertUnchanged(path, file.size, file.mtimeMs);
    ctx.journal.writer.patchFile(item.id, file.fileNo, { objectUri: uri });
  }
  ctx.journal.writer.transition(item.id, 'uploaded');
}

/** uploaded → registered: the set and session exist, the asset's metadata is written, the media entity placed. */
export async function register(ctx: StageContext, item: JournalItem, source: Source | undefined, signal: AbortSignal): Promise<void> {
  await ctx.engine.whenOnline(signal);
  const kind = kindOf(item);
  const plan = storedPlan(item, kind, source);
  if (!plan.assetType) {
    const imported = await importUnit({ client: ctx.engine.client, targets: ctx.targets, path: item.path, probe: item.probe, plan, source }, kind, (m) => new PermanentFailure(m));
    ctx.journal.writer.transition(item.id, 'registered', { setId: imported.setId ?? null, sessionUid: imported.sessionUid ?? null, reason: imported.note });
    return;
  }
  const setId = plan.setName ? await ctx.targets.setId(plan.setName, plan.assetType) : undefined;
  const sessionUid = plan.sessionName ? await ctx.targets.sessionUid(plan.sessionName, RECORDING_KINDS.includes(kind) ? 'rosbags' : 'generic') : undefined;
  const files: StoredFile[] = ctx.journal.reader.files(item.id).map((f) => ({ relPath: f.relPath, uri: f.objectUri ?? '', size: f.size, sha256: f.sha256 ?? '' }));
  const duration = kind === 'video' ? durationOf(item.probe) : null;
  const { placed, note } = await ctx.registrations.call({
    assetType: plan.assetType, sessionName: plan.sessionName,
    entity: sessionUid ? mediaEntity(kind, plan.assetId, sessionUid, plan.timestamp, duration) : undefined,
    doc: (inSession) => assetMetadata({ kind, plan, probe: item.probe, sourcePath: item.path, unitHash: item.sha256 ?? '', files, setId, sessionUid: inSession ? sessionUid : undefined }),
  });
  // The batch ran on whatever the item's pause or cancel said meanwhile: its result stands (a
  // registration is idempotent), but an interrupted item keeps its state.
  signal.throwIfAborted();
  ctx.journal.writer.transition(item.id, 'registered', { setId: setId ?? null, sessionUid: placed ? (sessionUid ?? null) : null, reason: note });
}

function durationOf(probe: unknown): number | null {
  const d = (probe as { durationSeconds?: unknown } | null)?.durationSeconds;
  return typeof d === 'number' ? d : null;
}

/** registered → indexing (a recording whose source asks for it) or done. */
export async function finishOrIndex(ctx: StageContext, item: JournalItem, source: Source | undefined, signal: AbortSignal): Promise<void> {
  const kind = kindOf(item);
  if (!RECORDING_KINDS.includes(kind) || !source?.indexBags) {
    ctx.journal.writer.transition(item.id, 'done');
    return;
  }
  await ctx.engine.whenOnline(signal);
  const jobId = await ctx.targets.startIndexing(item, kind);
  ctx.journal.writer.transition(item.id, 'indexing', { jobId });
}

/** indexing → done: follows the engine's job to its end; an aborted job fails the item with its notes. */
export async function followIndexing(ctx: StageContext, item: JournalItem, signal: AbortSignal): Promise<void> {
  await ctx.engine.whenOnline(signal);
  const jobId = item.jobId ?? (await ctx.targets.startIndexing(item, kindOf(item)));
  if (jobId !== item.jobId) ctx.journal.writer.patch(item.id, { jobId });
  await ctx.engine.client.waitForJob(jobId, { pollIntervalMs: 1000, signal });
  ctx.journal.writer.transition(item.id, 'done');
}

function kindOf(item: JournalItem): FileKind {
  if (!isFileKind(item.kind)) throw new Error(`journal item ${item.id} has no known kind (${String(item.kind)})`);
  return item.kind;
}

function assetTypeOf(item: JournalItem): NonNullable<UnitPlan['assetType']> {
  if (!item.assetType) throw new Error(`journal item ${item.id} has no asset type`);
  return item.assetType as NonNullable<UnitPlan['assetType']>;
}

/** The plan made at probe time, from what the journal kept of it (asset id, file id) and the source's defaults. */
function storedPlan(item: JournalItem, kind: FileKind, source: Source | undefined): UnitPlan {
  const probeTime = probeTimeOf(item.probe);
  const plan = planUnit({ path: item.path, isFolder: isFolderUnit(item), mtimeMs: item.mtimeMs }, kind, source, probeTime);
  return { ...plan, assetId: item.assetId ?? plan.assetId, fileId: item.fileId ?? plan.fileId };
}

/** The capture time a probe found, if any (EXIF time, video creation time, recording start). */
export function probeTimeOf(probe: unknown): string | null {
  if (probe === null || typeof probe !== 'object') return null;
  const p = probe as Record<string, unknown>;
  for (const key of ['dateTimeOriginal', 'creationTime', 'startTime', 'start']) {
    const v = p[key];
    if (typeof v === 'string' && v !== '') return v;
    if (v && typeof v === 'object' && typeof (v as { iso?: unknown }).iso === 'string') return (v as { iso: string }).iso;
  }
  return null;
}

/** Storage keys keep the file's extension, so that a download gets a name its tools recognise. */
function withExtension(key: string, relPath: string): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(relPath)?.[0] ?? '';
  return ext && !key.toLowerCase().endsWith(ext.toLowerCase()) ? `${key}${ext}` : key;
}
