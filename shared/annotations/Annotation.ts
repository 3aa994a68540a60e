import { standardizeName } from '../scenebox/standardizeName';
import { secondsToIso } from '../time/isoTimestamp';
import { ANNOTATION_GROUPS, DEFAULT_PROVIDER, isAnnotationMediaType, type AnnotationMediaType, type AnnotationType } from './annotationConstants';
import type { AnnotationDic, AnnotationDocument, AnnotationEntityDoc, ObjectAccessDoc } from './annotationDocuments';
import { AnnotationValidationError } from './AnnotationValidationError';
import { newGuid } from './newGuid';

/** The client's `Annotation(**kwargs)`, in camelCase. Exactly one of the asset id keys is expected. */
export interface AnnotationOptions {
  id?: string | null;
  timestamp?: string | Date | null;
  assetId?: string | null;
  imageId?: string | null;
  videoId?: string | null;
  lidarId?: string | null;
  /** `images` by default. */
  mediaType?: string | null;
  /** `default_provider` by default. */
  provider?: string | null;
  sets?: (string | null)[];
  /** Appended to `sets` when the key is present, even as null (the COCO import's `"sets": [null]`). */
  setId?: string | null;
  sessionUid?: string | null;
  sensor?: string | null;
  version?: string | null;
  /** `ground_truth` by default. */
  annotationGroup?: string | null;
  masks?: Record<string, ObjectAccessDoc | null>;
  tags?: string[];
  /** Required for videos. */
  frame?: number | null;
  labelStatus?: unknown;
  aux?: unknown[] | Record<string, unknown>;
  rawAnnotationStr?: string | null;
  rawAnnotationJson?: unknown;
  rawAnnotationUrl?: string | null;
  rawAnnotationUri?: string | null;
}

export interface BuiltEntities {
  entities: AnnotationEntityDoc[];
  masks?: Record<string, ObjectAccessDoc | null>;
}

export type RawAnnotation = { kind: 'str'; value: string } | { kind: 'url'; value: string } | { kind: 'uri'; value: string };

/**
 * Base of every `*Annotation` class. It checks what the client's base class checks (asset id,
 * media type, frame for videos, one raw source at most); subclasses build `annotationEntities`.
 */
export abstract class Annotation {
  public readonly id: string;
  public readonly timestamp: string;
  public readonly assetId: string;
  public readonly mediaType: AnnotationMediaType;
  public readonly annotationType: AnnotationType;
  public readonly provider: string;
  public readonly sets: (string | null)[];
  public readonly sessionUid: string | null;
  public readonly sensor: string | null;
  public readonly version: string | null;
  public readonly annotationGroup: string;
  public readonly masks: Record<string, ObjectAccessDoc | null>;
  public readonly tags: string[];
  public readonly frame: number | null;
  public readonly labelStatus: unknown;
  public readonly aux: unknown[] | Record<string, unknown>;
  /** The raw annotation file to upload beside the document, if any. */
  public readonly raw: RawAnnotation | undefined;
  public readonly annotationEntities: readonly AnnotationEntityDoc[];

  /**
   * `build` makes the entities once the common fields are checked; `subject` names this annotation
   * in its errors. It may also return the masks, which then replace `options.masks` (segmentation).
   */
  protected constructor(annotationType: AnnotationType, options: AnnotationOptions, build: (subject: string) => BuiltEntities) {
    this.id = standardizeName(options.id || newGuid());
    const subject = `${this.constructor.name} ${this.id}`;
    this.annotationType = annotationType;
    this.timestamp = timestampOf(options.timestamp);
    const assetId = options.assetId || options.imageId || options.videoId || options.lidarId;
    if (!assetId) throw new AnnotationValidationError(subject, 'asset_id (image, video, lidar) should be specified');
    this.assetId = standardizeName(assetId);
    const mediaType = options.mediaType || 'images';
    if (!isAnnotationMediaType(mediaType)) throw new AnnotationValidationError(subject, `invalid media type ${JSON.stringify(mediaType)}`);
    this.mediaType = mediaType;
    this.provider = options.provider || DEFAULT_PROVIDER;
    this.sets = [...(options.sets ?? [])];
    if (Object.hasOwn(options, 'setId')) this.sets.push(options.setId ?? null);
    this.sessionUid = options.sessionUid ?? null;
    this.sensor = options.sensor ?? null;
    this.version = options.version ?? null;
    this.annotationGroup = options.annotationGroup ?? 'ground_truth';
    if (!(ANNOTATION_GROUPS as readonly string[]).includes(this.annotationGroup)) {
      throw new AnnotationValidationError(subject, `annotation_group must be one of ${ANNOTATION_GROUPS.join(', ')}, got ${JSON.stringify(this.annotationGroup)}`);
    }
    this.tags = [...(options.tags ?? [])];
    this.frame = options.frame ?? null;
    if (this.frame !== null && (!Number.isInteger(this.frame) || this.frame < 0)) throw new AnnotationValidationError(subject, 'frame must be a non-negative integer');
    if (this.mediaType === 'videos' && this.frame === null) throw new AnnotationValidationError(subject, 'videos annotation need frame');
    this.labelStatus = options.labelStatus ?? null;
    this.aux = options.aux ?? [];
    this.raw = rawOf(subject, options);
    const built = build(subject);
    this.annotationEntities = built.entities;
    this.masks = { ...(built.masks ?? options.masks ?? {}) };
  }

  /** `Annotation.to_dic()`: labels are the distinct entity labels in first-seen order. */
  public toDic(): AnnotationDic {
    return {
      session_uid: this.sessionUid,
      timestamp: this.timestamp,
      asset_id: this.assetId,
      media_type: this.mediaType,
      provider: this.provider,
      annotation_type: this.annotationType,
      annotation_entities: this.annotationEntities.map((e) => cloneJson(e)),
      sets: [...this.sets],
      labels: [...new Set(this.annotationEntities.map((e) => e.label))],
      label_status: this.labelStatus,
      sensor: this.sensor,
      version: this.version,
      annotation_group: this.annotationGroup,
      masks: cloneJson(this.masks),
      frame: this.frame,
      tags: [...this.tags],
      aux: cloneJson(this.aux),
    };
  }

  /** The metadata `meta_batch/?asset_type=annotations` receives for this annotation. */
  public toDocument(): AnnotationDocument {
    return { ...this.toDic(), id: this.id };
  }
}

/** Strings pass through unchanged, as the client's `datetime_or_str_to_iso_utc` does; dates become `+00:00` ISO. */
function timestampOf(value: string | Date | null | undefined): string {
  if (typeof value === 'string') return value;
  return secondsToIso((value ?? new Date()).getTime() / 1000);
}

function rawOf(subject: string, options: AnnotationOptions): RawAnnotation | undefined {
  const given = [options.rawAnnotationStr, options.rawAnnotationJson, options.rawAnnotationUrl, options.rawAnnotationUri]
    .filter((v) => v !== null && v !== undefined);
  if (given.length > 1) throw new AnnotationValidationError(subject, 'only one of raw_annotation_str, json, uri, or url should be specified');
  if (typeof options.rawAnnotationStr === 'string') return { kind: 'str', value: options.rawAnnotationStr };
  if (options.rawAnnotationJson !== null && options.rawAnnotationJson !== undefined) return { kind: 'str', value: JSON.stringify(options.rawAnnotationJson) };
  if (options.rawAnnotationUrl) return { kind: 'url', value: options.rawAnnotationUrl };
  if (options.rawAnnotationUri) return { kind: 'uri', value: options.rawAnnotationUri };
  return undefined;
}

/** A deep copy of plain JSON data, so that callers cannot change the annotation through a document. */
function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
