// Sizes of the thumbnails and compressed versions the engine makes. The Python client asks for
// images `small` (thumbnailize_at_ingest), `tiny` and `full_size_png`, and for videos `small` then
// `tiny` (add_videos); the sizes are ours, as SceneBox's server never published them.

export const IMAGE_PRESETS = ['tiny', 'small', 'full_size_png'] as const;
export type ImagePreset = (typeof IMAGE_PRESETS)[number];

export const VIDEO_PRESETS = ['tiny', 'small'] as const;
export type VideoPreset = (typeof VIDEO_PRESETS)[number];

/** Longest side in pixels; `full_size_png` keeps the original size (and is always a PNG). */
export const IMAGE_PRESET_MAX_SIDE: Record<ImagePreset, number | undefined> = { tiny: 64, small: 256, full_size_png: undefined };
export const VIDEO_PRESET_MAX_SIDE: Record<VideoPreset, number> = { tiny: 256, small: 640 };

export interface Size {
  width: number;
  height: number;
}

/** What to make: a size rule and the tag the result is recorded under. */
export interface ResizeTarget {
  tag: string;
  /** Fit inside a square of this side (never enlarging); undefined keeps the size. */
  maxSide?: number | undefined;
  /** An exact size (`desired_shape`), aspect ratio not kept. */
  exact?: Size;
  /** Always PNG (`full_size_png`); otherwise the format follows the source. */
  png: boolean;
}

/** Fits `source` inside a `maxSide` square keeping its aspect ratio; never enlarges; at least 1x1. */
export function fitInside(source: Size, maxSide: number | undefined): Size {
  const scale = maxSide === undefined ? 1 : Math.min(1, maxSide / Math.max(source.width, source.height));
  return { width: Math.max(1, Math.round(source.width * scale)), height: Math.max(1, Math.round(source.height * scale)) };
}

/** H.264 in 4:2:0 needs even sides: rounds each side down to even, and up to 2 at the least. */
export function evenSize(size: Size): Size {
  return { width: Math.max(2, size.width - (size.width % 2)), height: Math.max(2, size.height - (size.height % 2)) };
}

export function targetSize(target: ResizeTarget, source: Size): Size {
  return target.exact ?? fitInside(source, target.maxSide);
}

/**
 * The target of a compress request: a preset wins over `desired_shape` (as the client documents);
 * the tag is `thumbnail_tag`, else the preset name, else `<w>x<h>`.
 */
export function resizeTargetOf<P extends string>(
  maxSides: Record<P, number | undefined>,
  request: { use_preset?: P | null | undefined; desired_shape?: readonly [number, number] | null | undefined; thumbnail_tag?: string | null | undefined },
): ResizeTarget {
  if (request.use_preset) {
    return { tag: request.thumbnail_tag ?? request.use_preset, maxSide: maxSides[request.use_preset], png: request.use_preset === 'full_size_png' };
  }
  const [width, height] = request.desired_shape ?? [0, 0];
  return { tag: request.thumbnail_tag ?? `${width}x${height}`, exact: { width, height }, png: false };
}
