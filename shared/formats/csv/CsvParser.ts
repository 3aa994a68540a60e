import { CsvParseError } from './CsvParseError';

export type CsvRowHandler = (fields: string[], line: number) => void;
/** Recoverable departures from RFC 4180; the record is still delivered. */
export type CsvIssueHandler = (line: number, message: string) => void;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted';

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * An incremental RFC 4180 parser: quoted fields with doubled quotes, line breaks inside quotes,
 * CRLF or LF (or lone CR) record ends, a leading BOM. Text arrives in chunks of any size, so a
 * file of any length streams through in constant memory. Blank lines are skipped. A stray quote
 * inside an unquoted field, or text after a closing quote, is kept as text and reported as an issue.
 */
export class CsvParser {
  readonly #delimiter: number;
  readonly #delimiterText: string;
  readonly #onRow: CsvRowHandler;
  readonly #onIssue: CsvIssueHandler;
  #state: State = 'fieldStart';
  #field = '';
  #row: string[] = [];
  #line = 1;
  #rowLine = 1;
  #fieldLine = 1;
  #skipLf = false;
  #started = false;
  /** The start of a line whose end has not arrived yet (fast path only). */
  #pending = '';

  public constructor(onRow: CsvRowHandler, options: { delimiter?: string; onIssue?: CsvIssueHandler } = {}) {
    const delimiter = options.delimiter ?? ',';
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`a CSV delimiter is one character other than a quote or a line break, not ${JSON.stringify(delimiter)}`);
    }
    this.#delimiter = delimiter.charCodeAt(0);
    this.#delimiterText = delimiter;
    this.#onRow = onRow;
    this.#onIssue = options.onIssue ?? ((): void => undefined);
  }

  public push(text: string): void {
    let buffer = text;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) buffer = text.slice(1);
    }
    if (this.#pending !== '') {
      buffer = this.#pending + buffer;
      this.#pending = '';
    }
    let i = 0;
    // Where the next quote and the next CR are, found once per chunk rather than once per line.
    let nextQuote = -2;
    let nextCr = -2;
    while (i < buffer.length) {
      if (this.#skipLf) {
        this.#skipLf = false;
        if (buffer.charCodeAt(i) === LF) {
          i++;
          continue;
        }
      }
      if (this.#inRecord()) {
        i = this.#scanRecord(buffer, i);
        continue;
      }
      // Fast path: most lines of a timeseries hold no quote, so a whole line splits natively.
      const nl = buffer.indexOf('\n', i);
      if (nl < 0) {
        this.#pending = buffer.slice(i);
        return;
      }
      if (nextQuote !== -1 && nextQuote < i) nextQuote = buffer.indexOf('"', i);
      if (nextCr !== -1 && nextCr < i) nextCr = buffer.indexOf('\r', i);
      const crEnds = nextCr === nl - 1 && nl > i;
      if ((nextQuote !== -1 && nextQuote < nl) || (nextCr !== -1 && nextCr < nl && !crEnds)) {
        i = this.#scanRecord(buffer, i);
        continue;
      }
      const end = crEnds ? nl - 1 : nl;
      if (end > i) this.#onRow(buffer.slice(i, end).split(this.#delimiterText), this.#line);
      this.#line++;
      this.#rowLine = this.#line;
      i = nl + 1;
    }
  }

  /** Flushes the last record; throws when the file ends inside a quoted field. */
  public end(): void {
    const rest = this.#pending;
    this.#pending = '';
    for (let i = 0; i < rest.length; ) i = this.#scanRecord(rest, i);
    if (this.#state === 'quoted') {
      throw new CsvParseError(`the quoted field that starts on line ${this.#fieldLine} is never closed`);
    }
    if (this.#state !== 'fieldStart' || this.#row.length > 0) {
      this.#row.push(this.#field);
      this.#onRow(this.#row, this.#rowLine);
    }
    this.#row = [];
    this.#field = '';
    this.#state = 'fieldStart';
  }

  #inRecord(): boolean {
    return this.#state !== 'fieldStart' || this.#row.length > 0;
  }

  /**
   * The character-level state machine, for records with quotes: runs from `from` until the
   * current record ends (returning the index after its terminator) or the text runs out.
   */
  #scanRecord(text: string, from: number): number {
    const lineAtStart = this.#line;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.#skipLf) {
        this.#skipLf = false;
        if (c === LF) continue;
      }
      switch (this.#state) {
        case 'fieldStart':
          if (c === QUOTE) {
            this.#state = 'quoted';
            this.#fieldLine = this.#line;
          } else if (c === this.#delimiter) this.#endField();
          else if (c === CR || c === LF) this.#endRecord(c);
          else i = this.#scanUnquoted(text, i);
          break;
        case 'unquoted':
          i = this.#scanUnquoted(text, i);
          break;
        case 'quoted': {
          const close = text.indexOf('"', i);
          const end = close < 0 ? text.length : close;
          const chunk = text.slice(i, end);
          this.#field += chunk;
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) this.#line++;
          if (close >= 0) this.#state = 'quoteInQuoted';
          i = end;
          break;
        }
        case 'quoteInQuoted':
          if (c === QUOTE) {
            this.#field += '"';
            this.#state = 'quoted';
          } else if (c === this.#delimiter) this.#endField();
          else if (c === CR || c === LF) this.#endRecord(c);
          else {
            this.#onIssue(this.#rowLine, `text after the closing quote of a field: ${JSON.stringify(text[i])}`);
            this.#state = 'unquoted';
            i = this.#scanUnquoted(text, i);
          }
          break;
      }
      if (!this.#inRecord() && this.#line !== lineAtStart) return i + 1;
    }
    return text.length;
  }

  /** Consumes plain characters up to the next delimiter or line end; returns the last index used. */
  #scanUnquoted(text: string, from: number): number {
    let i = from;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === this.#delimiter || c === CR || c === LF) break;
      if (c === QUOTE) this.#onIssue(this.#rowLine, 'a quote inside an unquoted field');
    }
    this.#field += text.slice(from, i);
    this.#state = 'unquoted';
    if (i >= text.length) return i - 1;
    const c = text.charCodeAt(i);
    if (c === this.#delimiter) this.#endField();
    else this.#endRecord(c);
    return i;
  }

  #endField(): void {
    this.#row.push(this.#field);
    this.#field = '';
    this.#state = 'fieldStart';
  }

  #endRecord(terminator: number): void {
    const blank = this.#state === 'fieldStart' && this.#row.length === 0;
    if (!blank) {
      this.#row.push(this.#field);
      this.#onRow(this.#row, this.#rowLine);
    }
    this.#row = [];
    this.#field = '';
    this.#state = 'fieldStart';
    this.#line++;
    this.#rowLine = this.#line;
    this.#skipLf = terminator === CR;
  }
}
