import { Annotation, type AnnotationOptions } from './Annotation';
import { entityFromShape } from './annotationEntity';
import { AnnotationValidationError } from './AnnotationValidationError';
import { Polygon, type PolygonInput } from './Polygon';

/** `polygon`: each polygon's vertices as `{x, y}`. */
export class PolygonAnnotation extends Annotation {
  public constructor(options: AnnotationOptions & { polygons: readonly (Polygon | PolygonInput)[] }) {
    super('polygon', options, (subject) => AnnotationValidationError.within(subject, () => ({
      entities: options.polygons.map((input) => {
        const polygon = input instanceof Polygon ? input : new Polygon(input);
        return entityFromShape('polygon', polygon, { coordinates: polygon.coordinates.map(([x, y]) => ({ x, y })) });
      }),
    })));
  }
}
