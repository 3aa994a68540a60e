import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A binary PCD of `points` points (x y z intensity, float32) shaped like a spinning lidar's sweep:
 * 64 rings of returns at 2..80 m, so the preview draws something a person would recognise and
 * height/intensity colouring have a real spread. Written in 64k-point blocks (a million points is 16 MB).
 */
export async function writeBinaryPcd(file: string, points: number): Promise<void> {
  const out = createWriteStream(file);
  out.write([
    '# .PCD v0.7 - Point Cloud Data file format', 'VERSION 0.7', 'FIELDS x y z intensity', 'SIZE 4 4 4 4', 'TYPE F F F F',
    'COUNT 1 1 1 1', `WIDTH ${points}`, 'HEIGHT 1', 'VIEWPOINT 0 0 0 1 0 0 0', `POINTS ${points}`, 'DATA binary', '',
  ].join('\n'));
  const block = 65_536;
  for (let start = 0; start < points; start += block) {
    const n = Math.min(block, points - start);
    const values = new Float32Array(n * 4);
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const ring = i % 64;
      const azimuth = (i / 64) * 0.0031;
      const range = 2 + ((Math.sin(azimuth * 7) + 1) * 0.5) * 78 * ((ring + 1) / 64);
      const elevation = (-25 + ring * (40 / 64)) * (Math.PI / 180);
      values[k * 4] = range * Math.cos(elevation) * Math.cos(azimuth);
      values[k * 4 + 1] = range * Math.cos(elevation) * Math.sin(azimuth);
      values[k * 4 + 2] = range * Math.sin(elevation) + 1.8;
      values[k * 4 + 3] = (i * 2654435761) % 256;
    }
    if (!out.write(Buffer.from(values.buffer))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
