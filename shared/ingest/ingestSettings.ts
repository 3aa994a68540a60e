import { z } from 'zod';

const MiB = 1024 * 1024;

/** What a person can tune about uploads (Settings screen, `scenedock agent` flags). */
export const ingestSettingsSchema = z.object({
  /** Files, and parts of large files, in flight at once. */
  concurrency: z.number().int().min(1).max(32).default(4),
  /** Multipart part size; also the unit of resume. */
  partSize: z.number().int().min(5 * MiB).max(1024 * MiB).default(16 * MiB),
  /** Files at least this large are sent multipart (resumable); smaller ones in one form post. */
  multipartThreshold: z.number().int().min(1).max(5 * 1024 * MiB).default(16 * MiB),
  /** Bytes per second over all uploads; 0 is unlimited. */
  bandwidthLimit: z.number().int().min(0).default(0),
  /** A request that gets no byte acknowledged for this long is aborted and retried. */
  stallTimeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  /** Failures of one item before it waits for a person (retries back off exponentially). */
  maxAttempts: z.number().int().min(1).max(100).default(8),
});
export type IngestSettings = z.infer<typeof ingestSettingsSchema>;

export const DEFAULT_INGEST_SETTINGS: IngestSettings = ingestSettingsSchema.parse({});
