// One in-memory shape for every point cloud format we read: a byte buffer plus, per field, where
// point 0 sits and how far apart consecutive points are. Record-major data (PCD binary, KITTI
// bins) and field-major data (PCD binary_compressed) then differ only in offsets and strides, so
// bounds, previews and probes never care which file the points came from.

export type PointFieldType = 'I' | 'U' | 'F';
export type PointFieldSize = 1 | 2 | 4 | 8;

/** A field as a PCD header declares it: `count` components of `size` bytes each. */
export interface PointField {
  readonly name: string;
  readonly size: PointFieldSize;
  readonly type: PointFieldType;
  readonly count: number;
}

/** Where a field's components live in the buffer. */
export interface PointFieldLayout extends PointField {
  /** Byte offset of component 0 of point 0. */
  readonly offset: number;
  /** Bytes from one point's value to the next point's value. */
  readonly stride: number;
}

export type PointReader = (pointIndex: number) => number;

export class PointTable {
  public readonly fields: readonly PointField[];
  public readonly pointCount: number;
  public readonly width: number;
  public readonly height: number;
  /** An organized cloud keeps the sensor's image grid (e.g. 640x480 stereo), with NaN holes. */
  public readonly organized: boolean;
  readonly #view: DataView;
  readonly #layouts: ReadonlyMap<string, PointFieldLayout>;
  /** In header order, padding fields (several may be named `_`) included. */
  readonly #layoutList: readonly PointFieldLayout[];

  public constructor(view: DataView, layouts: readonly PointFieldLayout[], pointCount: number, width: number, height: number) {
    this.#view = view;
    this.#layouts = new Map(layouts.map((l) => [l.name, l]));
    this.#layoutList = [...layouts];
    this.fields = layouts.map(({ name, size, type, count }) => ({ name, size, type, count }));
    this.pointCount = pointCount;
    this.width = width;
    this.height = height;
    this.organized = height > 1;
  }

  public hasField(name: string): boolean {
    return this.#layouts.has(name);
  }

  /** A fast reader for one component of one field; undefined when the field does not exist. */
  public reader(name: string, component = 0): PointReader | undefined {
    const layout = this.#layouts.get(name);
    if (!layout) return undefined;
    if (!Number.isInteger(component) || component < 0 || component >= layout.count) {
      throw new RangeError(`field ${name} has ${layout.count} component(s); component ${component} does not exist`);
    }
    const read = scalarReader(this.#view, layout.type, layout.size);
    const base = layout.offset + component * layout.size;
    const stride = layout.stride;
    return (i) => read(base + i * stride);
  }

  /**
   * Packed colours (`rgb`/`rgba`) are 4 bytes 0xAARRGGBB whether the header calls them F or U:
   * PCL historically stores them in a float, so the bits must be read, not the float's value.
   */
  public packedColorReader(): PointReader | undefined {
    const layout = this.#layouts.get('rgb') ?? this.#layouts.get('rgba');
    if (!layout || layout.size !== 4) return undefined;
    const view = this.#view;
    const { offset, stride } = layout;
    return (i) => view.getUint32(offset + i * stride, true);
  }

  /**
   * Copies one point's bytes into `target` at `targetOffset`, every field in header order, as a
   * binary PCD record holds them; returns the bytes written. Bytes, not values: packed colours
   * whose bits read as a NaN float and 64-bit integers past 2^53 survive unchanged.
   */
  public copyRecord(pointIndex: number, target: Uint8Array, targetOffset: number): number {
    if (!Number.isInteger(pointIndex) || pointIndex < 0 || pointIndex >= this.pointCount) {
      throw new RangeError(`point ${pointIndex} is out of range (the cloud has ${this.pointCount} points)`);
    }
    const source = new Uint8Array(this.#view.buffer, this.#view.byteOffset, this.#view.byteLength);
    let at = targetOffset;
    for (const layout of this.#layoutList) {
      const start = layout.offset + pointIndex * layout.stride;
      const length = layout.size * layout.count;
      target.set(source.subarray(start, start + length), at);
      at += length;
    }
    return at - targetOffset;
  }

  /** One value; throws on an unknown field or an index out of range. */
  public value(name: string, pointIndex: number, component = 0): number {
    if (!Number.isInteger(pointIndex) || pointIndex < 0 || pointIndex >= this.pointCount) {
      throw new RangeError(`point ${pointIndex} is out of range (the cloud has ${this.pointCount} points)`);
    }
    const read = this.reader(name, component);
    if (!read) throw new RangeError(`the cloud has no field ${name} (fields: ${this.fields.map((f) => f.name).join(' ')})`);
    return read(pointIndex);
  }
}

function scalarReader(view: DataView, type: PointFieldType, size: PointFieldSize): (byteOffset: number) => number {
  // PCD and KITTI data are little-endian on every platform that writes them.
  switch (type) {
    case 'F':
      if (size === 4) return (o) => view.getFloat32(o, true);
      if (size === 8) return (o) => view.getFloat64(o, true);
      break;
    case 'U':
      if (size === 1) return (o) => view.getUint8(o);
      if (size === 2) return (o) => view.getUint16(o, true);
      if (size === 4) return (o) => view.getUint32(o, true);
      // 64-bit integers lose precision past 2^53; point attributes (timestamps in ns) stay below it.
      return (o) => Number(view.getBigUint64(o, true));
    case 'I':
      if (size === 1) return (o) => view.getInt8(o);
      if (size === 2) return (o) => view.getInt16(o, true);
      if (size === 4) return (o) => view.getInt32(o, true);
      return (o) => Number(view.getBigInt64(o, true));
  }
  throw new RangeError(`type ${type} with size ${size} is not a valid point field`);
}
