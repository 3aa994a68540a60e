import { parseArgs } from 'node:util';
import type { ItemState } from '../../shared/ingest/itemStates';
import { IngestHost } from '../services/host/IngestHost';
import { CliUsageError, type CliIo } from './CliIo';
import { defaultStateDir } from './defaultStateDir';
import { progressLine } from './progressLine';

export const INGEST_USAGE = `scenedock ingest PATH... --engine URL --token TOKEN [--set NAME] [--session NAME] [--index] [--state DIR] [--wait]

Sends files and folders to an engine once, resumably (run it again after a crash: it picks up
where it was), and ends with "N done, N failed, N rejected, N skipped". Exits 0 only when nothing failed.
  --set NAME      put the assets in sets named NAME_<asset type> (created when missing)
  --session NAME  one named session for everything (default: one per recording or folder)
  --index         index the bags and recordings it uploads (with --wait: wait for those jobs)
  --state DIR     journal folder (default ~/.scenedock)
  --concurrency N, --part-size BYTES, --bandwidth-limit BYTES_PER_SECOND   upload tuning`;

function numberOption<T>(raw: string | undefined, name: string, make: (value: number) => T): T | Record<string, never> {
  if (raw === undefined) return {};
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new CliUsageError(`--${name} must be a whole number`, INGEST_USAGE);
  return make(value);
}

/** `scenedock ingest`: one run over the given paths, with a progress bar on the terminal. */
export async function ingestCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      engine: { type: 'string' }, token: { type: 'string' }, set: { type: 'string' }, session: { type: 'string' },
      index: { type: 'boolean', default: false }, state: { type: 'string' }, wait: { type: 'boolean', default: false },
      concurrency: { type: 'string' }, 'part-size': { type: 'string' }, 'bandwidth-limit': { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new CliUsageError('give at least one PATH', INGEST_USAGE);
  if (!values.engine || !values.token) throw new CliUsageError('--engine URL and --token TOKEN are required', INGEST_USAGE);
  const host = await IngestHost.start({ stateDir: values.state ?? defaultStateDir(), engine: { url: values.engine, token: values.token } });
  try {
    const service = host.service;
    service.updateSettings({
      ...numberOption(values.concurrency, 'concurrency', (v) => ({ concurrency: v })),
      ...numberOption(values['part-size'], 'part-size', (v) => ({ partSize: v })),
      ...numberOption(values['bandwidth-limit'], 'bandwidth-limit', (v) => ({ bandwidthLimit: v })),
    });
    const { ids, missing } = await service.dropPaths(positionals, {
      setName: values.set ?? null, sessionMode: values.session ? 'named' : 'per_recording', sessionName: values.session ?? null,
      sensorRule: null, sensor: null, indexBags: values.index ?? false,
    });
    for (const m of missing) io.stderr.write(`scenedock ingest: ${m.path}: ${m.reason}\n`);
    // Without --wait, a recording counts as handled once its index job started.
    const settled: readonly ItemState[] = values.wait ? ['done', 'failed', 'rejected', 'skipped'] : ['done', 'indexing', 'failed', 'rejected', 'skipped'];
    const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
    let last = 0;
    for (;;) {
      const states = ids.map((id) => service.journal.reader.get(id));
      const open = states.filter((i) => i && !(settled.includes(i.state) && !(i.state === 'failed' && i.nextRetryAt !== null)));
      const now = Date.now();
      if (tty) io.stderr.write(`\r${progressLine(service.overview())}\u001b[K`);
      else if (now - last > 5000) {
        io.stderr.write(`${progressLine(service.overview())}\n`);
        last = now;
      }
      if (open.length === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (tty) io.stderr.write('\n');
    const final = ids.map((id) => service.journal.reader.get(id)).filter((i) => i !== undefined);
    const count = (states: readonly ItemState[]) => final.filter((i) => states.includes(i.state)).length;
    for (const item of final.filter((i) => i.state === 'failed' || i.state === 'rejected')) {
      io.stderr.write(`${item.state}: ${item.path}: ${item.state === 'failed' ? item.lastError : item.reason}\n`);
    }
    const failed = count(['failed']) + missing.length;
    io.stdout.write(`${count(['done', 'indexing'])} done, ${failed} failed, ${count(['rejected'])} rejected, ${count(['skipped'])} skipped\n`);
    return failed === 0 ? 0 : 1;
  } finally {
    await host.close();
  }
}
