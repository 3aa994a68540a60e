import type { JobKind } from '../jobs/JobService';
import type { EngineServices } from '../services/EngineServices';
import { deleteAnnotationsSchema } from './annotationRequestSchemas';
import { ItemReport } from './ItemReport';
import { removeInBatches } from './removeAnnotationDocs';
import { selectAnnotationIds } from './selectAnnotations';

/**
 * `delete_annotations` in one job: what the Python client does itself with `remove_with_list` and
 * a media cleanup, done on the server so that no media asset is left pointing at a deleted annotation.
 */
export function deleteAnnotationsJob(services: EngineServices): JobKind {
  return {
    jobType: 'media_removal',
    resumable: true,
    run: async (ctx) => {
      const p = deleteAnnotationsSchema.parse(ctx.payload);
      const report = new ItemReport(ctx);
      ctx.progress(0, 'finding annotations');
      const ids = selectAnnotationIds(services.meta, ctx.organizationId, p, [], 'none');
      const removed = await removeInBatches(services, ctx, report, ids);
      report.finish(`deleted ${removed} annotations`);
    },
  };
}
