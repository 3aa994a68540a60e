import { compressLzf } from './compressLzf';

// Writes PCD files the way PCL lays them out, independently of the parser under test: text header,
// then ascii lines, packed records, or LZF-compressed columns behind two little-endian sizes.

export interface TestPcdField {
  name: string;
  size: 1 | 2 | 4 | 8;
  type: 'I' | 'U' | 'F';
  count?: number;
}

export interface TestPcd {
  fields: TestPcdField[];
  /** Per point, every component of every field in order. */
  points: number[][];
  data: 'ascii' | 'binary' | 'binary_compressed';
  width?: number;
  height?: number;
  /** Replaces the generated header lines entirely (for bad-header cases). */
  header?: string;
}

export function buildPcd(spec: TestPcd): Uint8Array {
  const body = spec.data === 'ascii' ? asciiBody(spec) : spec.data === 'binary' ? recordBody(spec) : compressedBody(spec);
  return Buffer.concat([Buffer.from(spec.header ?? headerOf(spec), 'latin1'), body]);
}

export function headerOf(spec: TestPcd): string {
  const counts = spec.fields.map((f) => f.count ?? 1);
  const width = spec.width ?? spec.points.length;
  const height = spec.height ?? 1;
  return [
    '# .PCD v0.7 - Point Cloud Data file format',
    'VERSION 0.7',
    `FIELDS ${spec.fields.map((f) => f.name).join(' ')}`,
    `SIZE ${spec.fields.map((f) => f.size).join(' ')}`,
    `TYPE ${spec.fields.map((f) => f.type).join(' ')}`,
    `COUNT ${counts.join(' ')}`,
    `WIDTH ${width}`,
    `HEIGHT ${height}`,
    'VIEWPOINT 0 0 0 1 0 0 0',
    `POINTS ${width * height}`,
    `DATA ${spec.data}`,
    '',
  ].join('\n');
}

function asciiBody(spec: TestPcd): Buffer {
  const lines = spec.points.map((values) => values.map((v) => (Number.isNaN(v) ? 'nan' : String(v))).join(' '));
  return Buffer.from(lines.map((l) => `${l}\n`).join(''), 'latin1');
}

function pointSize(spec: TestPcd): number {
  return spec.fields.reduce((sum, f) => sum + f.size * (f.count ?? 1), 0);
}

function recordBody(spec: TestPcd): Buffer {
  const size = pointSize(spec);
  const out = Buffer.alloc(size * spec.points.length);
  spec.points.forEach((values, p) => {
    let offset = p * size;
    let v = 0;
    for (const field of spec.fields) {
      for (let c = 0; c < (field.count ?? 1); c++) {
        writeValue(out, offset, field, values[v++] ?? 0);
        offset += field.size;
      }
    }
  });
  return out;
}

function compressedBody(spec: TestPcd): Buffer {
  const n = spec.points.length;
  const columns = Buffer.alloc(pointSize(spec) * n);
  let columnStart = 0;
  let firstValue = 0;
  for (const field of spec.fields) {
    const count = field.count ?? 1;
    spec.points.forEach((values, p) => {
      for (let c = 0; c < count; c++) writeValue(columns, columnStart + (p * count + c) * field.size, field, values[firstValue + c] ?? 0);
    });
    columnStart += field.size * count * n;
    firstValue += count;
  }
  const compressed = compressLzf(columns);
  const sizes = Buffer.alloc(8);
  sizes.writeUInt32LE(compressed.length, 0);
  sizes.writeUInt32LE(columns.length, 4);
  return Buffer.concat([sizes, compressed]);
}

function writeValue(out: Buffer, offset: number, field: TestPcdField, value: number): void {
  const key = `${field.type}${field.size}`;
  switch (key) {
    case 'F4': out.writeFloatLE(value, offset); break;
    case 'F8': out.writeDoubleLE(value, offset); break;
    case 'U1': out.writeUInt8(value, offset); break;
    case 'U2': out.writeUInt16LE(value, offset); break;
    case 'U4': out.writeUInt32LE(value, offset); break;
    case 'U8': out.writeBigUInt64LE(BigInt(value), offset); break;
    case 'I1': out.writeInt8(value, offset); break;
    case 'I2': out.writeInt16LE(value, offset); break;
    case 'I4': out.writeInt32LE(value, offset); break;
    case 'I8': out.writeBigInt64LE(BigInt(value), offset); break;
    default: throw new Error(`no writer for ${key}`);
  }
}
