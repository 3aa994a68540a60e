import { cuboidCorners, type CuboidCorner } from './cuboidCorners';
import { entityCommon, entitySubject, type EntityCommon, type EntityCommonInput } from './entityCommon';

export type Cuboid2DInput = EntityCommonInput & Record<CuboidCorner, readonly [number, number]> & { categoryId?: number | string | null };

/** A cuboid drawn on an image: two faces of four `(x, y)` corners each. */
export class Cuboid2D {
  public readonly common: EntityCommon;
  /** tl1, bl1, tr1, br1, tl2, bl2, tr2, br2. */
  public readonly corners: (readonly [number, number])[];
  public readonly categoryId: number | string | null;

  public constructor(input: Cuboid2DInput) {
    this.common = entityCommon('Cuboid2D', input);
    this.corners = cuboidCorners(entitySubject('Cuboid2D', input.label), input, 2);
    this.categoryId = input.categoryId ?? null;
  }
}
