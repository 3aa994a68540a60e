import { ASSET_INGESTION_LIMITS } from './annotationConstants';
import { checkVertices, entityCommon, entitySubject, type EntityCommon, type EntityCommonInput } from './entityCommon';

export interface LineInput extends EntityCommonInput {
  /** Vertices in order, `(x, y)` in pixels. */
  coordinates: readonly (readonly [number, number])[];
  /** Whether the annotator finished the line; the client keeps it on the object only. */
  complete?: boolean;
  categoryId?: number | string | null;
}

/** One polyline of a LineAnnotation (at most 100 vertices). */
export class Line {
  public readonly common: EntityCommon;
  public readonly coordinates: [number, number][];
  public readonly complete: boolean;
  public readonly categoryId: number | string | null;

  public constructor(input: LineInput) {
    this.common = entityCommon('Line', input);
    this.coordinates = checkVertices(entitySubject('Line', input.label), input.coordinates, ASSET_INGESTION_LIMITS.MAX_LINE_COORDINATES, 'line');
    this.complete = input.complete ?? false;
    this.categoryId = input.categoryId ?? null;
  }
}
