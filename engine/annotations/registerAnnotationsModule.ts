import type { EngineModule } from '../modules/engineModules';
import { ANNOTATION_JOB_KINDS } from './annotationJobKinds';
import { registerAnnotationRoutes } from './annotationRoutes';
import { registerAnnotationWriteChecks } from './annotationWriteChecks';
import { cleanupMasksJob } from './cleanupMasksJob';
import { compressMasksJob } from './compressMasksJob';
import { deleteAnnotationsJob } from './deleteAnnotationsJob';
import { removeSourcesJob } from './removeSourcesJob';
import { toObjectsJob } from './toObjectsJob';

/**
 * Annotations: sources and labels of media assets, removing and deleting annotations with their
 * media references, mask cleanup and thumbnails, and objects cut from annotations. Annotations
 * are `annotations` assets; media assets point at them with `annotations` / `annotations_meta`.
 */
export const registerAnnotationsModule: EngineModule = (app, services) => {
  services.jobs.register(ANNOTATION_JOB_KINDS.remove_sources, removeSourcesJob(services));
  services.jobs.register(ANNOTATION_JOB_KINDS.delete, deleteAnnotationsJob(services));
  services.jobs.register(ANNOTATION_JOB_KINDS.cleanup_masks, cleanupMasksJob(services));
  services.jobs.register(ANNOTATION_JOB_KINDS.to_objects, toObjectsJob(services));
  services.jobs.register(ANNOTATION_JOB_KINDS.compress_masks, compressMasksJob(services));
  registerAnnotationWriteChecks(app);
  registerAnnotationRoutes(app, services);
};
