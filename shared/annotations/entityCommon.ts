import { AnnotationValidationError } from './AnnotationValidationError';

/** What every structured entity takes (the client's `StructuredAnnotationEntity`). */
export interface EntityCommonInput {
  label: string;
  uid?: string | null;
  /** In [0, 1]. */
  confidence?: number | null;
  attributes?: Record<string, unknown> | null;
}

export interface EntityCommon {
  label: string;
  uid: string | undefined;
  confidence: number | undefined;
  attributes: Record<string, unknown> | undefined;
}

/** How an entity is named in errors: its kind and label, e.g. `BoundingBox "car"`. */
export function entitySubject(kind: string, label: unknown): string {
  return `${kind} ${JSON.stringify(typeof label === 'string' ? label : String(label))}`;
}

export function checkConfidence(subject: string, confidence: number | null | undefined): number | undefined {
  if (confidence === null || confidence === undefined) return undefined;
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    throw new AnnotationValidationError(subject, `confidence must be a number in [0, 1], got ${String(confidence)}`);
  }
  return confidence;
}

export function checkAttributes(subject: string, attributes: unknown): Record<string, unknown> | undefined {
  if (attributes === null || attributes === undefined) return undefined;
  if (typeof attributes !== 'object' || Array.isArray(attributes)) {
    throw new AnnotationValidationError(subject, 'attributes must be an object');
  }
  return attributes as Record<string, unknown>;
}

export function checkLabel(subject: string, label: unknown): string {
  if (typeof label !== 'string' || label === '') throw new AnnotationValidationError(subject, 'a label string is required');
  return label;
}

/** A finite, non-negative number (image coordinates, radii). */
export function checkNonNegative(subject: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new AnnotationValidationError(subject, `${name} must be a number`);
  if (value < 0) throw new AnnotationValidationError(subject, `${name} must be non-negative, got ${value}`);
  return value;
}

/** Label, uid, confidence and attributes checked as the client's entity classes check them. */
export function entityCommon(kind: string, input: EntityCommonInput): EntityCommon {
  const subject = entitySubject(kind, input.label);
  return {
    label: checkLabel(subject, input.label),
    // Kept as given: the entity serializer standardizes it, a pose keypoint's dict does not.
    uid: input.uid ?? undefined,
    confidence: checkConfidence(subject, input.confidence),
    attributes: checkAttributes(subject, input.attributes),
  };
}

/** An `(x, y)` vertex list: non-empty, non-negative, at most `max` vertices (`AssetIngestionLimits`). */
export function checkVertices(subject: string, coordinates: unknown, max: number, what: string): [number, number][] {
  if (!Array.isArray(coordinates) || coordinates.length === 0) throw new AnnotationValidationError(subject, 'coordinates must be a non-empty list of (x, y) pairs');
  if (coordinates.length > max) throw new AnnotationValidationError(subject, `a ${what} can have no more than ${max} vertices, got ${coordinates.length}`);
  return coordinates.map((pair: unknown, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new AnnotationValidationError(subject, `coordinates[${i}] must be an (x, y) pair`);
    return [checkNonNegative(subject, `coordinates[${i}].x`, pair[0]), checkNonNegative(subject, `coordinates[${i}].y`, pair[1])];
  });
}
