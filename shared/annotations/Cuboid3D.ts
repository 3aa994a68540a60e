import { cuboidCorners, type CuboidCorner } from './cuboidCorners';
import { entityCommon, entitySubject, type EntityCommon, type EntityCommonInput } from './entityCommon';

export type Cuboid3DInput = EntityCommonInput & Record<CuboidCorner, readonly [number, number, number]> & { categoryId?: number | string | null };

/** A cuboid in a lidar scan: two faces of four `(x, y, z)` corners each. */
export class Cuboid3D {
  public readonly common: EntityCommon;
  /** tl1, bl1, tr1, br1, tl2, bl2, tr2, br2. */
  public readonly corners: (readonly [number, number, number])[];
  public readonly categoryId: number | string | null;

  public constructor(input: Cuboid3DInput) {
    this.common = entityCommon('Cuboid3D', input);
    this.corners = cuboidCorners(entitySubject('Cuboid3D', input.label), input, 3);
    this.categoryId = input.categoryId ?? null;
  }
}
