import { ASSET_INGESTION_LIMITS } from './annotationConstants';
import { AnnotationValidationError } from './AnnotationValidationError';
import { Connection, type ConnectionInput } from './Connection';
import { checkAttributes, entitySubject } from './entityCommon';
import { Point, type PointInput } from './Point';

export interface PoseInput {
  label: string;
  keypoints: readonly (Point | PointInput)[];
  connections: readonly (Connection | ConnectionInput)[];
  attributes?: Record<string, unknown> | null;
}

/** One skeleton of a PoseAnnotation: keypoints and the connections between them. */
export class Pose {
  public readonly label: string;
  public readonly keypoints: Point[];
  public readonly connections: Connection[];
  public readonly attributes: Record<string, unknown> | undefined;

  public constructor(input: PoseInput) {
    const subject = entitySubject('Pose', input.label);
    if (typeof input.label !== 'string') throw new AnnotationValidationError(subject, 'label must be a string');
    const { MAX_POSE_KEYPOINTS, MAX_POSE_CONNECTIONS } = ASSET_INGESTION_LIMITS;
    if (input.keypoints.length > MAX_POSE_KEYPOINTS) {
      throw new AnnotationValidationError(subject, `a pose can have no more than ${MAX_POSE_KEYPOINTS} keypoints, got ${input.keypoints.length}`);
    }
    if (input.connections.length > MAX_POSE_CONNECTIONS) {
      throw new AnnotationValidationError(subject, `a pose can have no more than ${MAX_POSE_CONNECTIONS} connections, got ${input.connections.length}`);
    }
    this.label = input.label;
    this.keypoints = input.keypoints.map((k) => (k instanceof Point ? k : new Point(k)));
    this.connections = input.connections.map((c) => (c instanceof Connection ? c : new Connection(c)));
    // The client lets an index equal the keypoint count (an off-by-one); an edge must name two keypoints.
    for (const c of this.connections) {
      for (const index of [c.startIndex, c.endIndex]) {
        if (index >= this.keypoints.length) {
          throw new AnnotationValidationError(subject, `connection ${c.startIndex}->${c.endIndex} refers to keypoint ${index}, but the pose has ${this.keypoints.length}`);
        }
      }
    }
    this.attributes = checkAttributes(subject, input.attributes);
  }
}
