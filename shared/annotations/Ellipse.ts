import type { CoordinateDoc } from './annotationDocuments';
import { AnnotationValidationError } from './AnnotationValidationError';
import { checkNonNegative, entityCommon, entitySubject, type EntityCommon, type EntityCommonInput } from './entityCommon';

export interface EllipseInput extends EntityCommonInput {
  centreX: number;
  centreY: number;
  radiusX: number;
  radiusY: number;
  /** Degrees, counter-clockwise from the positive x axis; 0 when not given. */
  rotation?: number;
}

/** One ellipse of an EllipseAnnotation; stored as its four extreme points. */
export class Ellipse {
  public readonly common: EntityCommon;
  public readonly centreX: number;
  public readonly centreY: number;
  public readonly radiusX: number;
  public readonly radiusY: number;
  public readonly rotation: number;

  public constructor(input: EllipseInput) {
    this.common = entityCommon('Ellipse', input);
    const subject = entitySubject('Ellipse', input.label);
    for (const [name, value] of [['centre_x', input.centreX], ['centre_y', input.centreY], ['rotation', input.rotation ?? 0]] as const) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new AnnotationValidationError(subject, `${name} must be a number`);
    }
    this.centreX = input.centreX;
    this.centreY = input.centreY;
    this.radiusX = checkNonNegative(subject, 'radius_x', input.radiusX);
    this.radiusY = checkNonNegative(subject, 'radius_y', input.radiusY);
    this.rotation = input.rotation ?? 0;
  }

  /**
   * The ends of both axes, `(rx, 0), (0, ry), (-rx, 0), (0, -ry)` around the origin, rotated by
   * `rotation` degrees and moved to the centre (the client's `rotate_2d`, then the translation).
   */
  public extremePoints(): CoordinateDoc[] {
    const angle = (this.rotation * Math.PI) / 180;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const axes: [number, number][] = [[this.radiusX, 0], [0, this.radiusY], [-this.radiusX, 0], [0, -this.radiusY]];
    return axes.map(([x, y]) => ({ x: x * cos - y * sin + this.centreX, y: x * sin + y * cos + this.centreY }));
  }
}
