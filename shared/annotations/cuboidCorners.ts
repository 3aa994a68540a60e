import { AnnotationValidationError } from './AnnotationValidationError';

/** The eight corners in the client's serialization order: the front face, then the back face. */
export const CUBOID_CORNERS = ['tl1', 'bl1', 'tr1', 'br1', 'tl2', 'bl2', 'tr2', 'br2'] as const;
export type CuboidCorner = (typeof CUBOID_CORNERS)[number];

/**
 * Checks a cuboid's corners: all eight present, each with `dims` finite numbers. Cuboid coordinates
 * are world-normalized and may be negative, unlike image coordinates.
 */
export function cuboidCorners<T extends readonly number[]>(subject: string, input: Partial<Record<CuboidCorner, T | null>>, dims: 2 | 3): T[] {
  return CUBOID_CORNERS.map((corner) => {
    const value = input[corner];
    if (value === null || value === undefined) throw new AnnotationValidationError(subject, `${corner} cannot be None`);
    if (!Array.isArray(value) || value.length !== dims || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new AnnotationValidationError(subject, `${corner} must be ${dims} finite numbers`);
    }
    return value;
  });
}
