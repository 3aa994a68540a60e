import type { CocoAnnotation, CocoId } from './cocoSchema';
import type { InvalidCocoEntry, ParsedCoco } from './parseCocoDocument';

/** Lists in a summary are examples; the counts beside them are exact. */
export const COCO_EXAMPLE_LIMIT = 20;

export interface CocoAnnotationKinds {
  bbox: number;
  polygon: number;
  rleCompressed: number;
  rleUncompressed: number;
  keypoints: number;
  crowd: number;
  noSegmentation: number;
}

export interface CocoSummary {
  counts: { images: number; annotations: number; categories: number };
  annotationKinds: CocoAnnotationKinds;
  categoryNames: string[];
  danglingAnnotations: { count: number; annotationIds: CocoId[] };
  undeclaredCategoryIds: CocoId[];
  duplicateImageIds: CocoId[];
  invalidEntries: { count: number; examples: InvalidCocoEntry[] };
}

/** Counts and cross-reference checks over a parsed document; pure, so the client can run it too. */
export function summarizeCoco(doc: ParsedCoco): CocoSummary {
  const imageIds = new Set<string>();
  const duplicateImageIds = new Map<string, CocoId>();
  for (const image of doc.images) {
    const key = idKey(image.id);
    if (imageIds.has(key)) duplicateImageIds.set(key, image.id);
    imageIds.add(key);
  }
  const categoryIds = new Set(doc.categories.map((c) => idKey(c.id)));
  const kinds: CocoAnnotationKinds = { bbox: 0, polygon: 0, rleCompressed: 0, rleUncompressed: 0, keypoints: 0, crowd: 0, noSegmentation: 0 };
  const dangling: CocoId[] = [];
  let danglingCount = 0;
  const undeclared = new Map<string, CocoId>();
  doc.annotations.forEach((annotation, index) => {
    countKinds(annotation, kinds);
    if (!imageIds.has(idKey(annotation.image_id))) {
      danglingCount++;
      if (dangling.length < COCO_EXAMPLE_LIMIT) dangling.push(annotation.id ?? index);
    }
    const category = annotation.category_id;
    // Files without a categories list (captions, image-info files) declare nothing to check against.
    if (doc.hasCategoriesKey && category !== undefined && !categoryIds.has(idKey(category))) undeclared.set(idKey(category), category);
  });
  return {
    counts: { images: doc.images.length, annotations: doc.annotations.length, categories: doc.categories.length },
    annotationKinds: kinds,
    categoryNames: doc.categories.map((c) => c.name),
    danglingAnnotations: { count: danglingCount, annotationIds: dangling },
    undeclaredCategoryIds: [...undeclared.values()],
    duplicateImageIds: [...duplicateImageIds.values()],
    invalidEntries: { count: doc.invalid.length, examples: doc.invalid.slice(0, COCO_EXAMPLE_LIMIT) },
  };
}

function countKinds(annotation: CocoAnnotation, kinds: CocoAnnotationKinds): void {
  if (annotation.bbox?.length === 4) kinds.bbox++;
  const seg = annotation.segmentation;
  if (Array.isArray(seg) && seg.length > 0) kinds.polygon++;
  else if (seg && !Array.isArray(seg)) {
    if (typeof seg.counts === 'string') kinds.rleCompressed++;
    else kinds.rleUncompressed++;
  } else kinds.noSegmentation++;
  if (annotation.keypoints && annotation.keypoints.length > 0) kinds.keypoints++;
  if (annotation.iscrowd === 1 || annotation.iscrowd === true) kinds.crowd++;
}

/** 5 and "5" are different ids in JSON, and COCO tools compare them as such. */
function idKey(id: CocoId): string {
  return `${typeof id}:${id}`;
}
