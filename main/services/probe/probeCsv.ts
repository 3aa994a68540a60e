import { createReadStream } from 'node:fs';
import { CsvParser } from '../../../shared/formats/csv/CsvParser';
import { CsvSummaryBuilder } from '../../../shared/formats/csv/CsvSummaryBuilder';
import { sniffCsvDelimiter } from '../../../shared/formats/csv/sniffCsvDelimiter';
import { csvProbeSchema, type CsvProbe } from '../../../shared/ingest/probeSchemas';
import { ProbeError } from './ProbeError';

/** Header, row count, column kinds and time range of a CSV timeseries, streamed in one pass. */
export async function probeCsv(filePath: string): Promise<CsvProbe> {
  const builder = new CsvSummaryBuilder();
  let parser: CsvParser | undefined;
  let delimiter = ',';
  try {
    const stream = createReadStream(filePath, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
    for await (const chunk of stream) {
      const text = chunk as string;
      if (text.includes('\u0000')) throw new Error('the file holds NUL bytes: binary data, not a text CSV');
      if (!parser) {
        // The first chunk holds the header line (1 MiB of header would not be a timeseries).
        delimiter = sniffCsvDelimiter(text);
        parser = new CsvParser((fields, line) => builder.addRecord(fields, line), { delimiter, onIssue: (line) => builder.addIssue(line) });
      }
      parser.push(text);
    }
    parser?.end();
  } catch (error) {
    throw ProbeError.wrap(filePath, error);
  }
  const summary = builder.finish();
  if (summary.columns.length === 0) throw new ProbeError(filePath, 'the file is empty: no header line');
  return csvProbeSchema.parse({ kind: 'csv', delimiter, ...summary });
}
