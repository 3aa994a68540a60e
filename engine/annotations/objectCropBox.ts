import type { Box } from './entityBox';

/** A crop in whole pixels, as ffmpeg's crop filter takes it. */
export interface CropBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Margin {
  /** Each side grows by this share of the box's width (left, right) or height (top, bottom). */
  ratio: number;
  /** Each side grows by this many pixels; takes precedence over `ratio` when given. */
  pixels: number | null;
}

/**
 * The crop for an object: the box widened by the margin, rounded outwards to whole pixels and
 * clipped to the image. Undefined when nothing of it lies inside the image.
 */
export function objectCropBox(box: Box, margin: Margin, imageWidth: number, imageHeight: number): CropBox | undefined {
  const mx = margin.pixels ?? margin.ratio * (box.xMax - box.xMin);
  const my = margin.pixels ?? margin.ratio * (box.yMax - box.yMin);
  const x0 = Math.max(0, Math.floor(box.xMin - mx));
  const y0 = Math.max(0, Math.floor(box.yMin - my));
  const x1 = Math.min(imageWidth, Math.ceil(box.xMax + mx));
  const y1 = Math.min(imageHeight, Math.ceil(box.yMax + my));
  if (x1 <= x0 || y1 <= y0) return undefined;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
