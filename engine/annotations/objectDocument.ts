import { standardizeName } from '../../shared/scenebox/standardizeName';
import type { Doc } from '../meta/mergeDocuments';
import type { Box } from './entityBox';
import type { CropBox, Margin } from './objectCropBox';
import { textOf } from './textOf';

export interface ObjectSource {
  media: Doc;
  mediaType: string;
  annotation: Doc;
  entity: Record<string, unknown>;
  box: Box;
  crop: CropBox;
  margin: Margin;
  outputSetId: string | null | undefined;
  sessionUid: string | null | undefined;
}

/** One id per annotation entity, so that running the extraction again overwrites its objects. */
export function objectIdOf(annotationId: string, entityUid: string): string {
  return standardizeName(`${annotationId}_${entityUid}`);
}

/**
 * The metadata of an object cut from an annotation entity: where it comes from (media asset,
 * annotation, entity), what it is (label, confidence), and the crop on the parent image.
 */
export function objectDocument(s: ObjectSource): Doc {
  const entityUid = textOf(s.entity.uid);
  return {
    id: objectIdOf(String(s.annotation.id), entityUid),
    timestamp: s.media.timestamp ?? s.annotation.timestamp ?? null,
    sensor: s.media.sensor ?? s.annotation.sensor ?? null,
    session_uid: s.sessionUid ?? s.media.session_uid ?? s.annotation.session_uid ?? null,
    sets: s.outputSetId ? [s.outputSetId] : [],
    media_type: s.mediaType,
    media_asset_id: String(s.media.id),
    annotation_id: String(s.annotation.id),
    annotation_entity_uid: entityUid,
    source_annotation_type: s.annotation.annotation_type ?? null,
    provider: s.annotation.provider ?? null,
    version: s.annotation.version ?? null,
    annotation_group: s.annotation.annotation_group ?? null,
    label: s.entity.label ?? null,
    category_id: s.entity.category_id ?? null,
    confidence: typeof s.entity.confidence === 'number' ? s.entity.confidence : null,
    attributes: s.entity.attributes ?? {},
    bounding_box: { x_min: s.box.xMin, y_min: s.box.yMin, x_max: s.box.xMax, y_max: s.box.yMax },
    crop_box: { x_min: s.crop.x, y_min: s.crop.y, x_max: s.crop.x + s.crop.width, y_max: s.crop.y + s.crop.height, width: s.crop.width, height: s.crop.height },
    margin: { ratio: s.margin.pixels === null ? s.margin.ratio : null, pixels: s.margin.pixels },
    image_width: s.media.width,
    image_height: s.media.height,
    width: s.crop.width,
    height: s.crop.height,
  };
}
