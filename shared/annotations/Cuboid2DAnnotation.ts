import { Annotation, type AnnotationOptions } from './Annotation';
import { entityFromShape } from './annotationEntity';
import { AnnotationValidationError } from './AnnotationValidationError';
import { Cuboid2D, type Cuboid2DInput } from './Cuboid2D';

/** `two_d_cuboid`: eight `{x, y}` corners per cuboid. */
export class Cuboid2DAnnotation extends Annotation {
  public constructor(options: AnnotationOptions & { cuboids: readonly (Cuboid2D | Cuboid2DInput)[] }) {
    super('two_d_cuboid', options, (subject) => AnnotationValidationError.within(subject, () => ({
      entities: options.cuboids.map((input) => {
        const cuboid = input instanceof Cuboid2D ? input : new Cuboid2D(input);
        return entityFromShape('two_d_cuboid', cuboid, { coordinates: cuboid.corners.map(([x, y]) => ({ x, y })) });
      }),
    })));
  }
}
