import { ANNOTATION_TAGS } from '../../shared/annotations/annotationConstants';
import type { JobKind } from '../jobs/JobService';
import { isPlainObject, type Doc } from '../meta/mergeDocuments';
import type { EngineServices } from '../services/EngineServices';
import { cleanupMasksSchema } from './annotationRequestSchemas';
import { ANNOTATIONS } from './annotationsOfMedia';
import { ItemReport } from './ItemReport';
import { annotationDocs, selectAnnotationIds } from './selectAnnotations';
import { deleteObjectOf } from './storedObjects';

/** Mask ids the entities of an annotation use. */
function usedMasks(doc: Doc): Set<string> {
  const entities = Array.isArray(doc.annotation_entities) ? (doc.annotation_entities as unknown[]) : [];
  return new Set(entities.map((e) => (isPlainObject(e) && typeof e.mask_id === 'string' ? e.mask_id : undefined)).filter((id): id is string => id !== undefined));
}

/**
 * `cleanup_annotation_masks`: drops from each annotation's `masks` the masks none of its entities
 * uses, deletes their files when no other annotation refers to them, and tags the annotation
 * `cleaned`. Annotations tagged already are skipped unless `force_reclean`.
 */
export function cleanupMasksJob(services: EngineServices): JobKind {
  return {
    jobType: 'annotation_process',
    resumable: true,
    run: async (ctx) => {
      const p = cleanupMasksSchema.parse(ctx.payload);
      const { meta, storage } = services;
      const scope = { organizationId: ctx.organizationId, assetType: ANNOTATIONS };
      const report = new ItemReport(ctx);
      // Without ids or a search, every annotation that has masks.
      const selection = p.ids?.length || p.search ? p : { search: { exists_filters: [{ field: 'masks' }] } };
      const ids = selectAnnotationIds(meta, ctx.organizationId, selection, [], 'none');
      let deletedFiles = 0;
      let done = 0;
      for (const batch of annotationDocs(meta, ctx.organizationId, ids)) {
        for (const doc of batch) {
          ctx.signal.throwIfAborted();
          const id = String(doc.id);
          const tags = Array.isArray(doc.tags) ? doc.tags.map(String) : [];
          if (tags.includes(ANNOTATION_TAGS.CLEANED) && !p.force_reclean) {
            report.skip(`annotation ${id}`, 'tagged cleaned already (force_reclean is false)');
            continue;
          }
          const masks = isPlainObject(doc.masks) ? doc.masks : {};
          const used = usedMasks(doc);
          const orphans = Object.entries(masks).filter(([maskId]) => !used.has(maskId));
          try {
            const kept = Object.fromEntries(Object.entries(masks).filter(([maskId]) => used.has(maskId)));
            meta.write(scope, [{ id, doc: { ...doc, masks: kept, tags: [...new Set([...tags, ANNOTATION_TAGS.CLEANED])] } }], { replace: true, replaceSets: true });
            report.ok();
          } catch (error) {
            report.fail(`annotation ${id}`, error);
            continue;
          }
          for (const [maskId, access] of orphans) {
            if (meta.count(scope, { exists_filters: [{ field: `masks.${maskId}` }] }) > 0) continue;
            try {
              if (await deleteObjectOf(storage, ctx.organizationId, access)) deletedFiles += 1;
            } catch (error) {
              report.fail(`mask ${maskId} of annotation ${id}`, error);
            }
          }
          done += 1;
          ctx.progress((done / ids.length) * 100, 'cleaning masks');
        }
      }
      report.finish(`cleaned ${report.counts().done} annotations, deleted ${deletedFiles} unused mask files`);
    },
  };
}
