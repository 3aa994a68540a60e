/** `items` in consecutive slices of at most `size`: the Python client sends id lists in chunks of 1000. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
