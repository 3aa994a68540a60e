import { z } from 'zod';
import { ITEM_STATES } from '../ingest/itemStates';

// What the UI shows. Built by the ingest service from the journal, sent over IPC (Electron) or a
// WebSocket (the agent), and validated on arrival in the renderer with these schemas.

const phaseCount = z.object({ files: z.number().int().nonnegative(), bytes: z.number().nonnegative() });

export const overviewSchema = z.object({
  waiting: phaseCount,
  moving: phaseCount,
  done: phaseCount,
  failed: phaseCount,
  byState: z.record(z.enum(ITEM_STATES), z.object({ count: z.number().int(), bytes: z.number() })),
  /** Bytes per second acknowledged by the engine over the last few seconds. */
  throughputBps: z.number().nonnegative(),
  /** Seconds until the bytes waiting and moving are sent at the current throughput; null when idle or unknown. */
  etaSeconds: z.number().nonnegative().nullable(),
  engine: z.object({ online: z.boolean(), url: z.string(), mode: z.enum(['embedded', 'remote']) }),
  paused: z.boolean(),
});
export type Overview = z.infer<typeof overviewSchema>;

export const itemViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  path: z.string(),
  kind: z.string().nullable(),
  state: z.enum(ITEM_STATES),
  size: z.number().nonnegative(),
  bytesDone: z.number().nonnegative(),
  /** 0..1 over the bytes to send; 1 once uploaded. */
  progress: z.number().min(0).max(1),
  /** Current upload speed of this item, bytes per second (0 when not sending). */
  speedBps: z.number().nonnegative(),
  /** Why it failed, was rejected or skipped, or is waiting (human words). */
  reason: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  nextRetryAt: z.number().nullable(),
  paused: z.boolean(),
  assetType: z.string().nullable(),
  assetId: z.string().nullable(),
  sessionUid: z.string().nullable(),
  jobId: z.string().nullable(),
  updatedAt: z.string(),
});
export type ItemView = z.infer<typeof itemViewSchema>;

export const itemFileViewSchema = z.object({
  relPath: z.string(),
  size: z.number(),
  sha256: z.string().nullable(),
  bytesDone: z.number(),
  objectUri: z.string().nullable(),
});

export const itemDetailSchema = itemViewSchema.extend({
  files: z.array(itemFileViewSchema),
  /** The local probe's result (shared/ingest/probeSchemas.ts), as stored in the journal. */
  probe: z.unknown(),
  sourceId: z.number().int().nullable(),
});
export type ItemDetail = z.infer<typeof itemDetailSchema>;

export const sourceDefaultsSchema = z.object({
  /** Sets are per asset type: files land in `<setName>_<asset type>`, created when missing. */
  setName: z.string().min(1).max(200).nullable(),
  sessionMode: z.enum(['per_recording', 'named', 'none']),
  sessionName: z.string().min(1).max(200).nullable(),
  /** A regular expression over the folder path; its first group (or whole match) names the sensor. */
  sensorRule: z.string().max(500).nullable().refine((rule) => rule === null || isValidRegExp(rule), 'sensorRule is not a valid regular expression'),
  sensor: z.string().max(200).nullable(),
  indexBags: z.boolean(),
});
export type SourceDefaults = z.infer<typeof sourceDefaultsSchema>;

export const sourceViewSchema = sourceDefaultsSchema.extend({
  id: z.number().int(),
  kind: z.enum(['watch', 'drop']),
  path: z.string(),
  createdAt: z.string(),
  /** Units seen under a watched folder that are not complete yet, with why. */
  waiting: z.array(z.object({ path: z.string(), reason: z.string() })),
});
export type SourceView = z.infer<typeof sourceViewSchema>;

export const jobViewSchema = z.object({
  jobId: z.string(),
  itemId: z.number().int().nullable(),
  itemName: z.string().nullable(),
  status: z.enum(['queued', 'running', 'finished', 'aborted']),
  progress: z.number().min(0).max(100),
  stage: z.string().nullable(),
  notes: z.array(z.string()),
  sessionUid: z.string().nullable(),
  setIds: z.array(z.string()),
  updatedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof jobViewSchema>;

export const THEMES = ['system', 'light', 'dark'] as const;

export const settingsViewSchema = z.object({
  engineMode: z.enum(['embedded', 'remote']),
  engineUrl: z.string().nullable(),
  /** The token itself never travels to the UI; only whether one is stored. */
  hasToken: z.boolean(),
  concurrency: z.number().int(),
  partSize: z.number().int(),
  multipartThreshold: z.number().int(),
  bandwidthLimit: z.number().int(),
  theme: z.enum(THEMES),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const previewSchema = z.object({
  itemId: z.number().int(),
  kind: z.string().nullable(),
  name: z.string(),
  probe: z.unknown(),
  /**
   * Non-null when the item is one local file whose bytes the UI may read for a preview (null for
   * folders). The UI does not use this string as a URL: each transport maps the item id to its own
   * media address with range support (`scenedock-media://item/<id>` in Electron, `/media/<id>` on
   * the agent), because only the transport knows its origin and credentials.
   */
  mediaUrl: z.string().nullable(),
});
export type Preview = z.infer<typeof previewSchema>;

function isValidRegExp(rule: string): boolean {
  try {
    new RegExp(rule);
    return true;
  } catch {
    return false;
  }
}
