import type { ParsedPcd } from '../../shared/formats/pcd/parsePcd';

/**
 * A binary PCD holding every `skip`-th point of `pcd` (points 0, skip, 2*skip, ...: ceil(n / skip)
 * of them) with all its fields, padding fields included, byte for byte. Keeping every point keeps
 * an organized cloud's grid; fewer points make an unorganized cloud (HEIGHT 1).
 */
export function subsamplePcd(pcd: ParsedPcd, skip: number): Uint8Array {
  if (!Number.isInteger(skip) || skip < 1) throw new RangeError(`skip factor ${skip} is not a whole number of at least 1`);
  const { header, cloud } = pcd;
  const kept = Math.ceil(header.points / skip);
  const [width, height] = skip === 1 ? [header.width, header.height] : [kept, 1];
  const text = [
    '# .PCD v0.7 - Point Cloud Data file format',
    'VERSION 0.7',
    `FIELDS ${header.fields.map((f) => f.name).join(' ')}`,
    `SIZE ${header.fields.map((f) => f.size).join(' ')}`,
    `TYPE ${header.fields.map((f) => f.type).join(' ')}`,
    `COUNT ${header.fields.map((f) => f.count).join(' ')}`,
    `WIDTH ${width}`,
    `HEIGHT ${height}`,
    `VIEWPOINT ${header.viewpoint.join(' ')}`,
    `POINTS ${kept}`,
    'DATA binary',
    '',
  ].join('\n');
  const head = new TextEncoder().encode(text);
  const out = new Uint8Array(head.length + kept * header.pointSize);
  out.set(head, 0);
  let at = head.length;
  for (let i = 0; i < header.points; i += skip) at += cloud.copyRecord(i, out, at);
  return out;
}
