import type { PointField } from '../pointcloud/PointTable';
import { decodeLatin1 } from './decodeLatin1';
import type { PcdHeader } from './parsePcdHeader';
import { PcdParseError } from './PcdParseError';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const INTEGER = /^[+-]?\d+$/;

/**
 * Turns an ascii body into the same record-major bytes a binary body holds, written in each field's
 * declared type, so that every encoding is read through one code path (and ascii floats get the
 * same float32 rounding PCL gives them).
 */
export function readPcdAscii(bytes: Uint8Array, header: PcdHeader): DataView {
  const { points, pointSize, fields } = header;
  const view = new DataView(new ArrayBuffer(points * pointSize));
  const valuesPerPoint = fields.reduce((n, f) => n + f.count, 0);
  const lines = decodeLatin1(bytes, header.dataOffset).split('\n');
  let point = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as string).trim();
    if (text === '' || text.startsWith('#')) continue;
    const lineNumber = header.headerLines + i + 1;
    if (point >= points) {
      throw new PcdParseError(`DATA ascii declares ${points} points but line ${lineNumber} holds point number ${point + 1}`);
    }
    const tokens = text.split(/\s+/);
    if (tokens.length !== valuesPerPoint) {
      throw new PcdParseError(`line ${lineNumber} (point ${point}) has ${tokens.length} values but the fields need ${valuesPerPoint}`);
    }
    let t = 0;
    let offset = point * pointSize;
    for (const field of fields) {
      for (let c = 0; c < field.count; c++) {
        writeValue(view, offset, field, tokens[t++] as string, lineNumber);
        offset += field.size;
      }
    }
    point++;
  }
  if (point < points) throw new PcdParseError(`DATA ascii declares ${points} points but the file holds ${point} point lines`);
  return view;
}

function writeValue(view: DataView, offset: number, field: PointField, token: string, line: number): void {
  const bad = (why: string): PcdParseError => new PcdParseError(`line ${line}: value ${JSON.stringify(token.slice(0, 40))} for field ${field.name} ${why}`);
  if (field.type === 'F') {
    if (!DECIMAL.test(token) && !NON_FINITE.test(token)) throw bad('is not a number');
    const value = NON_FINITE.test(token) ? nonFinite(token) : Number(token);
    if (field.size === 4) view.setFloat32(offset, value, true);
    else view.setFloat64(offset, value, true);
    return;
  }
  if (!INTEGER.test(token)) throw bad(`is not an integer (type ${field.type}${field.size})`);
  if (field.size === 8) {
    const value = BigInt(token);
    const inRange = field.type === 'U' ? value >= 0n && value < 1n << 64n : value >= -(1n << 63n) && value < 1n << 63n;
    if (!inRange) throw bad(`is out of range for type ${field.type}8`);
    if (field.type === 'U') view.setBigUint64(offset, value, true);
    else view.setBigInt64(offset, value, true);
    return;
  }
  const n = Number(token);
  const span = 2 ** (field.size * 8);
  const [min, max] = field.type === 'U' ? [0, span - 1] : [-span / 2, span / 2 - 1];
  if (n < min || n > max) throw bad(`is out of range for type ${field.type}${field.size}`);
  if (field.size === 1) {
    if (field.type === 'U') view.setUint8(offset, n);
    else view.setInt8(offset, n);
  } else if (field.size === 2) {
    if (field.type === 'U') view.setUint16(offset, n, true);
    else view.setInt16(offset, n, true);
  } else if (field.type === 'U') view.setUint32(offset, n, true);
  else view.setInt32(offset, n, true);
}

function nonFinite(token: string): number {
  const lower = token.toLowerCase();
  if (lower.endsWith('nan')) return NaN;
  return lower.startsWith('-') ? -Infinity : Infinity;
}
