import { computeBounds, type BoundsSummary } from '../pointcloud/computeBounds';
import { PointTable, type PointFieldLayout } from '../pointcloud/PointTable';
import { decompressLzf } from './decompressLzf';
import { parsePcdHeader, type PcdHeader } from './parsePcdHeader';
import { PcdParseError } from './PcdParseError';
import { readPcdAscii } from './readPcdAscii';

export interface ParsedPcd extends BoundsSummary {
  header: PcdHeader;
  /** Accessors for every field of every point. */
  cloud: PointTable;
  /** Bytes after the point data (PCL pads binary_compressed files to a page). */
  trailingBytes: number;
}

/** Parses a whole PCD file (ascii, binary or binary_compressed). Throws PcdParseError with the reason. */
export function parsePcd(input: Uint8Array | ArrayBuffer): ParsedPcd {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const header = parsePcdHeader(bytes);
  const body = bytes.subarray(header.dataOffset);
  const { view, layouts, trailingBytes } = readBody(bytes, body, header);
  const cloud = new PointTable(view, layouts, header.points, header.width, header.height);
  return { header, cloud, ...computeBounds(cloud), trailingBytes };
}

interface Body {
  view: DataView;
  layouts: PointFieldLayout[];
  trailingBytes: number;
}

function readBody(bytes: Uint8Array, body: Uint8Array, header: PcdHeader): Body {
  const { points, pointSize } = header;
  const needed = points * pointSize;
  switch (header.data) {
    case 'ascii':
      return { view: readPcdAscii(bytes, header), layouts: recordLayouts(header), trailingBytes: 0 };
    case 'binary':
      if (body.length < needed) {
        throw new PcdParseError(`DATA binary declares ${points} points of ${pointSize} bytes (${needed} bytes) but the file holds ${body.length} bytes after the header`);
      }
      return { view: new DataView(body.buffer, body.byteOffset, needed), layouts: recordLayouts(header), trailingBytes: body.length - needed };
    case 'binary_compressed':
      return readCompressed(body, header, needed);
  }
}

/** Array of structures: x y z x y z ... */
function recordLayouts(header: PcdHeader): PointFieldLayout[] {
  let offset = 0;
  return header.fields.map((f) => {
    const layout = { ...f, offset, stride: header.pointSize };
    offset += f.size * f.count;
    return layout;
  });
}

/** Structure of arrays: all x, then all y, ... (PCL compresses each field's column together). */
function columnLayouts(header: PcdHeader): PointFieldLayout[] {
  let offset = 0;
  return header.fields.map((f) => {
    const stride = f.size * f.count;
    const layout = { ...f, offset, stride };
    offset += stride * header.points;
    return layout;
  });
}

function readCompressed(body: Uint8Array, header: PcdHeader, needed: number): Body {
  if (body.length < 8) {
    throw new PcdParseError(`DATA binary_compressed needs an 8-byte size prefix but the file holds ${body.length} bytes after the header`);
  }
  const sizes = new DataView(body.buffer, body.byteOffset, 8);
  const compressed = sizes.getUint32(0, true);
  const uncompressed = sizes.getUint32(4, true);
  if (uncompressed !== needed) {
    throw new PcdParseError(`DATA binary_compressed declares ${uncompressed} uncompressed bytes but ${header.points} points of ${header.pointSize} bytes need ${needed}`);
  }
  if (8 + compressed > body.length) {
    throw new PcdParseError(`DATA binary_compressed declares ${compressed} compressed bytes but only ${body.length - 8} follow the size prefix`);
  }
  let data: Uint8Array;
  try {
    data = decompressLzf(body.subarray(8, 8 + compressed), uncompressed);
  } catch (error) {
    throw new PcdParseError(`DATA binary_compressed is corrupt: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { view: new DataView(data.buffer, data.byteOffset, data.byteLength), layouts: columnLayouts(header), trailingBytes: body.length - 8 - compressed };
}
