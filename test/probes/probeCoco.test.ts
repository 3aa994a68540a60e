import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cocoProbeSchema, type CocoProbe } from '../../shared/ingest/probeSchemas';
import { isCocoAnnotationFileValid } from '../../main/services/probe/isCocoAnnotationFileValid';
import { probeCoco } from '../../main/services/probe/probeCoco';
import { ProbeError } from '../../main/services/probe/ProbeError';
import { FIXTURES_MISSING, fixturesDir } from '../helpers/fixturesDir';

const root = fixturesDir();
const cocoDir = root ? join(root, 'coco') : '';

const NO_PROBLEMS = {
  danglingAnnotations: { count: 0, annotationIds: [] },
  undeclaredCategoryIds: [],
  duplicateImageIds: [],
  missingImageFiles: { count: 0, fileNames: [] },
  invalidEntries: { count: 0, examples: [] },
};

interface Expected {
  file: string;
  counts: CocoProbe['counts'];
  kinds: Partial<CocoProbe['annotationKinds']>;
  imageRoots: string[];
  sceneBoxValid: boolean;
  hasInfo: boolean;
}

// Counts and kinds as SOURCES.md describes each file.
const FILES: Expected[] = [
  {
    file: 'panopticapi/sample_data/panoptic_coco_detection_format.json',
    counts: { images: 2, annotations: 50, categories: 133 },
    kinds: { rleCompressed: 50, rleUncompressed: 0, polygon: 0, crowd: 3, bbox: 50 },
    imageRoots: ['input_images'], sceneBoxValid: false, hasInfo: true,
  },
  {
    file: 'datumaro/coco_instances/annotations/instances_train.json',
    counts: { images: 1, annotations: 1, categories: 3 },
    kinds: { bbox: 1, noSegmentation: 1, polygon: 0, crowd: 0 },
    imageRoots: ['../images/train'], sceneBoxValid: false, hasInfo: true,
  },
  {
    file: 'datumaro/coco_instances/annotations/instances_val.json',
    counts: { images: 1, annotations: 2, categories: 3 },
    kinds: { polygon: 1, rleUncompressed: 1, rleCompressed: 0, crowd: 1, keypoints: 0 },
    imageRoots: ['../images/val'], sceneBoxValid: false, hasInfo: true,
  },
  {
    file: 'datumaro/coco_person_keypoints/annotations/person_keypoints_val.json',
    counts: { images: 1, annotations: 2, categories: 2 },
    kinds: { keypoints: 2, polygon: 1, rleUncompressed: 1, crowd: 1 },
    imageRoots: ['../images/val'], sceneBoxValid: false, hasInfo: true,
  },
  {
    file: 'mmdetection3d/kitti/kitti_infos_mono3d.coco.json',
    counts: { images: 1, annotations: 4, categories: 3 },
    kinds: { noSegmentation: 4, polygon: 0, bbox: 4 },
    imageRoots: ['.'], sceneBoxValid: true, hasInfo: false,
  },
];

describe.skipIf(!root)(`probeCoco on every COCO JSON under coco/ (${root ? cocoDir : FIXTURES_MISSING})`, () => {
  for (const expected of FILES) {
    it(expected.file, async () => {
      const path = join(cocoDir, expected.file);
      const probe = await probeCoco(path);
      expect(cocoProbeSchema.parse(JSON.parse(JSON.stringify(probe)))).toEqual(probe);
      expect(probe.counts).toEqual(expected.counts);
      // The same counts straight from the JSON, as a second opinion on SOURCES.
      const json = JSON.parse(readFileSync(path, 'utf8')) as { images: unknown[]; annotations: unknown[]; categories: { name: string }[] };
      expect(probe.counts).toEqual({ images: json.images.length, annotations: json.annotations.length, categories: json.categories.length });
      expect(probe.categoryNames).toEqual(json.categories.map((c) => c.name));
      expect(probe.annotationKinds).toMatchObject(expected.kinds);
      expect(probe).toMatchObject({ imageRoots: expected.imageRoots, imagesFound: expected.counts.images, sceneBoxValid: expected.sceneBoxValid, hasInfo: expected.hasInfo, hasLicenses: expected.hasInfo });
      expect(probe.problems).toEqual(NO_PROBLEMS);
      expect(await isCocoAnnotationFileValid(path)).toBe(expected.sceneBoxValid);
    });
  }

  it('mmdetection3d categories start at id 0 and datumaro ids are not contiguous', async () => {
    expect((await probeCoco(join(cocoDir, FILES[4]!.file))).categoryNames).toEqual(['Pedestrian', 'Cyclist', 'Car']);
    expect((await probeCoco(join(cocoDir, FILES[2]!.file))).categoryNames).toEqual(['a', 'b', 'c']);
  });
});

describe('probeCoco on generated layouts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scenedock-coco-'));
  const write = (path: string, content: string): string => {
    const full = join(dir, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
    return full;
  };

  it('reports missing image files, dangling annotations, undeclared categories and invalid entries together', async () => {
    write('ds/images/train2017/000001.jpg', 'x');
    write('ds/images/train2017/sub/000002.jpg', 'x');
    write(join('ds/elsewhere/abs.jpg'), 'x');
    const json = write('ds/annotations/instances_train2017.json', JSON.stringify({
      images: [
        { id: 1, file_name: '000001.jpg' },
        { id: 2, file_name: 'sub\\000002.jpg' },
        { id: 3, file_name: '000003.jpg' },
        { id: 4, file_name: join(dir, 'ds/elsewhere/abs.jpg') },
        { id: 5 },
      ],
      annotations: [
        { id: 10, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1] },
        { id: 11, image_id: 42, category_id: 1, bbox: [0, 0, 1, 1] },
        { id: 12, image_id: 2, category_id: 7, bbox: [0, 0, 1, 1] },
        { id: 13, image_id: 2, category_id: 1, bbox: 'wide' },
      ],
      categories: [{ id: 1, name: 'car' }],
    }));
    const probe = await probeCoco(json);
    expect(probe.counts).toEqual({ images: 4, annotations: 3, categories: 1 });
    expect(probe.imagesFound).toBe(3);
    expect(probe.imageRoots).toEqual(['../images/train2017']);
    expect(probe.sceneBoxValid).toBe(true);
    expect(probe.problems).toEqual({
      danglingAnnotations: { count: 1, annotationIds: [11] },
      undeclaredCategoryIds: [7],
      duplicateImageIds: [],
      missingImageFiles: { count: 1, fileNames: ['000003.jpg'] },
      invalidEntries: { count: 2, examples: [
        { path: 'images[4].file_name', reason: 'Invalid input: expected string, received undefined' },
        { path: 'annotations[3].bbox', reason: 'Invalid input: expected array, received string' },
      ] },
    });
  });

  it('lists at most 20 missing files but counts them all', async () => {
    const images = Array.from({ length: 25 }, (_, i) => ({ id: i, file_name: `missing_${i}.png` }));
    const probe = await probeCoco(write('lots/coco.json', JSON.stringify({ images, annotations: [], categories: [] })));
    expect(probe.problems.missingImageFiles.count).toBe(25);
    expect(probe.problems.missingImageFiles.fileNames).toHaveLength(20);
    expect(probe.imageRoots).toEqual([]);
  });

  it('rejects a file that is not JSON, or JSON that is not COCO, naming the file', async () => {
    const notJson = write('bad/broken.json', '{"images": [');
    const error = await probeCoco(notJson).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).message).toMatch(new RegExp(`^${notJson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON: `));
    const notCoco = write('bad/list.json', JSON.stringify([{ frame: 0 }]));
    await expect(probeCoco(notCoco)).rejects.toThrow(`${notCoco}: not a COCO document: the top level: Invalid input: expected object, received array`);
    const noImages = write('bad/noimages.json', JSON.stringify({ annotations: [] }));
    await expect(probeCoco(noImages)).rejects.toThrow(`${noImages}: not a COCO document: images: Invalid input: expected array, received undefined`);
  });

  it('isCocoAnnotationFileValid is false for non-JSON names, broken JSON and missing files', async () => {
    expect(await isCocoAnnotationFileValid(write('v/ok.json', '{"images": [], "annotations": []}'))).toBe(true);
    expect(await isCocoAnnotationFileValid(write('v/ok.txt', '{"images": []}'))).toBe(false);
    expect(await isCocoAnnotationFileValid(write('v/broken.json', '{'))).toBe(false);
    expect(await isCocoAnnotationFileValid(join(dir, 'v/absent.json'))).toBe(false);
  });
});
