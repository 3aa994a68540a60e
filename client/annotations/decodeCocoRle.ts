/** A COCO RLE: `counts` as run lengths (uncompressed) or pycocotools' compressed string; `size` is [height, width]. */
export interface CocoRle {
  counts: readonly number[] | string;
  size: readonly [number, number];
}

/** pycocotools' `rleFrString`: 6-bit groups offset by 48, 5 data bits each, sign-extended, deltas from the count two back. */
function countsFromString(text: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < text.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= text.length) throw new RangeError('compressed RLE ends inside a count');
      const c = text.charCodeAt(p) - 48;
      x |= (c & 0x1f) << (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && (c & 0x10) !== 0) x |= -1 << (5 * k);
    }
    if (counts.length > 2) x += counts[counts.length - 2] ?? 0;
    counts.push(x);
  }
  return counts;
}

/**
 * A COCO RLE mask as row-major 8-bit pixels (255 inside, 0 outside). Runs alternate between
 * outside and inside, starting outside, over the pixels in column-major order (COCO's layout).
 * Runs that do not add up to height × width are an error: the mask would be misplaced.
 */
export function decodeCocoRle(rle: CocoRle): { width: number; height: number; pixels: Uint8Array } {
  const [height, width] = rle.size;
  const counts = typeof rle.counts === 'string' ? countsFromString(rle.counts) : rle.counts;
  const total = height * width;
  const pixels = new Uint8Array(total);
  let p = 0;
  counts.forEach((run, i) => {
    if (!Number.isInteger(run) || run < 0 || p + run > total) throw new RangeError(`RLE run ${i} (${run}) does not fit a ${width}x${height} mask`);
    if (i % 2 === 1) {
      for (let q = p; q < p + run; q++) pixels[(q % height) * width + Math.floor(q / height)] = 255;
    }
    p += run;
  });
  if (p !== total) throw new RangeError(`RLE runs cover ${p} pixels, not the ${width}x${height} = ${total} of its size`);
  return { width, height, pixels };
}
