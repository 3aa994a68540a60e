import { Annotation, type AnnotationOptions } from './Annotation';
import { entityFromShape } from './annotationEntity';
import { AnnotationValidationError } from './AnnotationValidationError';
import { BoundingBox, type BoundingBoxInput } from './BoundingBox';
import { entitySubject } from './entityCommon';

/** `two_d_bounding_box`: each box becomes its four corners, (x_min, y_min) first, then clockwise on screen. */
export class BoundingBoxAnnotation extends Annotation {
  public constructor(options: AnnotationOptions & { boundingBoxes: readonly (BoundingBox | BoundingBoxInput)[] }) {
    super('two_d_bounding_box', options, (subject) => AnnotationValidationError.within(subject, () => ({
      entities: options.boundingBoxes.map((input) => {
        const box = input instanceof BoundingBox ? input : new BoundingBox(input);
        const trackId = box.common.attributes?.track_id;
        // The client checks only a truthy track_id, so 0 and null pass as they do there.
        if (trackId && !Number.isInteger(trackId)) {
          throw new AnnotationValidationError(entitySubject('BoundingBox', box.common.label), `attributes.track_id must be an int, got ${JSON.stringify(trackId)}`);
        }
        return entityFromShape('two_d_bounding_box', box, {
          coordinates: [{ x: box.xMin, y: box.yMin }, { x: box.xMax, y: box.yMin }, { x: box.xMax, y: box.yMax }, { x: box.xMin, y: box.yMax }],
        });
      }),
    })));
  }
}
