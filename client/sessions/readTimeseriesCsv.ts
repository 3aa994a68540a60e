import { readFile } from 'node:fs/promises';
import { CsvParser } from '../../shared/formats/csv/CsvParser';
import { inferCsvTimeFormat } from '../../shared/formats/csv/inferCsvTimeFormat';
import { isNumericText } from '../../shared/formats/csv/isNumericText';
import { parseCsvTime } from '../../shared/formats/csv/parseCsvTime';
import { sniffCsvDelimiter } from '../../shared/formats/csv/sniffCsvDelimiter';
import { timeColumnCandidates } from '../../shared/formats/csv/timeColumnCandidates';
import { formatTimestamp } from '../../shared/time/isoTimestamp';
import type { DfRecord } from './recordsToEntities';

/**
 * A timeseries CSV as records for `add_df`: the header names the columns, the time column is
 * found by name (`timestamp`, `time`, `stamp_ns`, ...) and read as ISO-8601 or epoch s/ms/us/ns,
 * numeric cells become numbers. `labels` keeps only those columns (the Python `df_labels`). A row
 * whose time cannot be read is an error naming the file and line: a timeseries with holes in its
 * time axis would be resolved wrongly.
 */
export async function readTimeseriesCsv(path: string, labels?: readonly string[]): Promise<DfRecord[]> {
  const text = await readFile(path, 'utf8');
  const rows: { fields: string[]; line: number }[] = [];
  const parser = new CsvParser((fields, line) => rows.push({ fields, line }), { delimiter: sniffCsvDelimiter(text.slice(0, 64 * 1024)) });
  parser.push(text);
  parser.end();
  const [head, ...body] = rows;
  if (!head) throw new Error(`${path}: empty CSV`);
  const header = head.fields.map((h) => h.trim());
  const first = body[0]?.fields ?? [];
  const timeIndex = timeColumnCandidates(header).find((i) => {
    const format = inferCsvTimeFormat(header[i] ?? '', first[i] ?? '');
    return format !== undefined && format !== 'relative_s';
  });
  if (timeIndex === undefined) throw new Error(`${path}: no column holds absolute times (ISO-8601 or epoch) under a time-like name (timestamp, time, stamp, ...)`);
  const timeName = header[timeIndex] ?? '';
  const format = inferCsvTimeFormat(timeName, first[timeIndex] ?? '');
  const keep = header.map((name, i) => i !== timeIndex && (!labels || labels.includes(name)));
  if (labels) {
    const unknown = labels.filter((l) => !header.includes(l));
    if (unknown.length > 0) throw new Error(`${path}: no column named ${unknown.map((u) => JSON.stringify(u)).join(', ')}`);
  }
  return body.map(({ fields, line }) => {
    const time = format ? parseCsvTime(fields[timeIndex] ?? '', format) : undefined;
    if (!time || time.kind !== 'absolute') throw new Error(`${path}:${line}: column ${timeName}: not a time: ${JSON.stringify(fields[timeIndex] ?? '')}`);
    const record: Record<string, unknown> = { timestamp: formatTimestamp(time.time) };
    header.forEach((name, i) => {
      if (!keep[i]) return;
      const cell = (fields[i] ?? '').trim();
      record[name] = cell === '' ? null : isNumericText(cell) ? Number(cell) : cell;
    });
    return record;
  });
}
