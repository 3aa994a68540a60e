import type { Annotation } from '../../shared/annotations/Annotation';
import type { AnnotationDocument } from '../../shared/annotations/annotationDocuments';
import { mediaAnnotationFields } from '../../shared/annotations/mediaAnnotationFields';
import { SegmentationAnnotation } from '../../shared/annotations/SegmentationAnnotation';
import type { AssetType } from '../../shared/scenebox/constants';
import type { AssetManagerClient } from '../AssetManagerClient';
import { AnnotationBatchError } from '../errors/AnnotationBatchError';

export interface AddAnnotationsOptions {
  /** Attach each annotation to its media asset (`annotations`, `annotations_meta`, `aux.labels`); default true. */
  updateAsset?: boolean;
  /** `aux.labels` as `<label>_<provider>` (default) or plain labels. */
  addProviderToLabels?: boolean;
}

const fileNameOf = (fileId: string): string => fileId.split('/').pop() ?? fileId;

/**
 * `add_annotations`, as the Python client does it (wire protocol §1.8): mask files and raw
 * annotations uploaded under `<provider>/`, the documents written with one `meta_batch` per 1000
 * (the engine checks each against its class), then each media asset updated with what it now carries.
 * The media assets must exist when they are to be updated: a missing one refuses the whole batch
 * before anything is written, naming each annotation that points at nothing.
 */
export async function addAnnotations(am: (type: AssetType) => AssetManagerClient, annotations: readonly Annotation[], options: AddAnnotationsOptions = {}): Promise<string[]> {
  const updateAsset = options.updateAsset ?? true;
  const byMedia = new Map<AssetType, Map<string, Annotation[]>>();
  for (const a of annotations) {
    const assets = byMedia.get(a.mediaType) ?? new Map<string, Annotation[]>();
    assets.set(a.assetId, [...(assets.get(a.assetId) ?? []), a]);
    byMedia.set(a.mediaType, assets);
  }
  if (updateAsset) {
    const problems: string[] = [];
    for (const [mediaType, assets] of byMedia) {
      const exists = await am(mediaType).existsMultiple([...assets.keys()]);
      for (const [assetId, list] of assets) {
        if (!exists[assetId]) problems.push(...list.map((a) => `annotation ${a.id}: ${mediaType} asset ${assetId} does not exist`));
      }
    }
    if (problems.length > 0) throw new AnnotationBatchError(problems);
  }
  const store = am('annotations');
  const docs: AnnotationDocument[] = [];
  for (const a of annotations) {
    if (a instanceof SegmentationAnnotation) {
      for (const [maskId, path] of Object.entries(a.maskFilesToUpload)) {
        if (a.masks[maskId]) continue;
        const stored = await store.putFile(path, { id: `${maskId}.png`, folder: a.provider, contentType: 'image/png' });
        a.recordUploadedMask(maskId, { uri: stored.uri, filename: fileNameOf(stored.fileId) });
      }
    }
    const doc = a.toDocument();
    if (a.raw?.kind === 'str') {
      const stored = await store.putFile(Buffer.from(a.raw.value, 'utf8'), { id: a.id, folder: a.provider, contentType: 'application/json' });
      doc.object_access = { uri: stored.uri, filename: fileNameOf(stored.fileId) };
    } else if (a.raw) {
      doc.object_access = a.raw.kind === 'url' ? { url: a.raw.value } : { uri: a.raw.value, filename: fileNameOf(a.raw.value) };
    }
    docs.push(doc);
  }
  const stored = (await store.putAssetsBatch(docs.map((metadata) => ({ metadata: { ...metadata } })))).map((r) => r.id);
  if (updateAsset) {
    for (const [mediaType, assets] of byMedia) {
      const ids = [...assets.keys()];
      await am(mediaType).updateMetadataBatch(ids, ids.map((id) => ({ ...mediaAnnotationFields(assets.get(id) ?? [], options.addProviderToLabels ?? true) })));
    }
  }
  return stored;
}
