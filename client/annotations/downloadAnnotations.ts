import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { WireDoc } from '../../shared/wire/searchWire';
import { assetWire } from '../../shared/wire/assetWire';
import type { AssetManagerClient } from '../AssetManagerClient';
import { StorageHttp } from '../http/StorageHttp';

export interface DownloadedAnnotation {
  annotation: WireDoc;
  /** Mask id → the file written (with a folder) or its bytes (without one). */
  masks: Record<string, string | Buffer>;
  /** Where the annotation's JSON was written, with a folder. */
  path?: string;
}

const masksSchema = z.record(z.string(), assetWire.objectAccess.nullable()).catch({});
/** Mask and annotation ids become file names: keep them inside their folder. */
const safeName = (name: string): string => name.replace(/[/\\]/g, '_').replace(/^\.+/, '_');

/**
 * `download_annotations`: the annotation documents with their mask files. With a folder, each
 * annotation becomes `<folder>/<id>.json` and its masks `<folder>/<id>/<mask file name>`; without
 * one, the masks' bytes are returned. Ids without an annotation are absent from the result.
 */
export async function downloadAnnotations(annotations: AssetManagerClient, ids: readonly string[], folder?: string): Promise<Record<string, DownloadedAnnotation>> {
  const storage = new StorageHttp();
  const out: Record<string, DownloadedAnnotation> = {};
  for (const doc of await annotations.getMetadataInBatch(ids)) {
    const masks: Record<string, string | Buffer> = {};
    for (const [maskId, access] of Object.entries(masksSchema.parse(doc.masks))) {
      if (!access || (!access.uri && !access.url)) continue;
      const bytes = await storage.getBuffer(await annotations.getUrlFromObjectAccess(access));
      if (!folder) {
        masks[maskId] = bytes;
        continue;
      }
      const dir = join(folder, safeName(doc.id));
      await mkdir(dir, { recursive: true });
      const path = join(dir, safeName(access.filename ?? `${maskId}.png`));
      await writeFile(path, bytes);
      masks[maskId] = path;
    }
    const entry: DownloadedAnnotation = { annotation: doc, masks };
    if (folder) {
      await mkdir(folder, { recursive: true });
      entry.path = join(folder, `${safeName(doc.id)}.json`);
      await writeFile(entry.path, JSON.stringify(doc, null, 2));
    }
    out[doc.id] = entry;
  }
  return out;
}
