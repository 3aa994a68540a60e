import { Annotation, type AnnotationOptions } from './Annotation';
import { annotationEntity } from './annotationEntity';
import { AnnotationValidationError } from './AnnotationValidationError';
import { Label, type LabelInput } from './Label';

/** `classification`: one entity per label, without coordinates, with its `class_name`. */
export class ClassificationAnnotation extends Annotation {
  public constructor(options: AnnotationOptions & { labels: readonly (Label | LabelInput)[] }) {
    super('classification', options, (subject) => AnnotationValidationError.within(subject, () => ({
      entities: options.labels.map((input) => {
        const label = input instanceof Label ? input : new Label(input);
        return annotationEntity({
          label: label.label,
          annotationType: 'classification',
          categoryId: label.categoryId,
          className: label.className,
          confidence: label.confidence,
        });
      }),
    })));
  }
}
