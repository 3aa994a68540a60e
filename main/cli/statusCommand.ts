import { parseArgs } from 'node:util';
import { ITEM_STATES } from '../../shared/ingest/itemStates';
import { openJournal } from '../services/journal/openJournal';
import type { CliIo } from './CliIo';
import { defaultStateDir } from './defaultStateDir';
import { formatBytes } from './progressLine';

export const STATUS_USAGE = `scenedock status [--state DIR] [--json]

Counts per state, and the failing items with their reasons, from the journal (no engine needed).`;

/** `scenedock status`: reads the journal only, so it works while an agent runs or after a crash. */
export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { state: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const journal = openJournal(values.state ?? defaultStateDir());
  try {
    const counts = journal.reader.counts();
    const failing = journal.reader.list({ states: ['failed', 'rejected'], limit: 1000 }).map((i) => ({
      id: i.id, path: i.path, state: i.state, reason: i.state === 'failed' ? i.lastError : i.reason, attempts: i.attempts,
      nextRetryAt: i.nextRetryAt ? new Date(i.nextRetryAt).toISOString() : null,
    }));
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ counts, failing }, null, 2)}\n`);
      return 0;
    }
    for (const state of ITEM_STATES) {
      const c = counts[state];
      if (c.count > 0) io.stdout.write(`${state.padEnd(11)} ${String(c.count).padStart(7)}  ${formatBytes(c.bytes)}\n`);
    }
    for (const f of failing) io.stdout.write(`${f.state}: ${f.path}: ${f.reason ?? ''}${f.nextRetryAt ? ` (retry at ${f.nextRetryAt})` : ''}\n`);
    return 0;
  } finally {
    journal.close();
  }
}
