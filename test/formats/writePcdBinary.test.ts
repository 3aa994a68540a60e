import { describe, expect, it } from 'vitest';
import { parsePcd } from '../../shared/formats/pcd/parsePcd';
import { writePcdBinary, type PcdSourceField } from '../../shared/formats/pcd/writePcdBinary';

function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** The Velodyne driver layout: x y z, 4 bytes of padding, intensity, ring, padding to 32 bytes. */
const VELODYNE: PcdSourceField[] = [
  { name: 'x', offset: 0, size: 4, type: 'F', count: 1 },
  { name: 'y', offset: 4, size: 4, type: 'F', count: 1 },
  { name: 'z', offset: 8, size: 4, type: 'F', count: 1 },
  { name: 'intensity', offset: 16, size: 4, type: 'F', count: 1 },
  { name: 'ring', offset: 20, size: 2, type: 'U', count: 1 },
];

function velodyneCloud(width: number, height: number, rowStep: number, littleEndian = true): Uint8Array {
  const data = new Uint8Array(rowStep * height);
  const view = new DataView(data.buffer);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const base = r * rowStep + c * 32;
      const i = r * width + c;
      const hole = i % 5 === 3;
      view.setFloat32(base, hole ? Number.NaN : i * 0.5, littleEndian);
      view.setFloat32(base + 4, hole ? Number.NaN : -i, littleEndian);
      view.setFloat32(base + 8, hole ? Number.NaN : i / 3, littleEndian);
      view.setUint32(base + 12, 0xdeadbeef, littleEndian);
      view.setFloat32(base + 16, 100 + i, littleEndian);
      view.setUint16(base + 20, r, littleEndian);
    }
  }
  return data;
}

const PACKED_FIELDS = [['x', 4, 'F', 1], ['y', 4, 'F', 1], ['z', 4, 'F', 1], ['intensity', 4, 'F', 1], ['ring', 2, 'U', 1]];
const PADDED_FIELDS = [['x', 4, 'F', 1], ['y', 4, 'F', 1], ['z', 4, 'F', 1], ['_', 1, 'U', 4], ['intensity', 4, 'F', 1], ['ring', 2, 'U', 1], ['_', 1, 'U', 10]];

function expectVelodynePoints(bytes: Uint8Array, width: number, height: number, fields = PACKED_FIELDS): void {
  const { header, cloud } = parsePcd(bytes);
  expect(header.data).toBe('binary');
  expect(header.fields.map((f) => [f.name, f.size, f.type, f.count])).toEqual(fields);
  expect([header.width, header.height, header.points]).toEqual([width, height, width * height]);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      const hole = i % 5 === 3;
      if (hole) expect(cloud.value('x', i)).toBeNaN();
      else expect([cloud.value('x', i), cloud.value('y', i), cloud.value('z', i)]).toEqual([i * 0.5, -i, Math.fround(i / 3)]);
      expect(cloud.value('intensity', i)).toBe(100 + i);
      expect(cloud.value('ring', i)).toBe(r);
    }
  }
}

describe('writePcdBinary', () => {
  it('writes little-endian records as they are (no copy), padding declared as _ fields, keeping the organized grid and its NaN holes', () => {
    const data = velodyneCloud(7, 3, 7 * 32);
    const parts = writePcdBinary({ fields: VELODYNE, width: 7, height: 3, pointStep: 32, rowStep: 7 * 32, data });
    expect(parts[1].buffer).toBe(data.buffer);
    expect(parts[1].byteLength).toBe(7 * 3 * 32);
    expectVelodynePoints(join(parts), 7, 3, PADDED_FIELDS);
  });

  it('pack: drops the padding between and after fields', () => {
    const data = velodyneCloud(7, 3, 7 * 32);
    const parts = writePcdBinary({ fields: VELODYNE, width: 7, height: 3, pointStep: 32, rowStep: 7 * 32, data, pack: true });
    expect(parts[1].byteLength).toBe(7 * 3 * 18);
    expectVelodynePoints(join(parts), 7, 3);
  });

  it('joins padded rows (row_step larger than width × point_step)', () => {
    const data = velodyneCloud(4, 5, 4 * 32 + 24);
    expectVelodynePoints(join(writePcdBinary({ fields: VELODYNE, width: 4, height: 5, pointStep: 32, rowStep: 4 * 32 + 24, data })), 4, 5);
  });

  it('swaps big-endian components', () => {
    const data = velodyneCloud(6, 2, 6 * 32, false);
    expectVelodynePoints(join(writePcdBinary({ fields: VELODYNE, width: 6, height: 2, pointStep: 32, rowStep: 6 * 32, data, bigEndian: true })), 6, 2);
  });

  it('hands packed little-endian records over without copying them, fields in offset order', () => {
    const fields: PcdSourceField[] = [
      { name: 'intensity', offset: 12, size: 1, type: 'U', count: 1 },
      { name: 'x', offset: 0, size: 4, type: 'F', count: 1 },
      { name: 'normal', offset: 4, size: 4, type: 'F', count: 2 },
      { name: 't', offset: 13, size: 8, type: 'I', count: 1 },
    ];
    const data = new Uint8Array(21 * 4);
    const view = new DataView(data.buffer);
    for (let i = 0; i < 4; i++) {
      view.setFloat32(i * 21, i + 0.25, true);
      view.setFloat32(i * 21 + 4, -i, true);
      view.setFloat32(i * 21 + 8, 2 * i, true);
      view.setUint8(i * 21 + 12, 200 + i);
      view.setBigInt64(i * 21 + 13, BigInt(-1e15) - BigInt(i), true);
    }
    const [header, body] = writePcdBinary({ fields, width: 4, height: 1, pointStep: 21, rowStep: 84, data });
    expect(body.buffer).toBe(data.buffer);
    const { cloud } = parsePcd(join([header, body]));
    expect(cloud.fields.map((f) => f.name)).toEqual(['x', 'normal', 'intensity', 't']);
    expect([cloud.value('x', 3), cloud.value('normal', 3, 0), cloud.value('normal', 3, 1), cloud.value('intensity', 3), cloud.value('t', 3)])
      .toEqual([3.25, -3, 6, 203, -1e15 - 3]);
  });

  it('repacks with 4-byte, 2-byte and 1-byte copies as the layout allows, from data that does not start its buffer', () => {
    const layouts: { fields: PcdSourceField[]; step: number }[] = [
      { fields: [{ name: 'x', offset: 0, size: 4, type: 'F', count: 3 }, { name: 'i', offset: 16, size: 4, type: 'F', count: 1 }], step: 24 },
      { fields: [{ name: 'x', offset: 2, size: 2, type: 'U', count: 1 }, { name: 'i', offset: 8, size: 2, type: 'I', count: 2 }], step: 16 },
      { fields: [{ name: 'x', offset: 1, size: 1, type: 'U', count: 1 }, { name: 'i', offset: 3, size: 4, type: 'F', count: 1 }], step: 9 },
    ];
    for (const { fields, step } of layouts) {
      const points = 5;
      const backing = new Uint8Array(step * points + 3);
      for (let i = 0; i < backing.length; i++) backing[i] = (i * 37 + 11) & 0xff;
      // An odd start, as a view into a decompressed chunk may have: only byte copies are safe then.
      for (const start of [0, 1]) {
        const data = backing.subarray(start, start + step * points);
        const { cloud, header } = parsePcd(join(writePcdBinary({ fields, width: points, height: 1, pointStep: step, rowStep: step * points, data, pack: true })));
        expect(header.pointSize).toBe(fields.reduce((n, f) => n + f.size * f.count, 0));
        for (let p = 0; p < points; p++) {
          for (const f of fields) {
            for (let c = 0; c < f.count; c++) {
              const view = new DataView(data.buffer, data.byteOffset + p * step + f.offset + c * f.size, f.size);
              const expected = f.type === 'F' ? view.getFloat32(0, true) : f.size === 1 ? view.getUint8(0) : f.type === 'I' ? view.getInt16(0, true) : view.getUint16(0, true);
              const got = cloud.value(f.name, p, c);
              expect(Number.isNaN(expected) ? Number.isNaN(got) : got === expected, `${f.name}[${p}][${c}] at start ${start}`).toBe(true);
            }
          }
        }
      }
    }
  });

  it('writes an empty cloud that parses', () => {
    const parsed = parsePcd(join(writePcdBinary({ fields: VELODYNE, width: 0, height: 1, pointStep: 32, rowStep: 0, data: new Uint8Array(0) })));
    expect(parsed.cloud.pointCount).toBe(0);
  });

  it('refuses overlapping, repeated or overrunning fields and short data, saying why', () => {
    const base = { width: 1, height: 1, pointStep: 8, rowStep: 8, data: new Uint8Array(8) };
    expect(() => writePcdBinary({ ...base, fields: [{ name: 'x', offset: 0, size: 4, type: 'F', count: 1 }, { name: 'y', offset: 2, size: 4, type: 'F', count: 1 }] }))
      .toThrow(/overlaps/);
    expect(() => writePcdBinary({ ...base, fields: [{ name: 'x', offset: 0, size: 4, type: 'F', count: 1 }, { name: 'x', offset: 4, size: 4, type: 'F', count: 1 }] }))
      .toThrow(/twice/);
    expect(() => writePcdBinary({ ...base, fields: [{ name: 'x', offset: 6, size: 4, type: 'F', count: 1 }] })).toThrow(/past the point step/);
    expect(() => writePcdBinary({ ...base, width: 2, rowStep: 16, fields: [{ name: 'x', offset: 0, size: 4, type: 'F', count: 1 }] })).toThrow(/need 16 bytes/);
    expect(() => writePcdBinary({ ...base, fields: [{ name: 'a b', offset: 0, size: 4, type: 'F', count: 1 }] })).toThrow(/cannot be written/);
  });
});
