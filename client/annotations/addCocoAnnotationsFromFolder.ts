import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { CocoId } from '../../shared/formats/coco/cocoSchema';
import { parseCocoDocument } from '../../shared/formats/coco/parseCocoDocument';
import { validateCocoDocument } from '../../shared/formats/coco/validateCocoDocument';
import type { AssetType } from '../../shared/scenebox/constants';
import { standardizeName } from '../../shared/scenebox/standardizeName';
import type { AssetManagerClient } from '../AssetManagerClient';
import { AnnotationBatchError } from '../errors/AnnotationBatchError';
import { NotFoundError } from '../errors/ResponseError';
import { addAnnotations } from './addAnnotations';
import { cocoToAnnotations, type CocoAnnotationOptions, type CocoEntityCounts } from './cocoToAnnotations';
import { decodeCocoRle } from './decodeCocoRle';
import { encodeMaskPng } from './encodeMaskPng';

export interface CocoImportOptions extends CocoAnnotationOptions {
  /** The COCO JSON. */
  filePath: string;
  /** The images set the images go to (it must exist and hold images). */
  imagesSetId: string;
  /** Where the images are (`file_name` relative to it, or its base name in it); without it the images must be uploaded already. */
  folderPath?: string;
  preprocesses?: string[];
  /** Cut objects from the boxes, polygons and poses afterwards (a job; its id is returned). */
  annotationToObjects?: boolean;
  objectsSetId?: string;
}

export interface CocoImportResult {
  /** Images of the file, by their asset ids (the standardized file names). */
  imageIds: string[];
  /** COCO annotations imported (all of the file's). */
  annotations: number;
  entities: CocoEntityCounts;
  annotationIds: string[];
  objectsJobId?: string;
}

export interface CocoImportDeps {
  am: (type: AssetType) => AssetManagerClient;
  toObjects: (ids: string[], objectsSetId: string | undefined, sessionUid: string | null | undefined) => Promise<string>;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/**
 * `add_coco_annotations_from_folder`: the file's images (uploaded from `folderPath`, or found
 * among the assets), then its annotations. Everything is checked before anything is written:
 * the document (no invalid entry, dangling image id, undeclared category), each image file (or
 * asset), the images set, and every annotation's class rules; any problem refuses the whole file
 * with an `AnnotationBatchError` naming each bad item. An image's asset id is its standardized
 * file name with extension, as the Python client's COCO import makes them.
 */
export async function addCocoAnnotationsFromFolder(deps: CocoImportDeps, o: CocoImportOptions): Promise<CocoImportResult> {
  const file = o.filePath;
  let json: unknown;
  try {
    json = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new AnnotationBatchError([`${file}: not a readable JSON file: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const validation = validateCocoDocument(json);
  if (!validation.valid) throw new AnnotationBatchError(validation.errors.map((e) => `${file}: ${e}`));
  const doc = parseCocoDocument(json);
  const assetIds = new Map<string, string>(doc.images.map((img) => [`${typeof img.id}:${img.id}`, standardizeName(basename(img.file_name))]));
  const assetIdOf = (id: CocoId): string => assetIds.get(`${typeof id}:${id}`) ?? standardizeName(String(id));
  const problems: string[] = [];

  const paths: (string | undefined)[] = [];
  if (o.folderPath) {
    const folder = o.folderPath;
    for (const [i, img] of doc.images.entries()) {
      const candidates = [join(folder, img.file_name), join(folder, basename(img.file_name))];
      let found: string | undefined;
      for (const c of candidates) if (!found && (await isFile(c))) found = c;
      if (!found) problems.push(`${file}: images[${i}] (id ${img.id}): image file ${img.file_name} not found in ${folder}`);
      paths.push(found);
    }
  } else {
    const exists = await deps.am('images').existsMultiple([...new Set(assetIds.values())]);
    doc.images.forEach((img, i) => {
      if (!exists[assetIdOf(img.id)]) problems.push(`${file}: images[${i}] (id ${img.id}): no image asset ${assetIdOf(img.id)} (give folderPath to upload it)`);
    });
  }
  const set = await deps.am('sets').getMetadata(o.imagesSetId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!set) problems.push(`${file}: images set ${o.imagesSetId} does not exist`);
  else if (set.assets_type !== 'images') problems.push(`${file}: set ${o.imagesSetId} holds ${String(set.assets_type)}, not images`);

  const maskDir = await mkdtemp(join(tmpdir(), 'scenedock-coco-masks-'));
  try {
    const built = cocoToAnnotations(doc, assetIdOf, maskDir, o);
    problems.push(...built.problems);
    for (const mask of built.masks) {
      try {
        const { width, height, pixels } = decodeCocoRle(mask.rle);
        await writeFile(mask.path, encodeMaskPng(width, height, pixels));
      } catch (error) {
        problems.push(`${file}: ${mask.what}: segmentation: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (problems.length > 0) throw new AnnotationBatchError(problems);

    if (o.folderPath) {
      const now = new Date().toISOString();
      const seen = new Set<string>();
      const items = doc.images.flatMap((img, i) => {
        const id = assetIdOf(img.id);
        const path = paths[i];
        if (seen.has(id) || !path) return [];
        seen.add(id);
        return [{
          file: path,
          fileOptions: { id: basename(path) },
          metadata: {
            id, sensor: null, timestamp: now, sets: [o.imagesSetId], preprocesses: o.preprocesses ?? [], format: extname(path).slice(1).toLowerCase(),
            ...(img.width !== undefined ? { width: img.width } : {}), ...(img.height !== undefined ? { height: img.height } : {}),
            ...(o.sessionUid ? { session_uid: o.sessionUid } : {}),
          },
        }];
      });
      await deps.am('images').putAssetsBatch(items);
    } else {
      const ids = [...new Set(assetIds.values())];
      await deps.am('images').updateMetadataBatch(ids, ids.map(() => ({ sets: [o.imagesSetId] })));
    }
    const annotationIds = await addAnnotations(deps.am, built.annotations);
    const result: CocoImportResult = { imageIds: [...new Set(assetIds.values())], annotations: doc.annotations.length, entities: built.counts, annotationIds };
    if (o.annotationToObjects) {
      const sources = built.annotations.filter((a) => a.annotationType !== 'segmentation').map((a) => a.id);
      if (sources.length > 0) result.objectsJobId = await deps.toObjects(sources, o.objectsSetId, o.sessionUid);
    }
    return result;
  } finally {
    await rm(maskDir, { recursive: true, force: true });
  }
}
