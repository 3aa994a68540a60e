// `npm run bench`: every performance figure the issues ask for, each beside a baseline measured in
// the same run, printed as one table and written to bench/results/ (see README, "Benchmarks").
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { BenchReport } from './lib/BenchReport';
import { cocoImportBench } from './suites/cocoImportBench';
import { indexingBench } from './suites/indexingBench';
import { FULL_SIZES, ingestBench, QUICK_SIZES } from './suites/ingestBench';
import { metaSearchBench } from './suites/metaSearchBench';
import { resolveSessionBench } from './suites/resolveSessionBench';
import { splitSetBench } from './suites/splitSetBench';
import { uiBench } from './suites/uiBench';
import { uploadBench } from './suites/uploadBench';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const quick = values.quick ?? false;

const suites: Record<string, (report: BenchReport) => Promise<void>> = {
  upload: (r) => uploadBench(r, (quick ? 256 : 1024) * 1024 * 1024),
  ingest: (r) => ingestBench(r, quick ? QUICK_SIZES : FULL_SIZES),
  'meta-search': (r) => metaSearchBench(r, quick ? [100_000] : [100_000, 1_000_000]),
  'resolve-session': (r) => resolveSessionBench(r),
  'coco-import': (r) => cocoImportBench(r, quick ? 1_000 : 5_000, 10),
  'split-set': (r) => splitSetBench(r, quick ? 100_000 : 1_000_000),
  indexing: (r) => indexingBench(r, quick),
  ui: (r) => uiBench(r, { quick }),
};

const report = new BenchReport();
const failed: string[] = [];
for (const [name, run] of Object.entries(suites)) {
  if (values.only && values.only !== name) continue;
  process.stdout.write(`\n== ${name}\n`);
  try {
    await run(report);
  } catch (error) {
    // One suite that breaks must not take the figures of the others with it.
    failed.push(name);
    process.stdout.write(`  FAILED ${name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  }
}
report.print();
if (failed.length > 0) {
  process.stdout.write(`\nsuites that failed (their figures are missing above): ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
const file = report.write({ date: new Date().toISOString(), quick, node: process.version, cpus: cpus().length, memoryBytes: totalmem() });
process.stdout.write(`\nwritten to ${file}\n`);
