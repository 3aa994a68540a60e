/** The engine's job kinds for annotation work (queue names, stored with each queued job). */
export const ANNOTATION_JOB_KINDS = {
  remove_sources: 'annotations.remove_sources',
  delete: 'annotations.delete',
  cleanup_masks: 'annotations.cleanup_masks',
  to_objects: 'annotations.to_objects',
  compress_masks: 'annotations.compress_masks',
} as const;
export type AnnotationJobKind = keyof typeof ANNOTATION_JOB_KINDS;
