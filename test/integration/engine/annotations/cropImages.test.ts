import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cropImages } from '../../../../engine/annotations/cropImage';
import { ffmpeg, probeImage, rgbPixels } from '../../../helpers/probeImage';

// The crop runner with the real ffmpeg, on an image generated here: crops come out at their exact
// size and place, many per ffmpeg run, and a crop ffmpeg refuses fails alone.

let dir: string;
let source: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scenedock-crops-'));
  // 40x20 pixels whose red channel is x * 5 and green channel y * 10: a crop's corner pixel names its place.
  const raw = Buffer.alloc(40 * 20 * 3);
  for (let y = 0; y < 20; y++) for (let x = 0; x < 40; x++) raw.set([x * 5, y * 10, 0], (y * 40 + x) * 3);
  writeFileSync(join(dir, 'src.rgb'), raw);
  source = join(dir, 'src.png');
  ffmpeg(['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', '40x20', '-i', join(dir, 'src.rgb'), '-frames:v', '1', '-update', '1', source]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cropImages', () => {
  it('cuts each crop at its size and place, more crops than one ffmpeg run takes', async () => {
    const requests = Array.from({ length: 20 }, (_, i) => ({ name: `c${i}`, crop: { x: i, y: i % 10, width: 3 + (i % 5), height: 2 + (i % 4) } }));
    const results = await cropImages(source, requests, 'png', dir);
    for (const r of requests) {
      const bytes = results.get(r.name);
      expect(bytes, r.name).toBeInstanceOf(Buffer);
      const file = join(dir, `check-${r.name}.png`);
      writeFileSync(file, bytes as Buffer);
      expect(probeImage(file)).toMatchObject({ width: r.crop.width, height: r.crop.height, codec: 'png' });
      expect([...rgbPixels(file).subarray(0, 2)]).toEqual([r.crop.x * 5, r.crop.y * 10]);
    }
  });

  it('reports a crop ffmpeg refuses by itself and still cuts the others of its run', async () => {
    const results = await cropImages(source, [
      { name: 'good', crop: { x: 0, y: 0, width: 4, height: 4 } },
      { name: 'bad', crop: { x: 30, y: 0, width: 50, height: 4 } },
      { name: 'also_good', crop: { x: 10, y: 5, width: 5, height: 5 } },
    ], 'jpg', dir);
    expect(results.get('good')).toBeInstanceOf(Buffer);
    expect(results.get('also_good')).toBeInstanceOf(Buffer);
    expect(results.get('bad')).toBeInstanceOf(Error);
    expect((results.get('bad') as Error).message).toMatch(/^ffmpeg exited with/);
  });
});
