import { isCocoAnnotationDocumentValid } from '../../../shared/formats/coco/isCocoAnnotationDocumentValid';
import { parseCocoDocument } from '../../../shared/formats/coco/parseCocoDocument';
import { COCO_EXAMPLE_LIMIT, summarizeCoco } from '../../../shared/formats/coco/summarizeCoco';
import { cocoProbeSchema, type CocoProbe } from '../../../shared/ingest/probeSchemas';
import { findCocoImages } from './findCocoImages';
import { ProbeError } from './ProbeError';
import { readJsonFile } from './readJsonFile';

/** Counts, annotation kinds and cross-reference problems of a COCO JSON, and which images exist on disk. */
export async function probeCoco(filePath: string): Promise<CocoProbe> {
  const json = await readJsonFile(filePath);
  let summary;
  let doc;
  try {
    doc = parseCocoDocument(json);
    summary = summarizeCoco(doc);
  } catch (error) {
    throw ProbeError.wrap(filePath, error);
  }
  const lookup = await findCocoImages(filePath, doc.images.map((i) => i.file_name));
  return cocoProbeSchema.parse({
    kind: 'coco',
    counts: summary.counts,
    annotationKinds: summary.annotationKinds,
    categoryNames: summary.categoryNames,
    hasInfo: doc.hasInfo,
    hasLicenses: doc.hasLicenses,
    sceneBoxValid: isCocoAnnotationDocumentValid(json),
    imageRoots: lookup.roots,
    imagesFound: lookup.found,
    problems: {
      danglingAnnotations: summary.danglingAnnotations,
      undeclaredCategoryIds: summary.undeclaredCategoryIds,
      duplicateImageIds: summary.duplicateImageIds,
      missingImageFiles: { count: lookup.missing.length, fileNames: lookup.missing.slice(0, COCO_EXAMPLE_LIMIT) },
      invalidEntries: summary.invalidEntries,
    },
  });
}
