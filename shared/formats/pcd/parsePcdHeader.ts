import type { PointField } from '../pointcloud/PointTable';
import { decodeLatin1 } from './decodeLatin1';
import { PcdParseError } from './PcdParseError';

export type PcdDataEncoding = 'ascii' | 'binary' | 'binary_compressed';

export interface PcdHeader {
  /** As written (`0.7`, `.5`); undefined when the file has no VERSION line. */
  version: string | undefined;
  fields: PointField[];
  width: number;
  height: number;
  points: number;
  /** tx ty tz qw qx qy qz (sensor pose); identity when the header has no VIEWPOINT line. */
  viewpoint: number[];
  data: PcdDataEncoding;
  /** Bytes per point: the sum of size x count over all fields. */
  pointSize: number;
  /** Offset of the first byte after the DATA line. */
  dataOffset: number;
  /** Lines up to and including DATA, so that ascii errors can name the file's line number. */
  headerLines: number;
}

const MAX_HEADER_BYTES = 64 * 1024;
const ENCODINGS: readonly string[] = ['ascii', 'binary', 'binary_compressed'];
const IDENTITY_VIEWPOINT = [0, 0, 0, 1, 0, 0, 0];
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Reads the text header that precedes every PCD body (PCL's format, versions .5 to 0.7). */
export function parsePcdHeader(bytes: Uint8Array): PcdHeader {
  const entries = new Map<string, { tokens: string[]; line: number }>();
  let pos = 0;
  let line = 0;
  while (pos < bytes.length) {
    if (pos > MAX_HEADER_BYTES) throw new PcdParseError(`no DATA line in the first ${MAX_HEADER_BYTES} bytes: not a PCD file`);
    let nl = bytes.indexOf(0x0a, pos);
    if (nl < 0) nl = bytes.length;
    const text = decodeLatin1(bytes, pos, Math.min(nl, pos + MAX_HEADER_BYTES)).trim();
    pos = nl + 1;
    line++;
    if (text === '' || text.startsWith('#')) continue;
    const [word = '', ...tokens] = text.split(/\s+/);
    const keyword = word.toUpperCase() === 'COLUMNS' ? 'FIELDS' : word.toUpperCase();
    if (!KEYWORDS.has(keyword)) {
      throw new PcdParseError(`header line ${line} starts with ${JSON.stringify(word.slice(0, 40))}, which is not a PCD header keyword`);
    }
    if (entries.has(keyword)) throw new PcdParseError(`header line ${line} repeats ${keyword}`);
    entries.set(keyword, { tokens, line });
    if (keyword === 'DATA') return buildHeader(entries, Math.min(pos, bytes.length), line);
  }
  throw new PcdParseError('the header ends without a DATA line');
}

const KEYWORDS = new Set(['VERSION', 'FIELDS', 'SIZE', 'TYPE', 'COUNT', 'WIDTH', 'HEIGHT', 'VIEWPOINT', 'POINTS', 'DATA']);

type Entries = Map<string, { tokens: string[]; line: number }>;

function buildHeader(entries: Entries, dataOffset: number, headerLines: number): PcdHeader {
  const names = entries.get('FIELDS')?.tokens ?? [];
  if (names.length === 0) throw new PcdParseError('the header has no FIELDS line (or it is empty)');
  const seen = new Set<string>();
  for (const name of names) {
    // PCL names padding fields `_`, and there may be several of them.
    if (name !== '_' && seen.has(name)) throw new PcdParseError(`FIELDS names ${name} twice`);
    seen.add(name);
  }
  const sizes = perField(entries, 'SIZE', names.length, undefined);
  const types = perField(entries, 'TYPE', names.length, undefined);
  const counts = perField(entries, 'COUNT', names.length, '1');
  const fields = names.map((name, i): PointField => {
    const size = Number(sizes[i]);
    const type = (types[i] ?? '').toUpperCase();
    const count = Number(counts[i]);
    if (size !== 1 && size !== 2 && size !== 4 && size !== 8) throw new PcdParseError(`field ${name} has SIZE ${sizes[i]}; PCD sizes are 1, 2, 4 or 8`);
    if (type !== 'I' && type !== 'U' && type !== 'F') throw new PcdParseError(`field ${name} has TYPE ${types[i]}; PCD types are I, U or F`);
    if (type === 'F' && size !== 4 && size !== 8) throw new PcdParseError(`field ${name} is a float of ${size} bytes; floats are 4 or 8 bytes`);
    if (!Number.isInteger(count) || count < 1) throw new PcdParseError(`field ${name} has COUNT ${counts[i]}; it must be a positive integer`);
    return { name, size, type, count };
  });
  const declaredWidth = integer(entries, 'WIDTH');
  const declaredHeight = integer(entries, 'HEIGHT');
  const declaredPoints = integer(entries, 'POINTS');
  if (declaredWidth === undefined && declaredPoints === undefined) throw new PcdParseError('the header has neither WIDTH nor POINTS');
  // Old (.5) writers may leave out HEIGHT or POINTS; PCL then assumes an unorganized cloud.
  const width = declaredWidth ?? declaredPoints ?? 0;
  const height = declaredHeight ?? 1;
  const points = declaredPoints ?? width * height;
  if (points !== width * height) {
    throw new PcdParseError(`POINTS ${points} does not equal WIDTH ${width} x HEIGHT ${height} = ${width * height}`);
  }
  const data = (entries.get('DATA')?.tokens[0] ?? '').toLowerCase();
  if (!ENCODINGS.includes(data)) throw new PcdParseError(`DATA ${JSON.stringify(data)} is not ascii, binary or binary_compressed`);
  return {
    version: entries.get('VERSION')?.tokens[0],
    fields,
    width,
    height,
    points,
    viewpoint: viewpoint(entries),
    data: data as PcdDataEncoding,
    pointSize: fields.reduce((sum, f) => sum + f.size * f.count, 0),
    dataOffset,
    headerLines,
  };
}

function perField(entries: Entries, keyword: string, fieldCount: number, fallback: string | undefined): string[] {
  const entry = entries.get(keyword);
  if (!entry) {
    if (fallback === undefined) throw new PcdParseError(`the header has no ${keyword} line`);
    return Array.from({ length: fieldCount }, () => fallback);
  }
  if (entry.tokens.length !== fieldCount) {
    throw new PcdParseError(`${keyword} lists ${entry.tokens.length} values but FIELDS names ${fieldCount} fields`);
  }
  return entry.tokens;
}

function integer(entries: Entries, keyword: string): number | undefined {
  const entry = entries.get(keyword);
  if (!entry) return undefined;
  const text = entry.tokens[0] ?? '';
  const value = Number(text);
  if (entry.tokens.length !== 1 || !/^\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new PcdParseError(`${keyword} on header line ${entry.line} must be one non-negative integer, not ${JSON.stringify(entry.tokens.join(' '))}`);
  }
  return value;
}

function viewpoint(entries: Entries): number[] {
  const entry = entries.get('VIEWPOINT');
  if (!entry) return [...IDENTITY_VIEWPOINT];
  if (entry.tokens.length !== 7 || !entry.tokens.every((t) => NUMBER.test(t))) {
    throw new PcdParseError(`VIEWPOINT on header line ${entry.line} must be 7 numbers (tx ty tz qw qx qy qz)`);
  }
  return entry.tokens.map(Number);
}
