import type { FileKind } from '../../../shared/ingest/fileKinds';

export interface ProbedUnit {
  /** The probe's result (shared/ingest/probeSchemas.ts and bagProbeSchemas.ts). */
  probe: unknown;
  /** The unit's files: the file itself, or every file a ROS 2 bag folder lists (metadata.yaml first). */
  files: { relPath: string; size: number; mtimeMs: number }[];
  /** Capture time the probe found (EXIF, creation time, recording start), canonical ISO; null if none. */
  time: string | null;
}

/** Probes a unit of a known kind locally; throws ProbeError (with the parser's reason) when it cannot. */
export type UnitProbe = (kind: FileKind, path: string) => Promise<ProbedUnit>;
