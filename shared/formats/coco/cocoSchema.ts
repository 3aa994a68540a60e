import { z } from 'zod';

// COCO as tools actually write it: ids may be integers or strings, `info`/`licenses` are optional
// (mmdetection3d leaves them out), extra keys are kept (datumaro's `attributes`, KITTI camera
// matrices), and result-style files have annotations without ids or categories (captions).

export const cocoIdSchema = z.union([z.number(), z.string()]);
export type CocoId = z.infer<typeof cocoIdSchema>;

export const cocoPolygonsSchema = z.array(z.array(z.number()));

/** Uncompressed RLE has `counts` as a list of run lengths; compressed RLE as a string (pycocotools). */
export const cocoRleSchema = z.looseObject({
  counts: z.union([z.array(z.number().int().nonnegative()), z.string()]),
  size: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
});

export const cocoImageSchema = z.looseObject({
  id: cocoIdSchema,
  file_name: z.string().min(1),
  width: z.number().nonnegative().optional(),
  height: z.number().nonnegative().optional(),
});
export type CocoImage = z.infer<typeof cocoImageSchema>;

export const cocoAnnotationSchema = z.looseObject({
  id: cocoIdSchema.optional(),
  image_id: cocoIdSchema,
  category_id: cocoIdSchema.optional(),
  bbox: z.array(z.number()).nullish(),
  segmentation: z.union([cocoPolygonsSchema, cocoRleSchema]).nullish(),
  area: z.number().optional(),
  iscrowd: z.union([z.number(), z.boolean()]).optional(),
  keypoints: z.array(z.number()).nullish(),
  num_keypoints: z.number().optional(),
});
export type CocoAnnotation = z.infer<typeof cocoAnnotationSchema>;

export const cocoCategorySchema = z.looseObject({
  id: cocoIdSchema,
  name: z.string(),
  supercategory: z.string().optional(),
  keypoints: z.array(z.string()).optional(),
  skeleton: z.array(z.array(z.number())).optional(),
});
export type CocoCategory = z.infer<typeof cocoCategorySchema>;

/** The top level only; entries are checked one by one so that one bad entry does not hide the rest. */
export const cocoTopLevelSchema = z.looseObject({
  images: z.array(z.unknown()),
  annotations: z.array(z.unknown()).optional(),
  categories: z.array(z.unknown()).optional(),
  info: z.unknown().optional(),
  licenses: z.unknown().optional(),
});
