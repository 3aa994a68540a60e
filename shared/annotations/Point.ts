import type { PointDoc } from './annotationDocuments';
import { checkNonNegative, entityCommon, entitySubject, type EntityCommon, type EntityCommonInput } from './entityCommon';

export interface PointInput extends EntityCommonInput {
  /** x, in pixels from the left edge. */
  left: number;
  /** y, in pixels from the top edge. */
  top: number;
  categoryId?: number | string | null;
  /** `"point"` when given. */
  geometry?: string | null;
}

/** One keypoint: a PointAnnotation's entity, or a Pose's keypoint. */
export class Point {
  public readonly common: EntityCommon;
  public readonly left: number;
  public readonly top: number;
  public readonly categoryId: number | string | null;
  public readonly geometry: string | null;

  public constructor(input: PointInput) {
    this.common = entityCommon('Point', input);
    const subject = entitySubject('Point', input.label);
    this.left = checkNonNegative(subject, 'left', input.left);
    this.top = checkNonNegative(subject, 'top', input.top);
    this.categoryId = input.categoryId ?? null;
    this.geometry = input.geometry ?? null;
  }

  /** `Point.to_dic()`: every key, unset ones null (this is how pose keypoints are stored). */
  public toDic(): PointDoc {
    return {
      label: this.common.label,
      uid: this.common.uid ?? null,
      confidence: this.common.confidence ?? null,
      attributes: this.common.attributes ?? null,
      left: this.left,
      top: this.top,
      category_id: this.categoryId,
      geometry: this.geometry,
    };
  }
}
