import { isAssetType } from '../../shared/scenebox/constants';
import type { JobContext } from '../jobs/JobService';
import { isPlainObject, type Doc } from '../meta/mergeDocuments';
import type { EngineServices } from '../services/EngineServices';
import { ANNOTATIONS } from './annotationsOfMedia';
import { detachAnnotations } from './detachAnnotations';
import type { ItemReport } from './ItemReport';
import { deleteObjectOf } from './storedObjects';
import { chunksOf, filterOf } from './scanIds';
import { textOf } from './textOf';

/** Annotations grouped by the media asset they belong to: the unit removed in one transaction. */
function byMediaAsset(docs: readonly Doc[]): Map<string, { mediaType: string; assetId: string; docs: Doc[] }> {
  const groups = new Map<string, { mediaType: string; assetId: string; docs: Doc[] }>();
  for (const doc of docs) {
    const mediaType = textOf(doc.media_type, 'images');
    const assetId = textOf(doc.asset_id);
    const key = `${mediaType}\u0000${assetId}`;
    const group = groups.get(key) ?? { mediaType, assetId, docs: [] };
    group.docs.push(doc);
    groups.set(key, group);
  }
  return groups;
}

/**
 * Files these annotations point at: masks and raw annotation files (deleted when no remaining
 * annotation has `field` (= `value`)) and mask thumbnails (`field` empty: always theirs alone).
 */
function ownedObjects(docs: readonly Doc[]): { field: string; value?: string; access: unknown }[] {
  const out: { field: string; value?: string; access: unknown }[] = [];
  for (const doc of docs) {
    if (isPlainObject(doc.masks)) {
      for (const [maskId, access] of Object.entries(doc.masks)) if (access) out.push({ field: `masks.${maskId}`, access });
    }
    // Thumbnails are stored per annotation (their keys hold its id): nobody else refers to them.
    if (isPlainObject(doc.masks_thumbnails)) {
      for (const byMask of Object.values(doc.masks_thumbnails)) {
        if (isPlainObject(byMask)) for (const access of Object.values(byMask)) out.push({ field: '', access });
      }
    }
    const raw = doc.object_access;
    if (isPlainObject(raw) && typeof raw.uri === 'string') out.push({ field: 'object_access.uri', value: raw.uri, access: raw });
  }
  return out;
}

/**
 * Deletes annotation documents and removes every reference to them from their media assets.
 * Each media asset is one transaction (its annotations go and its document is rewritten, or
 * nothing changes), so a failure leaves no dangling id. Mask and raw files no remaining annotation
 * refers to are deleted after the commit.
 */
export async function removeAnnotationDocs(services: EngineServices, ctx: JobContext, report: ItemReport, docs: readonly Doc[]): Promise<number> {
  const { db, meta, storage } = services;
  const org = ctx.organizationId;
  const annotations = { organizationId: org, assetType: ANNOTATIONS };
  const groups = [...byMediaAsset(docs).values()];
  let removed = 0;
  for (const group of groups) {
    ctx.signal.throwIfAborted();
    const ids = group.docs.map((d) => String(d.id));
    try {
      db.transaction(() => {
        const removedIds = new Set(ids);
        if (isAssetType(group.mediaType)) {
          const scope = { organizationId: org, assetType: group.mediaType };
          const media = meta.get(scope, group.assetId);
          if (media) {
            const listed = Array.isArray(media.annotations) ? media.annotations.map(String) : [];
            const remaining = meta.getMany(annotations, listed.filter((id) => !removedIds.has(id)));
            meta.write(scope, [{ id: group.assetId, doc: detachAnnotations(media, group.docs, remaining) }], { replace: true, replaceSets: true });
          }
        }
        meta.delete(annotations, ids);
      })();
      removed += ids.length;
      report.ok(ids.length);
    } catch (error) {
      report.fail(`annotations ${ids.join(', ')} of ${group.mediaType} ${group.assetId}`, error);
      continue;
    }
    for (const object of ownedObjects(group.docs)) {
      const query = object.value === undefined ? { exists_filters: [{ field: object.field }] } : { filters: [filterOf(object.field, [object.value])] };
      if (object.field && meta.count(annotations, query) > 0) continue;
      await deleteObjectOf(storage, org, object.access).catch((error: unknown) => report.fail(`file ${JSON.stringify(object.access)}`, error));
    }
  }
  return removed;
}

/** Removes annotations by id, a batch of documents at a time, reporting progress per batch. */
export async function removeInBatches(services: EngineServices, ctx: JobContext, report: ItemReport, ids: readonly string[]): Promise<number> {
  const batches = chunksOf(ids);
  let removed = 0;
  for (const [i, batch] of batches.entries()) {
    const docs = services.meta.getMany({ organizationId: ctx.organizationId, assetType: ANNOTATIONS }, batch);
    removed += await removeAnnotationDocs(services, ctx, report, docs);
    ctx.progress(((i + 1) / batches.length) * 100, 'removing annotations');
  }
  return removed;
}
