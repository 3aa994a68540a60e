import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvProbeSchema } from '../../shared/ingest/probeSchemas';
import { probeCsv } from '../../main/services/probe/probeCsv';
import { ProbeError } from '../../main/services/probe/ProbeError';

const dir = mkdtempSync(join(tmpdir(), 'scenedock-csv-'));
const ROWS = 300_000;
const START_NS = 1_700_000_000_123_456_789n;
const STEP_NS = 10_000_019n;

describe('probeCsv on a large generated timeseries (streamed across many chunks)', () => {
  const file = join(dir, 'imu.csv');

  beforeAll(async () => {
    const out = createWriteStream(file);
    out.write('timestamp_ns,accel_x,accel_y,label,comment\r\n');
    for (let i = 0; i < ROWS; i++) {
      const t = START_NS + BigInt(i) * STEP_NS;
      // Quoted commas, doubled quotes and multi-byte text, so that chunk edges fall inside them.
      const comment = i % 1000 === 0 ? `"événement ""${i}"", ok"` : '';
      out.write(`${t},${(i % 17) * 0.25 - 2},${-i},${i % 2 ? 'moving' : 'still'},${comment}\r\n`);
    }
    out.end();
    await finished(out);
  });

  it('counts rows, types columns and reads the exact first and last nanosecond time', async () => {
    const probe = await probeCsv(file);
    expect(csvProbeSchema.parse(JSON.parse(JSON.stringify(probe)))).toEqual(probe);
    const last = START_NS + BigInt(ROWS - 1) * STEP_NS;
    expect(probe).toEqual({
      kind: 'csv',
      delimiter: ',',
      rowCount: ROWS,
      columns: [
        { name: 'timestamp_ns', kind: 'numeric', emptyValues: 0 },
        { name: 'accel_x', kind: 'numeric', emptyValues: 0 },
        { name: 'accel_y', kind: 'numeric', emptyValues: 0 },
        { name: 'label', kind: 'text', emptyValues: 0 },
        { name: 'comment', kind: 'text', emptyValues: ROWS - ROWS / 1000 },
      ],
      time: {
        column: 'timestamp_ns', format: 'unix_ns',
        first: '2023-11-14T22:13:20.123456789Z',
        last: new Date(Number(last / 1_000_000n)).toISOString().slice(0, 19) + `.${String(last % 1_000_000_000n).padStart(9, '0')}Z`,
        firstRaw: String(START_NS), lastRaw: String(last),
        timeZoneAssumed: false, monotonic: true, unparsable: 0,
      },
      malformedRows: { count: 0, lines: [] },
    });
  });
});

describe('probeCsv on small generated files', () => {
  const write = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads a semicolon file with zoneless ISO times as UTC and says so', async () => {
    const probe = await probeCsv(write('eu.csv', '\uFEFFZeit;time;wert\n1;2024-03-31 01:59:59;1,5\n2;2024-03-31 03:00:00;2,5\n'));
    expect(probe.delimiter).toBe(';');
    expect(probe.time).toMatchObject({ column: 'time', format: 'iso8601', first: '2024-03-31T01:59:59.000000000Z', last: '2024-03-31T03:00:00.000000000Z', timeZoneAssumed: true });
    expect(probe.columns.map((c) => c.kind)).toEqual(['numeric', 'text', 'text']);
  });

  it('counts malformed rows with their line numbers and keeps going', async () => {
    const probe = await probeCsv(write('bad.csv', 't,v\n1700000000,1\n1700000001,2,3\n1700000002,x"y\n\n1700000003\n1700000004,5\n'));
    expect(probe.rowCount).toBe(5);
    expect(probe.malformedRows).toEqual({ count: 3, lines: [3, 4, 6] });
    expect(probe.time).toMatchObject({ first: '2023-11-14T22:13:20.000000000Z', last: '2023-11-14T22:13:24.000000000Z', monotonic: true });
  });

  it('a header-only file has no rows and no time', async () => {
    const probe = await probeCsv(write('header.csv', 'time,x,y\n'));
    expect(probe).toMatchObject({ rowCount: 0, time: null });
    expect(probe.columns.map((c) => c.kind)).toEqual(['empty', 'empty', 'empty']);
  });

  it('rejects an unterminated quote, an empty file and binary data, naming the file', async () => {
    const open = write('open.csv', 't,note\n1,"never closed\n2,x\n');
    const error = await probeCsv(open).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).message).toBe(`${open}: the quoted field that starts on line 2 is never closed`);
    const empty = write('empty.csv', '');
    await expect(probeCsv(empty)).rejects.toThrow(`${empty}: the file is empty: no header line`);
    const binary = write('data.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]));
    await expect(probeCsv(binary)).rejects.toThrow(`${binary}: the file holds NUL bytes: binary data, not a text CSV`);
    await expect(probeCsv(join(dir, 'absent.csv'))).rejects.toThrow(/absent\.csv: ENOENT/);
  });
});
