import { Annotation, type AnnotationOptions } from './Annotation';
import { annotationEntity } from './annotationEntity';
import { AnnotationValidationError } from './AnnotationValidationError';
import { Pose, type PoseInput } from './Pose';

/** `two_d_pose`: each pose's keypoints (as `Point.to_dic()`) and connections. */
export class PoseAnnotation extends Annotation {
  public constructor(options: AnnotationOptions & { poses: readonly (Pose | PoseInput)[] }) {
    super('two_d_pose', options, (subject) => AnnotationValidationError.within(subject, () => ({
      entities: options.poses.map((input) => {
        const pose = input instanceof Pose ? input : new Pose(input);
        return annotationEntity({
          label: pose.label,
          annotationType: 'two_d_pose',
          attributes: pose.attributes,
          keypoints: pose.keypoints,
          connections: pose.connections,
        });
      }),
    })));
  }
}
