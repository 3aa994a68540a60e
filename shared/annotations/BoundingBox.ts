import { AnnotationValidationError } from './AnnotationValidationError';
import { checkNonNegative, entityCommon, entitySubject, type EntityCommon, type EntityCommonInput } from './entityCommon';

export interface BoundingBoxInput extends EntityCommonInput {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  categoryId?: number | string | null;
}

/** One box of a BoundingBoxAnnotation, in pixels. */
export class BoundingBox {
  public readonly common: EntityCommon;
  public readonly xMin: number;
  public readonly xMax: number;
  public readonly yMin: number;
  public readonly yMax: number;
  public readonly categoryId: number | string | null;

  public constructor(input: BoundingBoxInput) {
    this.common = entityCommon('BoundingBox', input);
    const subject = entitySubject('BoundingBox', input.label);
    this.xMin = checkNonNegative(subject, 'x_min', input.xMin);
    this.xMax = checkNonNegative(subject, 'x_max', input.xMax);
    this.yMin = checkNonNegative(subject, 'y_min', input.yMin);
    this.yMax = checkNonNegative(subject, 'y_max', input.yMax);
    if (this.xMax < this.xMin) throw new AnnotationValidationError(subject, `x_max (${this.xMax}) must not be less than x_min (${this.xMin})`);
    if (this.yMax < this.yMin) throw new AnnotationValidationError(subject, `y_max (${this.yMax}) must not be less than y_min (${this.yMin})`);
    this.categoryId = input.categoryId ?? null;
  }
}
