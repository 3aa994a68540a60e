/** SceneBox's COCOAnnotations.KEYS. */
export const COCO_ANNOTATION_KEYS: readonly string[] = ['images', 'categories', 'annotations'];

/**
 * SceneBox's own rule (`SceneEngineClient.is_coco_annotation_file_valid`): a JSON object whose keys
 * are all among images/categories/annotations and whose values are all lists. It is stricter than
 * COCO itself: a file with `info` or `licenses` fails it, and the client refuses to ingest it.
 */
export function isCocoAnnotationDocumentValid(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  return Object.entries(json).every(([key, value]) => COCO_ANNOTATION_KEYS.includes(key) && Array.isArray(value));
}
