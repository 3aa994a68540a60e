import { setMaxListeners } from 'node:events';
import { pipeline, Transform, type Readable } from 'node:stream';
import type PQueue from 'p-queue';
import type { AssetManagerClient } from '../../../client/AssetManagerClient';
import { NotFoundError } from '../../../client/errors/ResponseError';
import type { IngestSettings } from '../../../shared/ingest/ingestSettings';
import type { WirePresignedPost } from '../../../shared/wire/storageWire';
import type { Journal } from '../journal/openJournal';
import type { ItemFile } from '../journal/journalTypes';
import type { BandwidthLimiter } from '../upload/BandwidthLimiter';
import { FileChangedError } from './hashUnit';
import { StallWatchdog } from '../upload/StallWatchdog';

export interface SendFileContext {
  journal: Journal;
  assets: AssetManagerClient;
  settings: IngestSettings;
  limiter: BandwidthLimiter;
  /** Parts in flight over every file share this queue, so concurrency holds for the whole queue. */
  parts: PQueue;
  signal: AbortSignal;
  /** The form post of a small file, presigned with the posts of the files sent beside it. */
  presignPost: (fileId: string) => Promise<WirePresignedPost>;
  /** Bytes moved (for speed and progress); called often, must be cheap. */
  onBytes: (itemId: number, bytes: number) => void;
}

/**
 * Sends one file of a unit and returns its stored object URI. Small files go in one form post.
 * Large ones go multipart and resume: the engine's list of parts is the truth (the journal may
 * lag it by the parts that were in flight when the app died), parts it holds are not sent again,
 * and a part cut in the middle is continued from the bytes the engine kept.
 */
export async function sendFile(ctx: SendFileContext, itemId: number, path: string, fileKey: string, file: ItemFile): Promise<string> {
  if (file.size < ctx.settings.multipartThreshold) {
    await ctx.limiter.take(file.size, ctx.signal);
    const stored = await ctx.assets.putFile(path, { id: fileKey, multipartThreshold: Number.MAX_SAFE_INTEGER, signal: ctx.signal, retries: 0, presignPost: ctx.presignPost });
    ctx.onBytes(itemId, file.size);
    if (file.sha256 && stored.sha256 !== file.sha256) throw new FileChangedError(path, 'the bytes sent differ from the bytes hashed');
    return stored.uri;
  }
  if (file.sha256) {
    const known = await ctx.assets.findObjectBySha256(file.sha256);
    // The engine already holds these bytes (sent before, from here or elsewhere): no need to send them again.
    if (known.exists && known.uri) return known.uri;
  }
  const partSize = file.partSize ?? ctx.settings.partSize;
  const uploadId = await resumableUpload(ctx, itemId, fileKey, file, partSize);
  const { held, partial } = await engineParts(ctx, itemId, file.fileNo, uploadId);
  const partCount = Math.max(1, Math.ceil(file.size / partSize));
  // When a part fails, the parts not yet started are dropped but the ones on the wire are let
  // finish: the engine then holds them whole, and the retry of the item sends only what is missing
  // (cutting them would leave partial parts that are resent from their start).
  // (p-queue's own `signal` would not do: it also gives up waiting for the running ones.)
  let stopped: { reason: unknown } | undefined;
  // Every queued part listens on the item's signal until it runs.
  setMaxListeners(0, ctx.signal);
  const sends: Promise<void>[] = [];
  for (let partNo = 1; partNo <= partCount; partNo++) {
    if (held.has(partNo)) continue;
    const start = (partNo - 1) * partSize;
    const end = Math.min(file.size, start + partSize);
    const resumeFrom = partial.get(partNo);
    sends.push(ctx.parts.add(async () => {
      if (stopped) throw stopped.reason;
      await sendPart(ctx, itemId, file.fileNo, { fileKey, uploadId, partNo, path, start, end, resumeFrom });
    }, { signal: ctx.signal }).catch((error: unknown) => {
      stopped ??= { reason: error };
      throw error;
    }));
  }
  const failure = (await Promise.allSettled(sends)).find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  const parts = ctx.journal.reader.parts(itemId, file.fileNo).map((p) => ({ PartNumber: p.partNo, ETag: p.etag }));
  const done = await ctx.assets.completeMultipartUpload(fileKey, uploadId, parts);
  if (file.sha256 && done.sha256 && done.sha256 !== file.sha256) {
    throw new FileChangedError(path, 'the bytes sent differ from the bytes hashed');
  }
  return done.uri;
}

/** The upload id recorded for this file, or a new one (recorded before any part is sent). */
async function resumableUpload(ctx: SendFileContext, itemId: number, fileKey: string, file: ItemFile, partSize: number): Promise<string> {
  if (file.uploadId) return file.uploadId;
  const uploadId = await ctx.assets.createMultipartUpload(fileKey);
  ctx.journal.writer.patchFile(itemId, file.fileNo, { uploadId, partSize });
  return uploadId;
}

/**
 * What the engine holds for the upload, reconciled into the journal: parts it acknowledged that
 * the journal missed are recorded, parts the journal has that the engine lost are forgotten.
 */
async function engineParts(ctx: SendFileContext, itemId: number, fileNo: number, uploadId: string): Promise<{ held: Set<number>; partial: Map<number, number> }> {
  let listed;
  try {
    listed = await ctx.assets.listUploadState(uploadId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    // The engine no longer knows this upload (its data was reset): start over with a new one.
    ctx.journal.writer.clearParts(itemId, fileNo);
    ctx.journal.writer.patchFile(itemId, fileNo, { uploadId: null });
    throw new UploadLostError(uploadId);
  }
  const keep = listed.parts.map((p) => p.PartNumber);
  ctx.journal.writer.clearParts(itemId, fileNo, keep);
  for (const p of listed.parts) ctx.journal.writer.recordPart(itemId, fileNo, p.PartNumber, p.Size, p.ETag);
  return { held: new Set(keep), partial: new Map(listed.partial.map((p) => [p.PartNumber, p.Size])) };
}

/** The engine lost an upload; the item is retried and starts a new one. */
export class UploadLostError extends Error {
  public constructor(uploadId: string) {
    super(`the engine no longer holds upload ${uploadId}; it will be sent again`);
    this.name = 'UploadLostError';
  }
}

async function sendPart(
  ctx: SendFileContext, itemId: number, fileNo: number,
  p: { fileKey: string; uploadId: string; partNo: number; path: string; start: number; end: number; resumeFrom: number | undefined },
): Promise<void> {
  const url = await ctx.assets.getPartUploadUrl(p.fileKey, p.partNo, p.uploadId);
  const watchdog = new StallWatchdog(ctx.settings.stallTimeoutMs, ctx.signal);
  try {
    const offset = p.resumeFrom ?? 0;
    const etag = await ctx.assets.uploadPart(url, p.path, p.start + offset, p.end, {
      signal: watchdog.signal,
      retries: 0,
      ...(p.resumeFrom !== undefined ? { resumeFrom: p.resumeFrom } : {}),
      // Bytes pass the shared bandwidth limit, then a meter that feeds the stall watchdog and the speed.
      wrap: (stream: Readable) => pipeline(stream, ctx.limiter.throttle(watchdog.signal), new Transform({
        transform: (chunk: Buffer, _enc, done) => {
          watchdog.progress();
          ctx.onBytes(itemId, chunk.length);
          done(null, chunk);
        },
      }), () => undefined),
    });
    ctx.journal.writer.recordPart(itemId, fileNo, p.partNo, p.end - p.start, etag);
  } finally {
    watchdog.dispose();
  }
}
