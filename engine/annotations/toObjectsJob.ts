import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isAssetType, type AssetType } from '../../shared/scenebox/constants';
import type { JobContext, JobKind } from '../jobs/JobService';
import { isPlainObject, type Doc } from '../meta/mergeDocuments';
import type { EngineServices } from '../services/EngineServices';
import { OBJECT_SOURCE_TYPES, toObjectsSchema, type ToObjectsRequest } from './annotationRequestSchemas';
import { cropFormatOf, cropImages } from './cropImage';
import { entityBox } from './entityBox';
import { ItemReport } from './ItemReport';
import { objectCropBox, type CropBox, type Margin } from './objectCropBox';
import { objectDocument } from './objectDocument';
import { filterOf } from './scanIds';
import { annotationDocs, selectAnnotationIds } from './selectAnnotations';
import { deleteObjectOf, readObjectToFile, storeObjectBytes } from './storedObjects';
import { textOf } from './textOf';

const OBJECTS: AssetType = 'objects';

interface Run {
  services: EngineServices;
  ctx: JobContext;
  request: ToObjectsRequest;
  report: ItemReport;
  margin: Margin;
  workDir: string;
}

/** Groups annotations by the media asset they annotate. */
function byMedia(docs: readonly Doc[]): Map<string, Doc[]> {
  const groups = new Map<string, Doc[]>();
  for (const doc of docs) {
    const key = JSON.stringify([textOf(doc.media_type, 'images'), textOf(doc.asset_id)]);
    groups.set(key, [...(groups.get(key) ?? []), doc]);
  }
  return groups;
}

/** Objects of one media asset: its image is read once, each entity becomes an object (and a crop). */
async function objectsOfMedia(run: Run, mediaType: string, assetId: string, annotations: readonly Doc[]): Promise<void> {
  const { services, ctx, request, report } = run;
  const org = ctx.organizationId;
  const what = `${mediaType} ${assetId}`;
  const media = isAssetType(mediaType) ? services.meta.get({ organizationId: org, assetType: mediaType }, assetId) : undefined;
  const width = Number(media?.width);
  const height = Number(media?.height);
  if (!media) return report.fail(what, 'the annotated media asset does not exist');
  if (!(width > 0 && height > 0)) return report.fail(what, 'the media asset has no width and height to clip crops to');
  let source: string | undefined;
  if (request.create_objects) {
    if (mediaType !== 'images') return report.fail(what, 'crops can be cut from images only');
    source = join(run.workDir, 'source');
    try {
      await readObjectToFile(services.storage, org, media.object_access, source);
    } catch (error) {
      return report.fail(what, error);
    }
  }
  const items: { item: string; doc: Doc }[] = [];
  for (const annotation of annotations) {
    const entities = Array.isArray(annotation.annotation_entities) ? annotation.annotation_entities.filter(isPlainObject) : [];
    for (const entity of entities) {
      const item = `entity ${textOf(entity.uid)} of annotation ${textOf(annotation.id)}`;
      const box = entityBox(entity);
      const crop = box && objectCropBox(box, run.margin, width, height);
      if (!box || !crop) report.skip(item, box ? 'its box lies outside the image' : 'it has no coordinates');
      else items.push({ item, doc: objectDocument({ media, mediaType, annotation, entity, box, crop, margin: run.margin, outputSetId: request.output_set_id, sessionUid: request.session_uid }) });
    }
  }
  const format = cropFormatOf(media.format);
  const crops = source
    ? await cropImages(source, items.map(({ doc }) => ({ name: textOf(doc.id), crop: cropOf(doc) })), format.ext, run.workDir, ctx.signal)
    : undefined;
  for (const { item, doc } of items) {
    ctx.signal.throwIfAborted();
    const id = textOf(doc.id);
    let stored: unknown;
    try {
      const bytes = crops?.get(id);
      if (bytes instanceof Error) throw bytes;
      if (bytes) {
        stored = await storeObjectBytes(services.storage, org, `objects/${id}.${format.ext}`, bytes, format.contentType);
        Object.assign(doc, { format: format.ext, object_access: stored });
      }
      services.meta.write({ organizationId: org, assetType: OBJECTS }, [{ id, doc }], { replace: true, replaceSets: false });
      report.ok();
    } catch (error) {
      // A crop whose metadata could not be written would be a file nobody finds.
      if (stored) await deleteObjectOf(services.storage, org, stored).catch(() => undefined);
      report.fail(item, error);
    }
  }
}

/** The crop an object document records, back in the form ffmpeg takes. */
function cropOf(doc: Doc): CropBox {
  const c = doc.crop_box as { x_min: number; y_min: number; width: number; height: number };
  return { x: c.x_min, y: c.y_min, width: c.width, height: c.height };
}

/**
 * `annotations_to_objects`: an `objects` asset per box, polygon or pose entity (its crop box is
 * the entity's box plus the margin, clipped to the image), added to `output_set_id`; with
 * `create_objects`, also the crop image itself, cut with ffmpeg and stored as the object's file.
 */
export function toObjectsJob(services: EngineServices): JobKind {
  return {
    jobType: 'annotations_to_objects',
    resumable: true,
    run: async (ctx) => {
      const request = toObjectsSchema.parse(ctx.payload);
      const report = new ItemReport(ctx);
      if (request.add_to_session) {
        ctx.note('add_to_session: not done; this engine does not add object entities to sessions yet (the objects carry session_uid)');
      }
      const types = request.source_annotation_type ? [request.source_annotation_type] : [...OBJECT_SOURCE_TYPES];
      const ids = selectAnnotationIds(services.meta, ctx.organizationId, request, [filterOf('annotation_type', types)], 'all');
      const workDir = join(services.dataDir, 'tmp', `annotations-to-objects-${ctx.jobId}`);
      mkdirSync(workDir, { recursive: true });
      const run: Run = { services, ctx, request, report, workDir, margin: { ratio: request.margin_ratio ?? 0.1, pixels: request.margin_pixels ?? null } };
      try {
        let done = 0;
        for (const batch of annotationDocs(services.meta, ctx.organizationId, ids)) {
          for (const [key, annotations] of byMedia(batch)) {
            const [mediaType, assetId] = JSON.parse(key) as [string, string];
            await objectsOfMedia(run, mediaType, assetId, annotations);
            done += annotations.length;
            ctx.progress((done / ids.length) * 100, 'extracting objects');
          }
        }
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
      report.finish(`made ${report.counts().done} objects from ${ids.length} annotations${request.output_set_id ? ` into set ${request.output_set_id}` : ''}`);
    },
  };
}
