// Child process of the fuzz run: probes the mutants its parent sends, one at a time, and answers
// how each was handled. It runs apart so that a hang can be killed and a crash cannot take the
// test runner down; the parent starts a fresh one after either.
import { performance } from 'node:perf_hooks';
import { classifyOutcome } from './classifyOutcome';
import { fuzzJobSchema, type FuzzWorkerMessage } from './fuzzMessages';
import { FUZZ_PROBES } from './fuzzProbes';

function send(message: FuzzWorkerMessage): void {
  process.send?.(message);
}

// Whatever escapes a probe's promise (a callback throwing later, a rejection nobody awaits) is a
// crash: report it and exit, so that the parent records it against the mutant being probed.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    const detail = `${event}: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)}`;
    process.send?.({ type: 'fatal', detail } satisfies FuzzWorkerMessage, undefined, {}, () => process.exit(70));
  });
}

process.on('message', (message: unknown) => {
  void (async () => {
    const job = fuzzJobSchema.parse(message);
    const probe = FUZZ_PROBES[job.target];
    const started = performance.now();
    const settled = await probe.run(job.path, job.depth).then((value) => ({ value }), (error: unknown) => ({ error }));
    const ms = performance.now() - started;
    const outcome = classifyOutcome(job.path, settled, (value) => probe.schema.parse(value));
    send({ type: 'outcome', id: job.id, ...outcome, ms });
  })();
});

send({ type: 'ready' });
