import { z } from 'zod';
import { CsvParser } from '../../shared/formats/csv/CsvParser';
import { isoToMicros } from '../sessions/timeIndex';

// The CSV of `make_video_with_annotations_from_uris`. The client documents "two columns; timestamp
// and image_uri"; boxes to draw ride on the same rows. A header row names the columns, in any order:
//   timestamp   required: unix nanoseconds (as frame file names) or an ISO-8601 time
//   image_uri   the frame (s3://bucket/key); optional when the request names a frames folder
//   label, x_min, y_min, x_max, y_max   a 2D box in pixels of the output video, when given
// A frame with several boxes takes one row per box (repeating timestamp and image_uri).

export interface CsvBox {
  ns: bigint;
  label: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface FramesCsv {
  /** Frame URIs by timestamp (unix ns, as text). */
  frames: Map<string, string>;
  boxes: CsvBox[];
  /** Rows left out, each with its line number and the reason. */
  problems: string[];
}

const coordinate = z.string().trim().min(1, 'is empty').refine((t) => Number.isFinite(Number(t)), 'is not a number').transform(Number);
const boxSchema = z.object({
  label: z.string().trim().default(''),
  x_min: coordinate, y_min: coordinate, x_max: coordinate, y_max: coordinate,
}).refine((b) => b.x_max > b.x_min && b.y_max > b.y_min, { message: 'needs x_min < x_max and y_min < y_max' });
const BOX_COLUMNS = ['label', 'x_min', 'y_min', 'x_max', 'y_max'];

/** Unix nanoseconds from digits, or from an ISO-8601 time (microsecond precision). */
export function timestampNs(text: string): bigint | undefined {
  const t = text.trim();
  if (/^\d{1,20}$/.test(t)) return BigInt(t);
  const us = isoToMicros(t);
  return us === undefined ? undefined : BigInt(us) * 1000n;
}

export function parseFramesCsv(text: string): FramesCsv {
  const rows: { fields: string[]; line: number }[] = [];
  const parser = new CsvParser((fields, line) => rows.push({ fields, line }));
  parser.push(text);
  parser.end();
  const [header, ...body] = rows;
  const columns = (header?.fields ?? []).map((c) => c.trim().toLowerCase());
  if (!columns.includes('timestamp')) throw new Error(`the CSV's header row has no timestamp column (it has ${columns.join(', ') || 'nothing'})`);
  const out: FramesCsv = { frames: new Map(), boxes: [], problems: [] };
  for (const { fields, line } of body) {
    const row = Object.fromEntries(columns.map((c, i) => [c, fields[i] ?? '']));
    const ns = timestampNs(row.timestamp ?? '');
    if (ns === undefined) {
      out.problems.push(`line ${line}: timestamp ${JSON.stringify(row.timestamp ?? '')} is neither unix nanoseconds nor an ISO-8601 time`);
      continue;
    }
    const uri = (row.image_uri ?? '').trim();
    const known = out.frames.get(ns.toString());
    if (uri !== '' && known !== undefined && known !== uri) out.problems.push(`line ${line}: timestamp ${ns} already has frame ${known}; ${uri} left out`);
    else if (uri !== '') out.frames.set(ns.toString(), uri);
    if (BOX_COLUMNS.every((c) => (row[c] ?? '').trim() === '')) continue;
    const box = boxSchema.safeParse(row);
    if (!box.success) {
      const issue = box.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` ${issue.path.join('.')}` : '';
      out.problems.push(`line ${line}: box${where} ${issue?.message ?? 'is invalid'}`);
      continue;
    }
    out.boxes.push({ ns, label: box.data.label, xMin: box.data.x_min, yMin: box.data.y_min, xMax: box.data.x_max, yMax: box.data.y_max });
  }
  return out;
}
