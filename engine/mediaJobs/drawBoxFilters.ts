import type { CsvBox } from './framesCsv';
import type { Size } from './mediaPresets';

/** Box colours by label (labels sorted, so a label keeps its colour across videos of the same labels). */
export const BOX_COLORS = ['red', 'lime', 'blue', 'yellow', 'cyan', 'magenta', 'orange', 'white'] as const;

export function labelColors(boxes: readonly CsvBox[]): Map<string, string> {
  const labels = [...new Set(boxes.map((b) => b.label))].sort();
  return new Map(labels.map((label, i) => [label, BOX_COLORS[i % BOX_COLORS.length] ?? 'red']));
}

/** Line width: 2 pixels, thicker on large frames so that boxes stay visible in a thumbnail. */
export const boxThickness = (size: Size): number => Math.max(2, Math.round(Math.min(size.width, size.height) / 200));

/**
 * One `drawbox` filter per box, shown only on its frame (`enable='eq(n,<frame index>)'`); frame
 * indexes are those of the video being made. Labels are not written: no font can be relied on.
 */
export function drawBoxFilters(boxesByFrame: ReadonlyMap<number, readonly CsvBox[]>, size: Size): string[] {
  const all = [...boxesByFrame.values()].flat();
  const colors = labelColors(all);
  const t = boxThickness(size);
  const filters: string[] = [];
  for (const [index, boxes] of boxesByFrame) {
    for (const b of boxes) {
      const x = Math.round(b.xMin);
      const y = Math.round(b.yMin);
      const w = Math.max(1, Math.round(b.xMax) - x);
      const h = Math.max(1, Math.round(b.yMax) - y);
      filters.push(`drawbox=x=${x}:y=${y}:w=${w}:h=${h}:color=${colors.get(b.label) ?? 'red'}:t=${t}:enable='eq(n,${index})'`);
    }
  }
  return filters;
}
