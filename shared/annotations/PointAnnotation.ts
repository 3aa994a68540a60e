import { Annotation, type AnnotationOptions } from './Annotation';
import { entityFromShape } from './annotationEntity';
import { AnnotationValidationError } from './AnnotationValidationError';
import { Point, type PointInput } from './Point';

/** `point`: one `{x: left, y: top}` coordinate per point. */
export class PointAnnotation extends Annotation {
  public constructor(options: AnnotationOptions & { points: readonly (Point | PointInput)[] }) {
    super('point', options, (subject) => AnnotationValidationError.within(subject, () => ({
      entities: options.points.map((input) => {
        const point = input instanceof Point ? input : new Point(input);
        return entityFromShape('point', point, { coordinates: [{ x: point.left, y: point.top }] });
      }),
    })));
  }
}
