import { Annotation, type AnnotationOptions } from './Annotation';
import type { AnnotationEntityDoc, ObjectAccessDoc } from './annotationDocuments';
import { annotationEntity } from './annotationEntity';
import { AnnotationValidationError } from './AnnotationValidationError';
import { checkAttributes, checkLabel, entitySubject } from './entityCommon';
import { md5Hex } from './md5Hex';
import { newGuid } from './newGuid';
import { MASK_TYPES } from './annotationConstants';

/** Per-mask lists, all as long as `labels`; the i-th entry of each describes the i-th mask region. */
export interface SegmentationOptions extends AnnotationOptions {
  labels: readonly string[];
  /** Hex colors (`#rgb` / `#rrggbb`) of the regions in their mask images; stored lowercased. */
  maskColors: readonly string[];
  maskUrls?: readonly (string | null)[];
  maskUris?: readonly (string | null)[];
  /** Local mask files; the uploader stores them as PNG and fills `masks` afterwards. */
  maskFilePaths?: readonly (string | null)[];
  maskIds?: readonly (string | null)[];
  /** `MultiColor` (default) or `SingleColor`. */
  maskTypes?: readonly (string | null)[];
  confidences?: readonly (number | null)[];
  attributesList?: readonly (Record<string, unknown> | null)[];
}

/** The file name part of a URI, as the client's `ObjectAccess(uri=...)` records it. */
function fileNameOf(uri: string): string {
  return uri.split('/').filter(Boolean).pop() ?? uri;
}

/**
 * `segmentation`: one entity per mask region. A mask's id defaults to the md5 of its URL, URI or
 * path, so that regions of one mask image share it; `masks` maps each id to where the image is
 * (null for local files until they are uploaded).
 */
export class SegmentationAnnotation extends Annotation {
  /** Mask id → local file to upload (the client's `mask_id_path_map`). */
  public readonly maskFilesToUpload: Readonly<Record<string, string>>;

  public constructor(options: SegmentationOptions) {
    const files: Record<string, string> = {};
    super('segmentation', options, (subject) => AnnotationValidationError.within(subject, () => build(subject, options, files)));
    this.maskFilesToUpload = files;
  }

  /** After a local mask file is uploaded (the client's `post_upload`): where it now is. */
  public recordUploadedMask(maskId: string, access: ObjectAccessDoc): void {
    if (!Object.hasOwn(this.maskFilesToUpload, maskId)) {
      throw new AnnotationValidationError(`SegmentationAnnotation ${this.id}`, `mask ${maskId} is not a local mask file of this annotation`);
    }
    this.masks[maskId] = { ...access };
  }
}

function build(subject: string, o: SegmentationOptions, files: Record<string, string>): { entities: AnnotationEntityDoc[]; masks: Record<string, ObjectAccessDoc | null> } {
  const n = o.labels.length;
  const lists = { mask_colors: o.maskColors, mask_urls: o.maskUrls, mask_uris: o.maskUris, mask_file_paths: o.maskFilePaths, mask_ids: o.maskIds, mask_types: o.maskTypes, confidences: o.confidences, attributes_list: o.attributesList };
  for (const [name, list] of Object.entries(lists)) {
    if (list !== undefined && list.length !== n) throw new AnnotationValidationError(subject, `${name} has ${list.length} entries but labels has ${n}`);
  }
  const masks: Record<string, ObjectAccessDoc | null> = {};
  const entities = o.labels.map((label, i) => {
    const entity = entitySubject('segmentation entity', label);
    checkLabel(entity, label);
    const url = o.maskUrls?.[i];
    const uri = o.maskUris?.[i];
    const path = o.maskFilePaths?.[i];
    let maskId = o.maskIds?.[i] ?? undefined;
    if (url) {
      maskId ||= md5Hex(url);
      masks[maskId] = { url };
    } else if (uri) {
      maskId ||= md5Hex(uri);
      masks[maskId] = { uri, filename: fileNameOf(uri) };
    } else if (path) {
      maskId ||= md5Hex(path);
      files[maskId] = path;
      masks[maskId] = null;
    } else {
      throw new AnnotationValidationError(entity, 'either a mask url, uri or file path should be specified');
    }
    const maskType = o.maskTypes?.[i] ?? 'MultiColor';
    if (!(MASK_TYPES as readonly string[]).includes(maskType)) throw new AnnotationValidationError(entity, `mask_type must be MultiColor or SingleColor, got ${JSON.stringify(maskType)}`);
    return annotationEntity({
      label,
      annotationType: 'segmentation',
      maskId: maskId || newGuid(),
      confidence: o.confidences?.[i] ?? undefined,
      maskColor: o.maskColors[i] ?? null,
      maskType,
      attributes: checkAttributes(entity, o.attributesList?.[i]),
    });
  });
  return { entities, masks };
}
