import { formatTimestamp } from '../../time/isoTimestamp';
import { compareCsvTimeKeys, csvTimeKey, type CsvTimeKey } from './csvTimeKey';
import { inferCsvTimeFormat, type CsvTimeFormat } from './inferCsvTimeFormat';
import { isNumericText } from './isNumericText';
import { parseCsvTime, type CsvTimeValue } from './parseCsvTime';
import { timeColumnCandidates } from './timeColumnCandidates';

export interface CsvColumnSummary {
  name: string;
  kind: 'numeric' | 'text' | 'empty';
  emptyValues: number;
}

export interface CsvTimeSummary {
  column: string;
  format: CsvTimeFormat;
  first: string | null;
  last: string | null;
  firstRaw: string;
  lastRaw: string;
  timeZoneAssumed: boolean;
  monotonic: boolean;
  unparsable: number;
}

export interface CsvSummary {
  columns: CsvColumnSummary[];
  rowCount: number;
  time: CsvTimeSummary | null;
  malformedRows: { count: number; lines: number[] };
}

/** Line numbers kept as examples; the count is exact. */
const MALFORMED_EXAMPLES = 20;
const ISO_ZONE = /(?:Z|z|[+-]\d{2}(?::?\d{2})?)$/;

interface TimeState {
  index: number;
  format: CsvTimeFormat;
  firstRaw?: string;
  lastRaw?: string;
  lastKey?: CsvTimeKey;
  monotonic: boolean;
  unparsable: number;
  zoneless: boolean;
}

/**
 * Folds CSV records (header first) into a summary in one pass, holding only counters: the time
 * column is chosen on the first data row that has a readable candidate value.
 */
export class CsvSummaryBuilder {
  #header: string[] | undefined;
  #empty: number[] = [];
  #nonNumeric: boolean[] = [];
  #rows = 0;
  /** Rows whose values were tallied (the right number of fields). */
  #alignedRows = 0;
  #malformed = 0;
  readonly #malformedLines: number[] = [];
  /** undefined: not decided yet; null: the file has no time column. */
  #time: TimeState | null | undefined;
  #lastIssueLine = 0;

  public addRecord(fields: string[], line: number): void {
    if (!this.#header) {
      this.#header = fields.map((name, i) => (name.trim() === '' ? `column_${i + 1}` : name.trim()));
      this.#empty = this.#header.map(() => 0);
      this.#nonNumeric = this.#header.map(() => false);
      return;
    }
    this.#rows++;
    // A row with the wrong number of fields cannot be lined up with the header: counted, not read.
    if (fields.length !== this.#header.length) {
      this.#markMalformed(line);
      return;
    }
    this.#alignedRows++;
    for (let i = 0; i < fields.length; i++) {
      const value = fields[i] as string;
      if (value === '' || value.trim() === '') this.#empty[i] = (this.#empty[i] ?? 0) + 1;
      else if (!this.#nonNumeric[i] && !isNumericText(value)) this.#nonNumeric[i] = true;
    }
    if (this.#time === undefined) this.#time = this.#chooseTimeColumn(fields);
    if (this.#time) this.#addTime(this.#time, fields[this.#time.index] ?? '');
  }

  /** An RFC 4180 departure reported by the parser for the record starting on `line`. */
  public addIssue(line: number): void {
    this.#markMalformed(line);
  }

  public finish(): CsvSummary {
    const header = this.#header ?? [];
    const columns = header.map((name, i): CsvColumnSummary => {
      const emptyValues = this.#empty[i] ?? 0;
      const kind = emptyValues === this.#alignedRows ? 'empty' : this.#nonNumeric[i] ? 'text' : 'numeric';
      return { name, kind, emptyValues };
    });
    return {
      columns,
      rowCount: this.#rows,
      time: this.#time ? summarizeTime(this.#time, header) : null,
      malformedRows: { count: this.#malformed, lines: [...this.#malformedLines] },
    };
  }

  #markMalformed(line: number): void {
    // The parser may report several issues in one record; the record counts once.
    if (line === this.#lastIssueLine) return;
    this.#lastIssueLine = line;
    this.#malformed++;
    if (this.#malformedLines.length < MALFORMED_EXAMPLES) this.#malformedLines.push(line);
  }

  #chooseTimeColumn(fields: string[]): TimeState | null | undefined {
    const header = this.#header ?? [];
    const candidates = timeColumnCandidates(header);
    // Without a time-like name, a column of ISO dates is still a time column (e.g. `date`).
    const fallbacks = header.map((_, i) => i).filter((i) => !candidates.includes(i));
    let waiting = false;
    for (const index of [...candidates, ...fallbacks]) {
      const value = (fields[index] ?? '').trim();
      if (value === '') {
        if (candidates.includes(index)) waiting = true;
        continue;
      }
      const format = inferCsvTimeFormat(header[index] ?? '', value);
      if (!format || (!candidates.includes(index) && format !== 'iso8601')) continue;
      return { index, format, monotonic: true, unparsable: 0, zoneless: false };
    }
    // A named time column that is empty on this row may still be filled on the next one.
    return waiting ? undefined : null;
  }

  #addTime(state: TimeState, raw: string): void {
    const text = raw.trim();
    const key = text === '' ? undefined : csvTimeKey(text, state.format);
    if (key === undefined) {
      state.unparsable++;
      return;
    }
    if (state.format === 'iso8601' && !ISO_ZONE.test(text)) state.zoneless = true;
    if (state.lastKey !== undefined && compareCsvTimeKeys(key, state.lastKey) < 0) state.monotonic = false;
    state.firstRaw ??= text;
    state.lastRaw = text;
    state.lastKey = key;
  }
}

function summarizeTime(state: TimeState, header: string[]): CsvTimeSummary | null {
  if (state.firstRaw === undefined || state.lastRaw === undefined) return null;
  return {
    column: header[state.index] ?? '',
    format: state.format,
    first: iso(parseCsvTime(state.firstRaw, state.format)),
    last: iso(parseCsvTime(state.lastRaw, state.format)),
    firstRaw: state.firstRaw,
    lastRaw: state.lastRaw,
    timeZoneAssumed: state.zoneless,
    monotonic: state.monotonic,
    unparsable: state.unparsable,
  };
}

function iso(value: CsvTimeValue | undefined): string | null {
  return value?.kind === 'absolute' ? formatTimestamp(value.time) : null;
}
