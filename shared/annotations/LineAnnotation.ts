import { Annotation, type AnnotationOptions } from './Annotation';
import { entityFromShape } from './annotationEntity';
import { AnnotationValidationError } from './AnnotationValidationError';
import { Line, type LineInput } from './Line';

/** `line`: each polyline's vertices as `{x, y}`. */
export class LineAnnotation extends Annotation {
  public constructor(options: AnnotationOptions & { lines: readonly (Line | LineInput)[] }) {
    super('line', options, (subject) => AnnotationValidationError.within(subject, () => ({
      entities: options.lines.map((input) => {
        const line = input instanceof Line ? input : new Line(input);
        return entityFromShape('line', line, { coordinates: line.coordinates.map(([x, y]) => ({ x, y })) });
      }),
    })));
  }
}
