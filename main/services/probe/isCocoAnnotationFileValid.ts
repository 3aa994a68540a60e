import { isCocoAnnotationDocumentValid } from '../../../shared/formats/coco/isCocoAnnotationDocumentValid';
import { readJsonFile } from './readJsonFile';

/**
 * The SceneBox client's `is_coco_annotation_file_valid(file_path)`: true for a `.json` file whose
 * keys are only images/categories/annotations, each a list. Unreadable or non-JSON files are
 * simply invalid, as in the Python client; `probeCoco` says why in detail.
 */
export async function isCocoAnnotationFileValid(filePath: string): Promise<boolean> {
  if (!filePath.toLowerCase().endsWith('.json')) return false;
  try {
    return isCocoAnnotationDocumentValid(await readJsonFile(filePath));
  } catch {
    return false;
  }
}
