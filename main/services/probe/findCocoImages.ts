import { readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

export interface CocoImageLookup {
  found: number;
  /** file_name values found in no candidate folder, in document order. */
  missing: string[];
  /** Folders where images were found, relative to the JSON's folder (`.` for itself). */
  roots: string[];
}

/**
 * COCO file_name values are relative to an image folder the JSON does not name. We try the layouts
 * the exporters we meet use: beside the JSON (mmdetection3d, where file_name carries
 * `training/image_2/`), a sibling folder with "image" in its name (panopticapi `input_images/`),
 * and `images/<split>` next to an `annotations/` folder, the split being the JSON name's last
 * `_` part (datumaro `annotations/instances_val.json` → `images/val/`).
 */
export async function findCocoImages(jsonPath: string, fileNames: readonly string[]): Promise<CocoImageLookup> {
  const jsonDir = dirname(resolve(jsonPath));
  const split = /_([^_]+)$/.exec(basename(jsonPath).replace(/\.json$/i, ''))?.[1];
  const listing = new DirectoryListing();
  const roots = await candidateRoots(jsonDir, split, listing);
  const used = new Set<string>();
  const missing: string[] = [];
  let found = 0;
  let lastHit: string | undefined;
  for (const raw of fileNames) {
    const name = raw.replace(/\\/g, '/');
    const order = lastHit === undefined ? roots : [lastHit, ...roots.filter((r) => r !== lastHit)];
    const candidates = isAbsolute(name) ? [''] : order;
    let hit: string | undefined;
    for (const root of candidates) {
      if (await listing.hasFile(root === '' ? name : join(root, name))) {
        hit = root;
        break;
      }
    }
    if (hit === undefined) {
      missing.push(raw);
      continue;
    }
    found++;
    if (hit !== '') {
      lastHit = hit;
      used.add(hit);
    }
  }
  return { found, missing, roots: [...used].map((r) => relative(jsonDir, r) || '.') };
}

async function candidateRoots(jsonDir: string, split: string | undefined, listing: DirectoryListing): Promise<string[]> {
  const roots: string[] = [];
  const add = (dir: string): void => {
    if (!roots.includes(dir)) roots.push(dir);
  };
  for (const base of [jsonDir, dirname(jsonDir)]) {
    add(base);
    for (const sub of await listing.imageFolders(base)) {
      add(sub);
      if (split) add(join(sub, split));
    }
    if (split) add(join(base, split));
  }
  return roots;
}

/** One readdir per folder, however many images live in it. */
class DirectoryListing {
  readonly #listings = new Map<string, Promise<{ files: Set<string>; dirs: string[] }>>();

  public async hasFile(path: string): Promise<boolean> {
    return (await this.#list(dirname(path))).files.has(basename(path));
  }

  public async imageFolders(dir: string): Promise<string[]> {
    const { dirs } = await this.#list(dir);
    return dirs.filter((name) => /image/i.test(name)).sort().map((name) => join(dir, name));
  }

  #list(dir: string): Promise<{ files: Set<string>; dirs: string[] }> {
    let listing = this.#listings.get(dir);
    if (!listing) {
      listing = readdir(dir, { withFileTypes: true }).then(
        (entries) => ({
          // Symbolic links count as files: image folders are often linked in from a dataset cache.
          files: new Set(entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name)),
          dirs: entries.filter((e) => e.isDirectory()).map((e) => e.name),
        }),
        () => ({ files: new Set<string>(), dirs: [] }),
      );
      this.#listings.set(dir, listing);
    }
    return listing;
  }
}
