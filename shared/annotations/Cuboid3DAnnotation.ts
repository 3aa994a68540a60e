import { Annotation, type AnnotationOptions } from './Annotation';
import { entityFromShape } from './annotationEntity';
import { AnnotationValidationError } from './AnnotationValidationError';
import { Cuboid3D, type Cuboid3DInput } from './Cuboid3D';

/** `three_d_cuboid`: eight `{x, y, z}` corners per cuboid; the media type is always `lidars`. */
export class Cuboid3DAnnotation extends Annotation {
  public constructor(options: Omit<AnnotationOptions, 'mediaType'> & { cuboids: readonly (Cuboid3D | Cuboid3DInput)[] }) {
    super('three_d_cuboid', { ...options, mediaType: 'lidars' }, (subject) => AnnotationValidationError.within(subject, () => ({
      entities: options.cuboids.map((input) => {
        const cuboid = input instanceof Cuboid3D ? input : new Cuboid3D(input);
        return entityFromShape('three_d_cuboid', cuboid, { coordinates: cuboid.corners.map(([x, y, z]) => ({ x, y, z })) });
      }),
    })));
  }
}
