import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SegmentationAnnotation } from '../../../../shared/annotations/SegmentationAnnotation';
import { ffmpeg, probeImage, rgbPixels } from '../../../helpers/probeImage';
import { PythonStyleAssets } from '../../../helpers/PythonStyleAssets';
import { pyRequest } from '../../../helpers/pythonStyleRequest';
import { startTestEngine, type TestEngine } from '../../../helpers/startTestEngine';

// Masks of segmentation annotations, uploaded as the Python client's post_upload does (put_file
// of a PNG under the mask id): cleanup of masks no entity uses, thumbnails, deletion with the files.
// The mask images are generated here (two exact colors side by side), in a temporary folder.

let engine: TestEngine;
let py: PythonStyleAssets;
let scratch: string;
let maskId: string;
let maskUri: string;
let orphanUri: string;
let sharedUri: string;

const RED = 'ff0000';
const LIME = '00ff00';

/** A PNG of exact RGB colors, encoded by ffmpeg from raw pixels: `color(x, y)` gives each pixel. */
function maskPng(file: string, width: number, height: number, color: (x: number) => string): void {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.write(color(x), (y * width + x) * 3, 'hex');
  writeFileSync(`${file}.rgb`, raw);
  ffmpeg(['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-i', `${file}.rgb`, '-frames:v', '1', '-update', '1', file]);
}

async function segmentation(id: string, labels: string[], colors: string[], paths: string[]): Promise<SegmentationAnnotation> {
  const a = new SegmentationAnnotation({ id, imageId: 'img_m', provider: 'painter', setId: null, labels, maskColors: colors, maskFilePaths: paths });
  for (const [mask, path] of Object.entries(a.maskFilesToUpload)) a.recordUploadedMask(mask, await py.putFile('annotations', mask, readFileSync(path), 'image/png'));
  return a;
}

beforeAll(async () => {
  engine = await startTestEngine();
  py = new PythonStyleAssets(engine.url, engine.adminToken);
  scratch = mkdtempSync(join(tmpdir(), 'scenedock-masks-'));
  const maskFile = join(scratch, 'mask.png');
  maskPng(maskFile, 300, 200, (x) => (x < 150 ? RED : LIME));
  const blue = join(scratch, 'blue.png');
  maskPng(blue, 40, 30, () => '0000ff');
  await pyRequest('POST', `${engine.url}/am/v1/assets/meta_batch/`, py.amParams('images', { replace: true, replace_sets: false }), {
    ids: ['img_m'], metadata: [{ width: 300, height: 200, format: 'png', sensor: 'cam', timestamp: '2026-01-01T00:00:00', sets: [], preprocesses: [] }],
  });
  const a = await segmentation('seg_a', ['car', 'road'], ['#FF0000', '#00FF00'], [maskFile, maskFile]);
  maskId = Object.keys(a.masks)[0]!;
  maskUri = a.masks[maskId]!.uri!;
  const b = await segmentation('seg_b', ['sky'], ['#0000ff'], [blue]);
  sharedUri = Object.values(b.masks)[0]!.uri!;
  orphanUri = (await py.putFile('annotations', 'orphan_mask', readFileSync(blue), 'image/png')).uri;
  // seg_a lists two masks its entities do not use: one only it refers to, one seg_b uses.
  const docA = a.toDocument();
  docA.masks = { ...docA.masks, orphan_mask: { uri: orphanUri, filename: 'orphan_mask' }, [Object.keys(b.masks)[0]!]: { uri: sharedUri, filename: 'shared' } };
  await pyRequest('POST', `${engine.url}/am/v1/assets/meta_batch/`, py.amParams('annotations', { replace: true, replace_sets: false }), { ids: ['seg_a', 'seg_b'], metadata: [docA, b.toDocument()] });
  await pyRequest('POST', `${engine.url}/am/v1/assets/meta_batch`, py.amParams('images', { replace: false, replace_sets: false, buffered_write: false }), {
    ids: ['img_m'], metadata: [{ annotations: ['seg_a', 'seg_b'], annotations_meta: [{ provider: 'painter', id: 'seg_a', version: null, type: 'segmentation' }, { provider: 'painter', id: 'seg_b', version: null, type: 'segmentation' }], aux: { labels: ['car_painter', 'road_painter', 'sky_painter'] } }],
  });
});
afterAll(async () => {
  await engine.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('cleanup_annotation_masks', () => {
  it('drops masks no entity uses, deletes the files no annotation refers to, and tags the annotation cleaned', async () => {
    const job = await py.runJob('annotations/cleanup_annotation_masks', { force_reclean: false, ids: ['seg_a'], search: null });
    expect(job.status).toBe('finished');
    expect(job.notes).toContainEqual(expect.stringMatching(/cleaned 1 annotations, deleted 1 unused mask files/));
    const doc = await py.meta('annotations', 'seg_a');
    expect(Object.keys(doc?.masks as object)).toEqual([maskId]);
    expect(doc?.tags).toEqual(['cleaned']);
    expect(await py.objectExists(orphanUri)).toBe(false);
    expect(await py.objectExists(sharedUri)).toBe(true);
    expect(await py.objectExists(maskUri)).toBe(true);
  });

  it('skips annotations cleaned already unless force_reclean', async () => {
    const skipped = await py.runJob('annotations/cleanup_annotation_masks', { force_reclean: false, ids: ['seg_a'] });
    expect(skipped.notes).toContainEqual(expect.stringMatching(/^skipped annotation seg_a: tagged cleaned already/));
    const forced = await py.runJob('annotations/cleanup_annotation_masks', { force_reclean: true, ids: ['seg_a'] });
    expect(forced.notes).toContainEqual(expect.stringMatching(/cleaned 1 annotations/));
    expect((await py.meta('annotations', 'seg_a'))?.tags).toEqual(['cleaned']);
  });
});

describe('compress_masks_batch', () => {
  it('stores a PNG thumbnail per mask under masks_thumbnails.<tag>, scaled without blending colors', async () => {
    const job = await py.runJob('annotations/compress_masks_batch', { ids: ['seg_a'], search: null, thumbnail_tag: 'tiny' });
    expect(job.status).toBe('finished');
    const thumbnails = (await py.meta('annotations', 'seg_a'))?.masks_thumbnails as Record<string, Record<string, { uri: string }>>;
    const access = thumbnails.tiny?.[maskId];
    expect(access?.uri).toMatch(/masks_thumbnails\/tiny\/seg_a\/.+\.png$/);
    const file = join(scratch, 'tiny.png');
    writeFileSync(file, await py.download(access!.uri));
    const probed = probeImage(file);
    expect(probed.codec).toBe('png');
    // 300x200 fitted into 64x64 keeps the 3:2 aspect.
    expect(probed.width).toBe(64);
    expect(Math.abs(probed.height - (64 * 200) / 300)).toBeLessThanOrEqual(1);
    const pixels = rgbPixels(file);
    const colors = new Set<string>();
    for (let i = 0; i < pixels.length; i += 3) colors.add(pixels.subarray(i, i + 3).toString('hex'));
    expect([...colors].sort()).toEqual([LIME, RED]);
  });

  it('without ids takes every segmentation annotation', async () => {
    const job = await py.runJob('annotations/compress_masks_batch', { thumbnail_tag: 'small' });
    expect(job.notes).toContainEqual(expect.stringMatching(/made small mask thumbnails for 2 annotations/));
    const b = await py.meta('annotations', 'seg_b');
    const [thumb] = Object.values((b?.masks_thumbnails as Record<string, Record<string, { uri: string }>>).small ?? {});
    const file = join(scratch, 'small.png');
    writeFileSync(file, await py.download(thumb!.uri));
    // A 40x30 mask is never enlarged.
    expect(probeImage(file)).toMatchObject({ width: 40, height: 30 });
  });
});

describe('deleting a segmentation annotation', () => {
  it('deletes its mask and thumbnail files, but not a file another annotation still uses', async () => {
    const thumbnails = (await py.meta('annotations', 'seg_a'))?.masks_thumbnails as Record<string, Record<string, { uri: string }>>;
    const thumbUris = Object.values(thumbnails).flatMap((byMask) => Object.values(byMask).map((a) => a.uri));
    expect(thumbUris).toHaveLength(2);
    const job = await py.runJob('annotations/delete_annotations', { ids: ['seg_a'] });
    expect(job.status).toBe('finished');
    expect(await py.objectExists(maskUri)).toBe(false);
    for (const uri of thumbUris) expect(await py.objectExists(uri)).toBe(false);
    expect(await py.objectExists(sharedUri)).toBe(true);
    expect(await py.meta('images', 'img_m')).toMatchObject({ annotations: ['seg_b'], aux: { labels: ['sky_painter'] } });
  });
});
