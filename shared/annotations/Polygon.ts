import { ASSET_INGESTION_LIMITS } from './annotationConstants';
import { checkVertices, entityCommon, entitySubject, type EntityCommon, type EntityCommonInput } from './entityCommon';

export interface PolygonInput extends EntityCommonInput {
  /** Vertices in order, `(x, y)` in pixels; the last connects back to the first. */
  coordinates: readonly (readonly [number, number])[];
  categoryId?: number | string | null;
}

/** One polygon of a PolygonAnnotation (at most 500 vertices). */
export class Polygon {
  public readonly common: EntityCommon;
  public readonly coordinates: [number, number][];
  public readonly categoryId: number | string | null;

  public constructor(input: PolygonInput) {
    this.common = entityCommon('Polygon', input);
    this.coordinates = checkVertices(entitySubject('Polygon', input.label), input.coordinates, ASSET_INGESTION_LIMITS.MAX_POLYGON_COORDINATES, 'polygon');
    this.categoryId = input.categoryId ?? null;
  }
}
