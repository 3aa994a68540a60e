import { readFile } from 'node:fs/promises';
import { isCocoAnnotationDocumentValid } from '../../shared/formats/coco/isCocoAnnotationDocumentValid';

/**
 * The SceneBox client's `is_coco_annotation_file_valid(file_path)`: true for a `.json` file whose
 * keys are only images/categories/annotations, each a list. Unreadable or non-JSON files are
 * simply invalid, as in the Python client (the ingest probe says why in detail).
 */
export async function isCocoAnnotationFileValid(filePath: string): Promise<boolean> {
  if (!filePath.toLowerCase().endsWith('.json')) return false;
  try {
    return isCocoAnnotationDocumentValid(JSON.parse((await readFile(filePath, 'utf8')).replace(/^\uFEFF/, '')) as unknown);
  } catch {
    return false;
  }
}
