import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_MISSING, fixturesDir } from '../helpers/fixturesDir';
import { formatFuzzTable } from './formatFuzzTable';
import { fuzzSettings } from './fuzzSettings';
import { FUZZ_TARGETS, type FuzzInput } from './fuzzTargets';
import { FuzzWorker } from './FuzzWorker';
import { runFuzzTarget, type FuzzStats } from './runFuzzTarget';

// Every parser, fed mutated copies (bit flips, 0x00/0xFF runs, truncations, inserted bytes,
// duplicated ranges) of every real fixture of its format, plus generated originals where the
// fixtures have none. Each mutant must be accepted with a result its schema takes, or rejected
// with a ProbeError naming the file and saying why; a crash, another exception type, an engine
// message as the reason, or no answer within the limit (the worker process is killed) fails.

const settings = fuzzSettings();
const fixtures = fixturesDir();
const targets = FUZZ_TARGETS.filter((t) => !settings.only || settings.only.includes(t.name));
const table: FuzzStats[] = [];
let scratch = '';
let generated = '';

describe(`parser fuzz: ${settings.count} mutants per parser, seed ${settings.baseSeed}${settings.long ? ' (long run)' : ''}`, () => {
  const worker = new FuzzWorker();

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'scenedock-fuzz-'));
    generated = await mkdtemp(join(tmpdir(), 'scenedock-fuzz-originals-'));
  });

  afterAll(async () => {
    worker.stop();
    if (table.length > 0) {
      const reasons = table.map((row) => `  ${row.target}: ${row.sampleReasons.slice(0, 2).map((r) => JSON.stringify(r.slice(0, 160))).join('; ') || '(none)'}`);
      console.log([
        `Parser fuzz, seed ${settings.baseSeed}, limit ${settings.limitMs} ms per mutant, worker restarts ${worker.restarts}:`,
        formatFuzzTable(table),
        'Sample rejection reasons (what the user reads):',
        ...reasons,
      ].join('\n'));
    }
    // Mutants that failed stay on disk for reproduction; the rest of the scratch folder goes.
    if (table.every((row) => row.failures.length === 0)) await rm(scratch, { recursive: true, force: true });
    await rm(generated, { recursive: true, force: true });
  });

  for (const target of targets) {
    // Worst case: every mutant hangs until its limit; the test itself must not time out first.
    it(`${target.name}: ${target.parser}`, { timeout: settings.count * (settings.limitMs + 5_000) + 120_000 }, async (context) => {
      const inputs: FuzzInput[] = await target.inputs(fixtures, generated);
      if (inputs.length === 0) {
        console.log(`${target.name}: ${FIXTURES_MISSING}`);
        context.skip();
        return;
      }
      const stats = await runFuzzTarget({
        target: target.name, inputs, count: settings.count, baseSeed: settings.baseSeed, limitMs: settings.limitMs, scratchDir: scratch, worker,
      });
      table.push(stats);
      const report = stats.failures.map((f) =>
        `${f.kind}: ${f.target} #${f.index} (seed ${f.seed}, base seed ${settings.baseSeed}) on ${f.input}: ${f.mutation}\n  -> ${f.detail}\n  mutant kept in ${f.keptAt}`);
      expect(report, report.join('\n')).toEqual([]);
      expect(stats.mutants).toBe(settings.count);
      if (settings.count < inputs.length) console.log(`${target.name}: only ${settings.count} of ${inputs.length} originals mutated (SCENEDOCK_FUZZ_COUNT is below the number of originals)`);
      // A run where nothing was ever rejected would mean the mutants never reached the parser.
      if (!target.lenient) expect(stats.rejected, `no ${target.name} mutant was rejected`).toBeGreaterThan(0);
      expect(stats.accepted + stats.rejected).toBe(settings.count);
    });
  }
});
