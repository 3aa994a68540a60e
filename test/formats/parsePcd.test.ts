import { describe, expect, it } from 'vitest';
import { parsePcd } from '../../shared/formats/pcd/parsePcd';
import { PcdParseError } from '../../shared/formats/pcd/PcdParseError';
import { extractRenderPoints } from '../../shared/formats/pointcloud/extractRenderPoints';
import { buildPcd, headerOf, type TestPcd, type TestPcdField } from '../helpers/buildPcd';

const XYZI: TestPcdField[] = [
  { name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' },
  { name: 'intensity', size: 4, type: 'F' },
];
const POINTS = [[1.5, -2, 3, 10], [-4, 5.25, 0.5, 20], [0.25, 8, -6, 30]];

/** Every integer and float type PCD allows, with multi-component fields. */
const MIXED: TestPcdField[] = [
  { name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' },
  { name: 'ring', size: 1, type: 'U' }, { name: 'delta', size: 1, type: 'I' },
  { name: 'u16', size: 2, type: 'U' }, { name: 'i16', size: 2, type: 'I' },
  { name: 'u32', size: 4, type: 'U' }, { name: 'i32', size: 4, type: 'I' },
  { name: 't', size: 8, type: 'U' }, { name: 'i64', size: 8, type: 'I' },
  { name: 'd', size: 8, type: 'F' }, { name: 'normal', size: 4, type: 'F', count: 3 },
];
const MIXED_POINTS = [
  [1, 2, 3, 255, -128, 65535, -32768, 4294967295, -2147483648, 2 ** 52, -(2 ** 40), 0.1, 0, 0, 1],
  [4, 5, 6, 0, 127, 0, 32767, 0, 2147483647, 1673400472138016, 5, -1e-300, 1, 0, 0],
];

const ENCODINGS = ['ascii', 'binary', 'binary_compressed'] as const;

describe('parsePcd on generated files', () => {
  for (const data of ENCODINGS) {
    it(`reads ${data} x y z intensity with bounds and a render scalar`, () => {
      const parsed = parsePcd(buildPcd({ fields: XYZI, points: POINTS, data }));
      expect(parsed.header.data).toBe(data);
      expect(parsed.cloud.pointCount).toBe(3);
      expect(parsed.cloud.fields.map((f) => f.name)).toEqual(['x', 'y', 'z', 'intensity']);
      expect(parsed.bounds).toEqual({ min: { x: -4, y: -2, z: -6 }, max: { x: 1.5, y: 8, z: 3 } });
      expect(parsed.finitePointCount).toBe(3);
      const render = extractRenderPoints(parsed.cloud);
      expect(Array.from(render.positions)).toEqual(POINTS.flatMap((p) => p.slice(0, 3)));
      expect(render.scalarName).toBe('intensity');
      expect(Array.from(render.scalar ?? [])).toEqual([10, 20, 30]);
      expect(render.colors).toBeUndefined();
    });

    it(`reads every field type and multi-component fields from ${data}`, () => {
      const parsed = parsePcd(buildPcd({ fields: MIXED, points: MIXED_POINTS, data }));
      const names = MIXED.flatMap((f) => Array.from({ length: f.count ?? 1 }, (_, c) => [f.name, c] as const));
      MIXED_POINTS.forEach((values, p) => {
        names.forEach(([name, component], k) => {
          expect(parsed.cloud.value(name, p, component), `${name}[${component}] of point ${p}`).toBe(values[k]);
        });
      });
      expect(parsed.header.pointSize).toBe(12 + 1 + 1 + 2 + 2 + 4 + 4 + 8 + 8 + 8 + 12);
    });

    it(`keeps NaN holes of an organized ${data} cloud out of bounds and render points`, () => {
      const points = [[NaN, NaN, NaN, 0], [1, 1, 1, 1], [2, NaN, 2, 2], [-3, 4, 5, 3], [NaN, NaN, NaN, 4], [0, 0, -1, 5]];
      const parsed = parsePcd(buildPcd({ fields: XYZI, points, data, width: 3, height: 2 }));
      expect(parsed.cloud.organized).toBe(true);
      expect([parsed.cloud.width, parsed.cloud.height]).toEqual([3, 2]);
      expect(parsed.finitePointCount).toBe(3);
      expect(parsed.bounds).toEqual({ min: { x: -3, y: 0, z: -1 }, max: { x: 1, y: 4, z: 5 } });
      const render = extractRenderPoints(parsed.cloud);
      expect(render.count).toBe(3);
      expect(Array.from(render.scalar ?? [])).toEqual([1, 3, 5]);
    });
  }

  it('unpacks rgb stored as F (PCL float bits) and rgba stored as U', () => {
    const packed = [0xff102030, 0x00a0b0c0];
    const asFloat = packed.map((u) => new Float32Array(new Uint32Array([u]).buffer)[0] as number);
    const rgbF = parsePcd(buildPcd({
      fields: [...XYZI.slice(0, 3), { name: 'rgb', size: 4, type: 'F' }], points: [[0, 0, 0, asFloat[0] as number], [1, 1, 1, asFloat[1] as number]], data: 'binary',
    }));
    const rgbaU = parsePcd(buildPcd({
      fields: [...XYZI.slice(0, 3), { name: 'rgba', size: 4, type: 'U' }], points: [[0, 0, 0, packed[0] as number], [1, 1, 1, packed[1] as number]], data: 'binary_compressed',
    }));
    for (const parsed of [rgbF, rgbaU]) {
      expect(Array.from(extractRenderPoints(parsed.cloud).colors ?? [])).toEqual([0x10, 0x20, 0x30, 0xa0, 0xb0, 0xc0]);
    }
  });

  it('reads an ascii file with CRLF line ends, comments and blank lines', () => {
    const text = headerOf({ fields: XYZI.slice(0, 3), points: [[0], [0]], data: 'ascii' }).replace(/\n/g, '\r\n') + '1 2 3\r\n\r\n# note\r\n-1 -2 -3\r\n';
    const parsed = parsePcd(Buffer.from(text, 'latin1'));
    expect(parsed.bounds).toEqual({ min: { x: -1, y: -2, z: -3 }, max: { x: 1, y: 2, z: 3 } });
  });

  it('accepts an ArrayBuffer and a file without VIEWPOINT, COUNT or HEIGHT (old .5 header)', () => {
    const text = 'VERSION .5\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 2\nPOINTS 2\nDATA ascii\n0 0 0\n1 1 1\n';
    const parsed = parsePcd(new Uint8Array(Buffer.from(text, 'latin1')).buffer);
    expect(parsed.header.version).toBe('.5');
    expect(parsed.header.viewpoint).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(parsed.cloud.height).toBe(1);
    expect(parsed.cloud.fields.every((f) => f.count === 1)).toBe(true);
  });

  it('reads an empty cloud', () => {
    for (const data of ENCODINGS) {
      const parsed = parsePcd(buildPcd({ fields: XYZI, points: [], data }));
      expect(parsed.cloud.pointCount).toBe(0);
      expect(parsed.bounds).toBeUndefined();
    }
  });

  it('accessors refuse unknown fields, components and points', () => {
    const { cloud } = parsePcd(buildPcd({ fields: XYZI, points: POINTS, data: 'binary' }));
    expect(cloud.reader('rgb')).toBeUndefined();
    expect(() => cloud.value('rgb', 0)).toThrow(/no field rgb/);
    expect(() => cloud.value('x', 3)).toThrow(/point 3 is out of range/);
    expect(() => cloud.reader('x', 1)).toThrow(/component 1 does not exist/);
  });
});

describe('parsePcd rejects broken files with the reason', () => {
  const good: TestPcd = { fields: XYZI, points: POINTS, data: 'binary' };
  const headerWith = (replace: [RegExp, string]): Uint8Array =>
    Buffer.from(headerOf(good).replace(...replace) + '0 0 0 0\n', 'latin1');
  const cases: [string, Uint8Array, RegExp][] = [
    ['a truncated binary body', buildPcd(good).subarray(0, -5), /DATA binary declares 3 points of 16 bytes \(48 bytes\) but the file holds 43 bytes after the header/],
    ['a missing DATA line', Buffer.from(headerOf(good).replace(/DATA.*\n/, ''), 'latin1'), /ends without a DATA line/],
    ['a non-PCD file', Buffer.from('\x89PNG\r\n\x1a\n....', 'latin1'), /is not a PCD header keyword/],
    ['SIZE with the wrong length', headerWith([/SIZE .*/, 'SIZE 4 4 4']), /SIZE lists 3 values but FIELDS names 4 fields/],
    ['a bad SIZE', headerWith([/SIZE .*/, 'SIZE 4 4 4 3']), /SIZE 3; PCD sizes are 1, 2, 4 or 8/],
    ['a bad TYPE', headerWith([/TYPE .*/, 'TYPE F F F X']), /TYPE X; PCD types are I, U or F/],
    ['a 2-byte float', headerWith([/SIZE .*/, 'SIZE 4 4 4 2']), /float of 2 bytes/],
    ['POINTS that disagree with WIDTH x HEIGHT', headerWith([/POINTS .*/, 'POINTS 7']), /POINTS 7 does not equal WIDTH 3 x HEIGHT 1 = 3/],
    ['an unknown DATA encoding', headerWith([/DATA .*/, 'DATA binary_lzma']), /DATA "binary_lzma" is not ascii, binary or binary_compressed/],
    ['a non-integer WIDTH', headerWith([/WIDTH .*/, 'WIDTH 3.5']), /WIDTH on header line 7 must be one non-negative integer/],
    ['a short VIEWPOINT', headerWith([/VIEWPOINT .*/, 'VIEWPOINT 0 0 0']), /VIEWPOINT on header line 9 must be 7 numbers/],
    ['a field named twice', headerWith([/FIELDS .*/, 'FIELDS x y x i']), /FIELDS names x twice/],
    ['a repeated keyword', headerWith([/HEIGHT 1/, 'HEIGHT 1\nHEIGHT 1']), /repeats HEIGHT/],
  ];
  for (const [what, bytes, reason] of cases) {
    it(`rejects ${what}`, () => {
      expect(() => parsePcd(bytes)).toThrow(PcdParseError);
      expect(() => parsePcd(bytes)).toThrow(reason);
    });
  }

  it('rejects ascii data with too few points, a wrong value count or a non-number', () => {
    const ascii = Buffer.from(buildPcd({ fields: XYZI, points: POINTS, data: 'ascii' })).toString('latin1');
    const lines = ascii.split('\n');
    expect(() => parsePcd(Buffer.from(lines.slice(0, -2).join('\n'), 'latin1'))).toThrow(/DATA ascii declares 3 points but the file holds 2 point lines/);
    expect(() => parsePcd(Buffer.from(`${ascii}9 9 9 9\n`, 'latin1'))).toThrow(/declares 3 points but line 15 holds point number 4/);
    expect(() => parsePcd(Buffer.from(ascii.replace('1.5 -2 3 10', '1.5 -2 3'), 'latin1'))).toThrow(/line 12 \(point 0\) has 3 values but the fields need 4/);
    expect(() => parsePcd(Buffer.from(ascii.replace('1.5 -2 3 10', '1.5 abc 3 10'), 'latin1'))).toThrow(/line 12: value "abc" for field y is not a number/);
  });

  it('rejects ascii integers that are not integers or do not fit the type', () => {
    const spec: TestPcd = { fields: [...XYZI.slice(0, 3), { name: 'ring', size: 1, type: 'U' }], points: [[0, 0, 0, 1]], data: 'ascii' };
    const text = Buffer.from(buildPcd(spec)).toString('latin1');
    expect(() => parsePcd(Buffer.from(text.replace(/\n0 0 0 1\n$/, '\n0 0 0 256\n'), 'latin1'))).toThrow(/value "256" for field ring is out of range for type U1/);
    expect(() => parsePcd(Buffer.from(text.replace(/\n0 0 0 1\n$/, '\n0 0 0 1.5\n'), 'latin1'))).toThrow(/value "1.5" for field ring is not an integer/);
  });

  it('rejects binary_compressed files whose sizes or LZF stream do not add up', () => {
    const file = Buffer.from(buildPcd({ fields: XYZI, points: POINTS, data: 'binary_compressed' }));
    const dataAt = file.indexOf('DATA binary_compressed\n') + 'DATA binary_compressed\n'.length;
    const withSizes = (compressed: number, uncompressed: number): Buffer => {
      const copy = Buffer.from(file);
      copy.writeUInt32LE(compressed, dataAt);
      copy.writeUInt32LE(uncompressed, dataAt + 4);
      return copy;
    };
    const compressedLength = file.readUInt32LE(dataAt);
    expect(() => parsePcd(withSizes(compressedLength, 47))).toThrow(/declares 47 uncompressed bytes but 3 points of 16 bytes need 48/);
    expect(() => parsePcd(withSizes(compressedLength + 100, 48))).toThrow(new RegExp(`declares ${compressedLength + 100} compressed bytes but only ${compressedLength} follow`));
    expect(() => parsePcd(file.subarray(0, dataAt + 5))).toThrow(/needs an 8-byte size prefix but the file holds 5 bytes/);
    const corrupt = Buffer.from(file);
    corrupt[dataAt + 8] = 0xff; // the first control byte now asks for a back reference into nothing
    expect(() => parsePcd(corrupt)).toThrow(/DATA binary_compressed is corrupt: LZF/);
  });

  it('rejects a header that never ends', () => {
    expect(() => parsePcd(Buffer.from(`VERSION 0.7\n${'# padding\n'.repeat(8000)}`, 'latin1'))).toThrow(/no DATA line in the first 65536 bytes/);
  });
});
