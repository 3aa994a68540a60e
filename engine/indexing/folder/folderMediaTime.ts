/**
 * The time a file name gives (`<unix time>.<ext>`, the convention of SceneBox's image-folder
 * routes): 19 digits are nanoseconds, 16 microseconds, 13 milliseconds, 10 seconds. Microseconds.
 */
export function timeFromName(key: string): number | undefined {
  const stem = (key.split('/').pop() ?? key).replace(/\.[^.]*$/, '');
  if (!/^\d{10,19}$/.test(stem)) return undefined;
  const n = BigInt(stem);
  if (stem.length >= 18) return Number(n / 1000n);
  if (stem.length >= 15) return Number(n);
  if (stem.length >= 12) return Number(n * 1000n);
  return Number(n * 1_000_000n);
}

/** An ISO time (a container's creation_time tag, an object's upload time) in microseconds. */
export function isoToMicrosLoose(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const ms = Date.parse(text);
  // 1970-01-01 is what muxers write when they know no time.
  return Number.isFinite(ms) && ms > 0 ? ms * 1000 : undefined;
}
