import { describe, expect, it } from 'vitest';
import { CsvParseError } from '../../shared/formats/csv/CsvParseError';
import { CsvParser } from '../../shared/formats/csv/CsvParser';
import { sniffCsvDelimiter } from '../../shared/formats/csv/sniffCsvDelimiter';

interface Parsed {
  rows: [number, string[]][];
  issues: [number, string][];
}

/** Feeds the text in chunks of `chunk` characters, so that every state is crossed at a boundary. */
function parse(text: string, chunk = text.length || 1, delimiter = ','): Parsed {
  const result: Parsed = { rows: [], issues: [] };
  const parser = new CsvParser((fields, line) => result.rows.push([line, fields]), { delimiter, onIssue: (line, message) => result.issues.push([line, message]) });
  for (let at = 0; at < text.length; at += chunk) parser.push(text.slice(at, at + chunk));
  parser.end();
  return result;
}

const RFC_SAMPLE = 'a,"b ""quoted""","multi\r\nline",\r\n1,2,3,4\r\n"",x,"y,z",\r\n';
const RFC_ROWS: [number, string[]][] = [
  [1, ['a', 'b "quoted"', 'multi\r\nline', '']],
  [3, ['1', '2', '3', '4']],
  [4, ['', 'x', 'y,z', '']],
];

describe('CsvParser', () => {
  it('parses quotes, doubled quotes, line breaks inside quotes and CRLF, at any chunk size', () => {
    for (const chunk of [1, 2, 3, 5, 7, 1000]) {
      expect(parse(RFC_SAMPLE, chunk), `chunks of ${chunk}`).toEqual({ rows: RFC_ROWS, issues: [] });
    }
  });

  it('accepts LF, lone CR, a missing final line break, a BOM, and skips blank lines', () => {
    expect(parse('\uFEFFh1,h2\n\n1,2\r3,4').rows).toEqual([[1, ['h1', 'h2']], [3, ['1', '2']], [4, ['3', '4']]]);
    expect(parse('x\n\n\n').rows).toEqual([[1, ['x']]]);
    expect(parse('').rows).toEqual([]);
  });

  it('keeps a row of empty fields, which is not a blank line', () => {
    expect(parse(',\n,,\n').rows).toEqual([[1, ['', '']], [2, ['', '', '']]]);
  });

  it('uses another delimiter when told', () => {
    expect(parse('a;"b;c";d,e\n1;2;3\n', 3, ';').rows).toEqual([[1, ['a', 'b;c', 'd,e']], [2, ['1', '2', '3']]]);
  });

  it('reports stray quotes and text after a closing quote, keeping the text', () => {
    const result = parse('a,b"c,"d"e\nok,ok\n');
    expect(result.rows).toEqual([[1, ['a', 'b"c', 'de']], [2, ['ok', 'ok']]]);
    expect(result.issues).toEqual([[1, 'a quote inside an unquoted field'], [1, 'text after the closing quote of a field: "e"']]);
  });

  it('throws on a quoted field that never closes, naming the line it starts on', () => {
    expect(() => parse('a,b\n1,"open\n2,3\n')).toThrow(CsvParseError);
    expect(() => parse('a,b\n1,"open\n2,3\n', 4)).toThrow('the quoted field that starts on line 2 is never closed');
  });

  it('refuses a delimiter that cannot work', () => {
    expect(() => new CsvParser(() => undefined, { delimiter: '"' })).toThrow(RangeError);
    expect(() => new CsvParser(() => undefined, { delimiter: ',,' })).toThrow(RangeError);
  });
});

describe('sniffCsvDelimiter', () => {
  it('picks the most frequent candidate outside quotes in the header', () => {
    expect(sniffCsvDelimiter('time,x,y\n1,2,3')).toBe(',');
    expect(sniffCsvDelimiter('time;x;"a,b,c,d"\n1;2;3')).toBe(';');
    expect(sniffCsvDelimiter('time\tx\ty\n')).toBe('\t');
    expect(sniffCsvDelimiter('a|b|c')).toBe('|');
    expect(sniffCsvDelimiter('single_column\n1\n2')).toBe(',');
    expect(sniffCsvDelimiter('\uFEFF"multi\nline";b;c\n')).toBe(';');
  });
});
