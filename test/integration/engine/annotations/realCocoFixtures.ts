import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const cocoSchema = z.looseObject({
  images: z.array(z.looseObject({ id: z.number(), file_name: z.string(), width: z.number().int(), height: z.number().int() })),
  annotations: z.array(z.looseObject({ image_id: z.number(), category_id: z.number(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]) })),
  categories: z.array(z.looseObject({ id: z.number(), name: z.string() })),
});

export interface CocoImage {
  /** The image file, next to its annotation file as the fixtures lay them out. */
  file: string;
  fileName: string;
  width: number;
  height: number;
  boxes: { label: string; categoryId: number; xMin: number; yMin: number; xMax: number; yMax: number }[];
}

/** Reads a COCO annotation file of the real fixtures; `imagesDir` is where its `file_name`s are relative to. */
export function readCoco(jsonFile: string, imagesDir: string): CocoImage[] {
  const coco = cocoSchema.parse(JSON.parse(readFileSync(jsonFile, 'utf8')));
  const names = new Map(coco.categories.map((c) => [c.id, c.name]));
  return coco.images.map((image) => ({
    file: join(imagesDir, image.file_name),
    fileName: image.file_name.split('/').pop() ?? image.file_name,
    width: image.width,
    height: image.height,
    boxes: coco.annotations.filter((a) => a.image_id === image.id).map((a) => {
      const [x, y, w, h] = a.bbox;
      return { label: names.get(a.category_id) ?? String(a.category_id), categoryId: a.category_id, xMin: x, yMin: y, xMax: x + w, yMax: y + h };
    }),
  }));
}

/** The KITTI and COCO-panoptic fixtures (see SOURCES.md), or undefined when a file is missing. */
export function realCocoFixtures(root: string | undefined): { kitti: CocoImage[]; panoptic: CocoImage[] } | undefined {
  if (!root) return undefined;
  const kittiJson = join(root, 'coco', 'mmdetection3d', 'kitti', 'kitti_infos_mono3d.coco.json');
  const panopticJson = join(root, 'coco', 'panopticapi', 'sample_data', 'panoptic_coco_detection_format.json');
  if (!existsSync(kittiJson) || !existsSync(panopticJson)) return undefined;
  const kitti = readCoco(kittiJson, join(root, 'coco', 'mmdetection3d', 'kitti'));
  const panoptic = readCoco(panopticJson, join(root, 'coco', 'panopticapi', 'sample_data', 'input_images'));
  return [...kitti, ...panoptic].every((i) => existsSync(i.file)) ? { kitti, panoptic } : undefined;
}
