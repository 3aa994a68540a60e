export type Rgb = readonly [number, number, number];

const SAMPLES = 4;

/**
 * SceneDock's mark: a rounded square in `color` holding a white tray with an arrow dropping into
 * it. Drawn by coverage (4x4 samples per pixel) so that it stays smooth from 16 to 1024 pixels.
 */
export function drawAppIcon(size: number, color: Rgb): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let back = 0;
      let mark = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const u = (x + (sx + 0.5) / SAMPLES) / size;
          const v = (y + (sy + 0.5) / SAMPLES) / size;
          if (inRoundedSquare(u, v)) {
            back++;
            if (inMark(u, v)) mark++;
          }
        }
      }
      const n = SAMPLES * SAMPLES;
      const w = mark / Math.max(1, back);
      const i = (y * size + x) * 4;
      out[i] = Math.round(color[0] * (1 - w) + 255 * w);
      out[i + 1] = Math.round(color[1] * (1 - w) + 255 * w);
      out[i + 2] = Math.round(color[2] * (1 - w) + 255 * w);
      out[i + 3] = Math.round((back / n) * 255);
    }
  }
  return out;
}

function inRoundedSquare(u: number, v: number): boolean {
  const r = 0.2;
  const m = 0.04;
  const cx = Math.min(Math.max(u, m + r), 1 - m - r);
  const cy = Math.min(Math.max(v, m + r), 1 - m - r);
  return (u - cx) ** 2 + (v - cy) ** 2 <= r * r && u >= m && u <= 1 - m && v >= m && v <= 1 - m;
}

function inMark(u: number, v: number): boolean {
  const t = 0.07;
  // The tray: a U open at the top.
  const tray = (v >= 0.72 - t && v <= 0.72 && u >= 0.24 && u <= 0.76)
    || (u >= 0.24 && u <= 0.24 + t && v >= 0.56 && v <= 0.72)
    || (u >= 0.76 - t && u <= 0.76 && v >= 0.56 && v <= 0.72);
  // The arrow: a shaft and a head pointing down into the tray.
  const shaft = Math.abs(u - 0.5) <= t / 2 && v >= 0.2 && v <= 0.5;
  const head = v >= 0.42 && v <= 0.6 && Math.abs(u - 0.5) <= (0.6 - v) * 0.9;
  return tray || shaft || head;
}
