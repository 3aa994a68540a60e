import { describe, expect, it } from 'vitest';
import { CsvSummaryBuilder, type CsvSummary } from '../../shared/formats/csv/CsvSummaryBuilder';
import { inferCsvTimeFormat } from '../../shared/formats/csv/inferCsvTimeFormat';
import { isNumericText } from '../../shared/formats/csv/isNumericText';
import { parseCsvTime } from '../../shared/formats/csv/parseCsvTime';
import { timeColumnCandidates } from '../../shared/formats/csv/timeColumnCandidates';

function summarize(rows: string[][]): CsvSummary {
  const builder = new CsvSummaryBuilder();
  rows.forEach((row, i) => builder.addRecord(row, i + 1));
  return builder.finish();
}

describe('CsvSummaryBuilder', () => {
  it('classifies columns and counts empty values', () => {
    const s = summarize([['t', 'speed', 'label', 'note'], ['1', '2.5', 'car', ''], ['2', 'nan', 'bus', ''], ['3', '-1e3', '7', '']]);
    expect(s.rowCount).toBe(3);
    expect(s.columns).toEqual([
      { name: 't', kind: 'numeric', emptyValues: 0 },
      { name: 'speed', kind: 'numeric', emptyValues: 0 },
      { name: 'label', kind: 'text', emptyValues: 0 },
      { name: 'note', kind: 'empty', emptyValues: 3 },
    ]);
  });

  const cases: [string, string, string[], string, string | null, string | null][] = [
    ['ISO with offsets', 'timestamp', ['2021-08-24T21:15:15.574+02:00', '2021-08-24T21:15:16+02:00'], 'iso8601', '2021-08-24T19:15:15.574000000Z', '2021-08-24T19:15:16.000000000Z'],
    ['unix seconds with fractions', 'time', ['1700000000.25', '1700000001.5'], 'unix_s', '2023-11-14T22:13:20.250000000Z', '2023-11-14T22:13:21.500000000Z'],
    ['unix milliseconds', 'ts', ['1700000000250', '1700000001500'], 'unix_ms', '2023-11-14T22:13:20.250000000Z', '2023-11-14T22:13:21.500000000Z'],
    ['unix microseconds', 'stamp', ['1700000000250000', '1700000001500001'], 'unix_us', '2023-11-14T22:13:20.250000000Z', '2023-11-14T22:13:21.500001000Z'],
    // 19 digits: a double would round the last ones away; the summary keeps them.
    ['unix nanoseconds', 't', ['1585866235112411371', '1585866239642411373'], 'unix_ns', '2020-04-02T22:23:55.112411371Z', '2020-04-02T22:23:59.642411373Z'],
    ['rostopic %time (ns by name)', '%time', ['1585866235112411371', '1585866235212411371'], 'unix_ns', '2020-04-02T22:23:55.112411371Z', '2020-04-02T22:23:55.212411371Z'],
    ['a unit in the name', 'timestamp_ms', ['5', '6'], 'unix_ms', '1970-01-01T00:00:00.005000000Z', '1970-01-01T00:00:00.006000000Z'],
    ['seconds since the start', 't', ['0.0', '0.1'], 'relative_s', null, null],
  ];
  for (const [what, column, values, format, first, last] of cases) {
    it(`detects ${what}`, () => {
      const s = summarize([['x', column], ...values.map((v) => ['1', v])]);
      expect(s.time).toEqual({
        column, format, first, last, firstRaw: values[0], lastRaw: values[values.length - 1],
        timeZoneAssumed: false, monotonic: true, unparsable: 0,
      });
    });
  }

  it('says when ISO times have no offset, and when times go backwards or are unreadable', () => {
    const s = summarize([['time', 'v'], ['2021-08-24 21:15:16', '1'], ['2021-08-24 21:15:15', '2'], ['soon', '3'], ['', '4']]);
    expect(s.time).toMatchObject({ format: 'iso8601', timeZoneAssumed: true, monotonic: false, unparsable: 2, first: '2021-08-24T21:15:16.000000000Z', last: '2021-08-24T21:15:15.000000000Z' });
  });

  it('sees a 1 ns step backwards in 19-digit stamps, which doubles cannot tell apart', () => {
    expect(Number('1585866235112411372')).toBe(Number('1585866235112411371'));
    const s = summarize([['t'], ['1585866235112411372'], ['1585866235112411371']]);
    expect(s.time).toMatchObject({ format: 'unix_ns', monotonic: false });
    const rising = summarize([['t'], ['999999999999999'], ['1000000000000000'], ['1000000000000000.5']]);
    expect(rising.time).toMatchObject({ format: 'unix_us', monotonic: true });
  });

  it('waits for a named time column that is empty on the first rows', () => {
    const s = summarize([['timestamp', 'v'], ['', '1'], ['1700000000', '2']]);
    expect(s.time).toMatchObject({ column: 'timestamp', format: 'unix_s', firstRaw: '1700000000' });
  });

  it('prefers an exact name, and falls back to a column of ISO dates', () => {
    expect(summarize([['gps_time', 'time'], ['5', '1700000000']]).time?.column).toBe('time');
    expect(summarize([['date', 'v'], ['2024-02-29', '1']]).time).toMatchObject({ column: 'date', format: 'iso8601', first: '2024-02-29T00:00:00.000000000Z' });
    expect(summarize([['speed', 'v'], ['1700000000', '1']]).time).toBeNull();
  });

  it('counts rows with the wrong field count as malformed, once per record, and leaves their values out', () => {
    const builder = new CsvSummaryBuilder();
    builder.addRecord(['t', 'v'], 1);
    builder.addRecord(['1700000000', '1'], 2);
    builder.addRecord(['1700000001', '2', 'extra'], 3);
    builder.addIssue(4);
    builder.addIssue(4);
    builder.addRecord(['1700000002', 'x"y'], 4);
    builder.addRecord(['1700000003'], 5);
    const s = builder.finish();
    expect(s.rowCount).toBe(4);
    expect(s.malformedRows).toEqual({ count: 3, lines: [3, 4, 5] });
    expect(s.columns[1]).toEqual({ name: 'v', kind: 'text', emptyValues: 0 });
    expect(s.time?.lastRaw).toBe('1700000002');
  });

  it('names empty header cells', () => {
    expect(summarize([['', 'v'], ['1', '2']]).columns.map((c) => c.name)).toEqual(['column_1', 'v']);
  });
});

describe('time helpers', () => {
  it('tell numbers from text the way CSV writers mean them', () => {
    for (const yes of ['1', ' 1.5 ', '-2', '+.5', '5.', '1e-3', 'NaN', '-inf', 'Infinity']) expect(isNumericText(yes), yes).toBe(true);
    for (const no of ['', '  ', '0x10', '-0b1', '0o7', '1,5', '1 2', 'abc', '1e']) expect(isNumericText(no), no).toBe(false);
  });

  it('find time-like column names, best first', () => {
    expect(timeColumnCandidates(['x', 'header.stamp', 'Time', 'gps_timestamp', 'items', 'T'])).toEqual([2, 5, 1, 3]);
  });

  it('infer formats from names and magnitudes, and refuse non-times', () => {
    expect(inferCsvTimeFormat('time (s)', '12')).toBe('unix_s');
    expect(inferCsvTimeFormat('stamp_us', '12')).toBe('unix_us');
    expect(inferCsvTimeFormat('t', '1.7e9')).toBe('unix_s');
    expect(inferCsvTimeFormat('t', '-3')).toBe('relative_s');
    expect(inferCsvTimeFormat('t', 'abc')).toBeUndefined();
    expect(inferCsvTimeFormat('t', '12:30')).toBeUndefined();
  });

  it('parse exponent forms through a double and refuse text', () => {
    expect(parseCsvTime('1.7e9', 'unix_s')).toEqual({ kind: 'absolute', time: { epochSeconds: 1_700_000_000, nanos: 0 } });
    expect(parseCsvTime('-1.5', 'unix_s')).toEqual({ kind: 'absolute', time: { epochSeconds: -2, nanos: 500_000_000 } });
    expect(parseCsvTime('0x10', 'unix_s')).toBeUndefined();
    expect(parseCsvTime('1;2', 'relative_s')).toBeUndefined();
  });
});
