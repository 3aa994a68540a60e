// Colours for a points preview, as RGB bytes (normalised by WebGL): a third of the memory of floats
// at a million points, and what the GPU reads anyway.

/** Blue → cyan → green → yellow → red: ordered hues that stay readable on light and dark backgrounds. */
const RAMP: ReadonlyArray<readonly [number, number, number]> = [
  [48, 18, 160], [30, 150, 230], [40, 200, 120], [240, 220, 40], [220, 40, 30],
];

/** The ramp's colour at t in 0..1 (clamped; NaN reads as 0). */
export function rampColor(t: number): [number, number, number] {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const scaled = x * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(scaled));
  const f = scaled - i;
  const a = RAMP[i] ?? [0, 0, 0];
  const b = RAMP[i + 1] ?? a;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/**
 * The range to spread the ramp over: the 2nd to 98th percentile of the finite values, from a
 * sample, so that a few saturated returns (retro-reflectors, a stray point 1 km up) do not paint
 * everything else one colour.
 */
export function robustRange(values: Float32Array, stride = 1, offset = 0, maxSamples = 65_536): [number, number] {
  const n = Math.floor((values.length - offset + stride - 1) / stride);
  const step = Math.max(1, Math.floor(n / maxSamples));
  const sample: number[] = [];
  for (let k = 0; k < n; k += step) {
    const v = values[offset + k * stride];
    if (v !== undefined && Number.isFinite(v)) sample.push(v);
  }
  if (sample.length === 0) return [0, 1];
  sample.sort((a, b) => a - b);
  const lo = sample[Math.floor(0.02 * (sample.length - 1))] ?? 0;
  const hi = sample[Math.ceil(0.98 * (sample.length - 1))] ?? lo;
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

/** One colour per value (every `stride`-th value from `offset`, e.g. z of xyz triples), on the ramp over `range`. */
export function colorsFromValues(values: Float32Array, range: [number, number], stride = 1, offset = 0): Uint8Array {
  const count = Math.floor((values.length - offset + stride - 1) / stride);
  const out = new Uint8Array(count * 3);
  const [lo, hi] = range;
  const scale = 1 / (hi - lo);
  // A 256-entry table: computing the ramp per point would dominate at a million points.
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) table.set(rampColor(i / 255), i * 3);
  for (let k = 0; k < count; k++) {
    const t = ((values[offset + k * stride] ?? lo) - lo) * scale;
    const idx = Math.min(255, Math.max(0, Math.round((Number.isFinite(t) ? t : 0) * 255))) * 3;
    out[k * 3] = table[idx] ?? 0;
    out[k * 3 + 1] = table[idx + 1] ?? 0;
    out[k * 3 + 2] = table[idx + 2] ?? 0;
  }
  return out;
}
