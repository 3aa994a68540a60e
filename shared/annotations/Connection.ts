import type { ConnectionDoc } from './annotationDocuments';
import { AnnotationValidationError } from './AnnotationValidationError';
import { checkConfidence } from './entityCommon';

export interface ConnectionInput {
  /** Index of the keypoint the connection starts at, in the pose's `keypoints`. */
  startIndex: number;
  endIndex: number;
  confidence?: number | null;
}

/** A directed edge between two keypoints of a Pose. */
export class Connection {
  public readonly startIndex: number;
  public readonly endIndex: number;
  public readonly confidence: number | undefined;

  public constructor(input: ConnectionInput) {
    const subject = `Connection ${input.startIndex}->${input.endIndex}`;
    for (const [name, value] of [['start_index', input.startIndex], ['end_index', input.endIndex]] as const) {
      if (!Number.isInteger(value) || value < 0) throw new AnnotationValidationError(subject, `${name} must be a non-negative integer`);
    }
    this.startIndex = input.startIndex;
    this.endIndex = input.endIndex;
    this.confidence = checkConfidence(subject, input.confidence);
  }

  public toDic(): ConnectionDoc {
    return { start_index: this.startIndex, end_index: this.endIndex, confidence: this.confidence ?? null };
  }
}
