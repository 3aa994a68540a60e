import { Annotation, type AnnotationOptions } from './Annotation';
import { entityFromShape } from './annotationEntity';
import { AnnotationValidationError } from './AnnotationValidationError';
import { Ellipse, type EllipseInput } from './Ellipse';

/** `ellipse`: each ellipse as the four ends of its rotated axes. */
export class EllipseAnnotation extends Annotation {
  public constructor(options: AnnotationOptions & { ellipses: readonly (Ellipse | EllipseInput)[] }) {
    super('ellipse', options, (subject) => AnnotationValidationError.within(subject, () => ({
      entities: options.ellipses.map((input) => {
        const ellipse = input instanceof Ellipse ? input : new Ellipse(input);
        return entityFromShape('ellipse', ellipse, { coordinates: ellipse.extremePoints() });
      }),
    })));
  }
}
