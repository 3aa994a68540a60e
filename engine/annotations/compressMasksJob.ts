import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectAccessDoc } from '../../shared/annotations/annotationDocuments';
import type { JobKind } from '../jobs/JobService';
import { isPlainObject } from '../meta/mergeDocuments';
import type { EngineServices } from '../services/EngineServices';
import { compressMasksSchema } from './annotationRequestSchemas';
import { ANNOTATIONS } from './annotationsOfMedia';
import { ItemReport } from './ItemReport';
import { maskThumbnail } from './maskThumbnail';
import { filterOf } from './scanIds';
import { annotationDocs, selectAnnotationIds } from './selectAnnotations';
import { deleteObjectOf, readObjectToFile, storeObjectBytes } from './storedObjects';

/**
 * `compress_masks_batch`: a PNG thumbnail of every mask of the selected segmentation annotations,
 * stored as an object and recorded as `masks_thumbnails.<tag>.<mask_id>`. An annotation gets all
 * its thumbnails or none: when one mask fails, the ones already stored for it are removed.
 */
export function compressMasksJob(services: EngineServices): JobKind {
  return {
    jobType: 'image_compression',
    resumable: true,
    run: async (ctx) => {
      const p = compressMasksSchema.parse(ctx.payload);
      const org = ctx.organizationId;
      const report = new ItemReport(ctx);
      const ids = selectAnnotationIds(services.meta, org, p, [filterOf('annotation_type', ['segmentation'])], 'all');
      const workDir = join(services.dataDir, 'tmp', `compress-masks-${ctx.jobId}`);
      mkdirSync(workDir, { recursive: true });
      let done = 0;
      try {
        for (const batch of annotationDocs(services.meta, org, ids)) {
          for (const doc of batch) {
            ctx.signal.throwIfAborted();
            const id = String(doc.id);
            const masks = Object.entries(isPlainObject(doc.masks) ? doc.masks : {}).filter(([, access]) => access);
            if (masks.length === 0) {
              report.skip(`annotation ${id}`, 'it has no stored masks');
              continue;
            }
            const made: Record<string, ObjectAccessDoc> = {};
            try {
              for (const [maskId, access] of masks) {
                const source = join(workDir, 'mask');
                await readObjectToFile(services.storage, org, access, source);
                const png = await maskThumbnail(source, p.thumbnail_tag, workDir, 'thumbnail', ctx.signal);
                made[maskId] = await storeObjectBytes(services.storage, org, `masks_thumbnails/${p.thumbnail_tag}/${id}/${maskId}.png`, png, 'image/png');
              }
              services.meta.write({ organizationId: org, assetType: ANNOTATIONS }, [{ id, doc: { masks_thumbnails: { [p.thumbnail_tag]: made } } }], { replace: false, replaceSets: false });
              report.ok();
            } catch (error) {
              for (const access of Object.values(made)) await deleteObjectOf(services.storage, org, access).catch(() => undefined);
              report.fail(`annotation ${id}`, error);
            }
            done += 1;
            ctx.progress((done / ids.length) * 100, 'making mask thumbnails');
          }
        }
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
      report.finish(`made ${p.thumbnail_tag} mask thumbnails for ${report.counts().done} annotations`);
    },
  };
}
