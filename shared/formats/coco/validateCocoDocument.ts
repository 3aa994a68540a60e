import { isCocoAnnotationDocumentValid } from './isCocoAnnotationDocumentValid';
import { parseCocoDocument } from './parseCocoDocument';
import { summarizeCoco, type CocoSummary } from './summarizeCoco';

export interface CocoValidation {
  /** A COCO document with no invalid entry, no dangling annotation and no undeclared category. */
  valid: boolean;
  /** SceneBox's stricter key rule (see isCocoAnnotationDocumentValid). */
  sceneBoxValid: boolean;
  /** Readable reasons, empty when valid. */
  errors: string[];
  summary: CocoSummary | undefined;
}

/** Everything that can be checked without the file system (image files are checked by the probe). */
export function validateCocoDocument(json: unknown): CocoValidation {
  const sceneBoxValid = isCocoAnnotationDocumentValid(json);
  let summary: CocoSummary;
  try {
    summary = summarizeCoco(parseCocoDocument(json));
  } catch (error) {
    return { valid: false, sceneBoxValid, errors: [error instanceof Error ? error.message : String(error)], summary: undefined };
  }
  const errors: string[] = [];
  const { invalidEntries, danglingAnnotations, undeclaredCategoryIds, duplicateImageIds } = summary;
  for (const entry of invalidEntries.examples) errors.push(`${entry.path}: ${entry.reason}`);
  if (invalidEntries.count > invalidEntries.examples.length) errors.push(`... and ${invalidEntries.count - invalidEntries.examples.length} more invalid entries`);
  if (danglingAnnotations.count > 0) {
    errors.push(`${danglingAnnotations.count} annotation(s) refer to an image id that is not in images (e.g. annotation ${danglingAnnotations.annotationIds.map(String).slice(0, 5).join(', ')})`);
  }
  if (undeclaredCategoryIds.length > 0) errors.push(`category id(s) used but not declared: ${undeclaredCategoryIds.map(String).join(', ')}`);
  if (duplicateImageIds.length > 0) errors.push(`image id(s) used twice: ${duplicateImageIds.map(String).join(', ')}`);
  return { valid: errors.length === 0, sceneBoxValid, errors, summary };
}
