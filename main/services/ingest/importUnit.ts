import { basename, dirname, join } from 'node:path';
import { ResponseError } from '../../../client/errors/ResponseError';
import { TransportError } from '../../../client/errors/TransportError';
import type { SceneEngineClient } from '../../../client/SceneEngineClient';
import type { FileKind } from '../../../shared/ingest/fileKinds';
import { cocoProbeSchema } from '../../../shared/ingest/probeSchemas';
import { standardizeName } from '../../../shared/scenebox/standardizeName';
import type { Source } from '../journal/journalTypes';
import type { UnitPlan } from './planUnit';
import type { RegistrationTargets } from './RegistrationTargets';

export interface ImportedUnit {
  setId: string | undefined;
  sessionUid: string | undefined;
  /** What landed, for the item's reason column. */
  note: string;
}

interface ImportContext {
  client: SceneEngineClient;
  targets: RegistrationTargets;
  path: string;
  probe: unknown;
  plan: UnitPlan;
  source: Source | undefined;
}

/** Anything but a lost connection or a server fault is the file's problem: retrying will not change it. */
function isInputError(error: unknown): boolean {
  if (error instanceof TransportError) return false;
  if (error instanceof ResponseError) return error.status < 500 && ![401, 408, 409, 429].includes(error.status);
  return error instanceof Error;
}

/**
 * The register stage of files that are imported into other assets rather than registered as their
 * own: a COCO file's images (found by the probe next to it) and annotations into the source's
 * images set, a CSV timeseries into the item's session (`addTimeseriesCsv`), an ego-pose file as
 * the session's ego pose. Annotation ids derive from the image ids, so a retried import overwrites
 * what an interrupted one wrote instead of doubling it. `permanent` wraps a refusal of the file.
 */
export async function importUnit(ctx: ImportContext, kind: FileKind, permanent: (message: string) => Error): Promise<ImportedUnit> {
  try {
    return await importByKind(ctx, kind, permanent);
  } catch (error) {
    if (isInputError(error)) {
      throw permanent(`${ctx.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    throw error;
  }
}

async function importByKind(ctx: ImportContext, kind: FileKind, permanent: (message: string) => Error): Promise<ImportedUnit> {
  const sessionUid = ctx.plan.sessionName ? await ctx.targets.sessionUid(ctx.plan.sessionName, 'generic') : undefined;
  if (kind === 'coco') {
    const probe = cocoProbeSchema.parse(ctx.probe);
    const missing = probe.problems.missingImageFiles;
    if (missing.count > 0) throw permanent(`${missing.count} image file(s) of the COCO file not found next to it (e.g. ${missing.fileNames.slice(0, 3).join(', ')})`);
    if (probe.imageRoots.length > 1) throw permanent(`the COCO file's images are in several folders (${probe.imageRoots.join(', ')}); import it with addCocoAnnotationsFromFolder`);
    const setName = ctx.source?.setName ? `${ctx.source.setName}_images` : `${basename(dirname(ctx.path))}_images`;
    const setId = await ctx.targets.setId(setName, 'images');
    const root = probe.imageRoots[0];
    const result = await ctx.client.addCocoAnnotationsFromFolder({
      filePath: ctx.path, provider: standardizeName(`coco_${basename(ctx.path).replace(/\.json$/i, '')}`), imagesSetId: setId,
      ...(root !== undefined ? { folderPath: join(dirname(ctx.path), root) } : {}),
      useImageIdAsAnnotationId: true, ...(sessionUid ? { sessionUid } : {}),
    });
    return { setId, sessionUid, note: `imported ${result.imageIds.length} images and ${result.annotations} annotations` };
  }
  if (!sessionUid) throw permanent(`a ${kind} file is imported into a session, and this source makes none`);
  if (kind === 'csv') {
    const jobId = await ctx.client.addTimeseriesCsv(sessionUid, ctx.path);
    return { setId: undefined, sessionUid, note: `imported as timeseries; session resolving (job ${jobId})` };
  }
  if (kind === 'ego_pose') {
    await ctx.client.addEgoPose(sessionUid, { path: ctx.path, title: basename(ctx.path) });
    return { setId: undefined, sessionUid, note: 'imported as the session\'s ego pose' };
  }
  throw permanent(`${kind} files are registered, not imported`);
}
