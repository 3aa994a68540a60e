/** Rows per listItems call: a few screens' worth, so a scroll step rarely needs a new request. */
export const QUEUE_PAGE_SIZE = 100;

/**
 * The pages holding rows `first..last` (inclusive), plus `overscan` pages on each side so that the
 * next rows are usually there before they scroll into view. Clipped to the list's total.
 */
export function pagesForRange(first: number, last: number, total: number, pageSize = QUEUE_PAGE_SIZE, overscan = 1): number[] {
  if (total <= 0 || last < first) return [];
  const lastPage = Math.floor((total - 1) / pageSize);
  const from = Math.max(0, Math.floor(Math.max(0, first) / pageSize) - overscan);
  const to = Math.min(lastPage, Math.floor(Math.min(last, total - 1) / pageSize) + overscan);
  const pages: number[] = [];
  for (let p = from; p <= to; p++) pages.push(p);
  return pages;
}

/**
 * Pages to drop when the cache holds more than `keep`: the farthest from the pages in view first,
 * so scrolling back a little finds its rows still there while memory stays bounded at 100k rows.
 */
export function pagesToEvict(cached: readonly number[], visible: readonly number[], keep: number): number[] {
  if (cached.length <= keep) return [];
  const centre = ((visible.at(0) ?? 0) + (visible.at(-1) ?? 0)) / 2;
  const byDistance = [...cached].filter((p) => !visible.includes(p)).sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  return byDistance.slice(0, cached.length - keep);
}
