import { join } from 'node:path';
import { sleep } from './atRandomMomentOf';
import { folderBytes } from './folderBytes';
import { readJournal, type JournalItemRow } from './readJournal';
import type { ScenarioContext } from './ScenarioContext';

export interface DiskFullOutcome {
  /** The item that failed on the full store, with the reason the journal (and so the UI) shows. */
  failed: JournalItemRow | undefined;
  /** Items in a failed state for another reason, while the store was full. */
  otherFailures: JournalItemRow[];
  limit: number;
}

/**
 * The engine's disk full: it is restarted with a blob store limit just above what it holds, an
 * ingest run meets the limit, and the failure must show in the journal with a reason naming the
 * full store. Then the run is stopped and the engine restarted without the limit ("space freed");
 * the caller settles and verifies that nothing was lost.
 */
export async function diskFullStep(ctx: ScenarioContext): Promise<DiskFullOutcome> {
  const limit = folderBytes(join(ctx.engine.dataDir, 'blobs')) + folderBytes(join(ctx.engine.dataDir, 'uploads')) + 4096;
  ctx.log(`engine restarted with --max-blob-bytes ${limit}`);
  await ctx.restartEngine({ crash: false, maxBlobBytes: limit });
  const cli = ctx.driver.spawn();
  const deadline = Date.now() + 180_000;
  let failed: JournalItemRow | undefined;
  let others: JournalItemRow[] = [];
  while (Date.now() < deadline) {
    const items = readJournal(ctx.driver.stateDir).items.filter((i) => i.state === 'failed');
    failed = items.find((i) => /507|full/i.test(i.last_error ?? ''));
    others = items.filter((i) => i !== failed && !/507|full/i.test(i.last_error ?? ''));
    if (failed || cli.child.exitCode !== null) break;
    await sleep(100);
  }
  if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  await cli.exited;
  ctx.log(`disk full: ${failed ? `${failed.name} failed: ${failed.last_error ?? ''}` : 'no item failed on the full store'}`);
  for (const o of others) ctx.log(`  also failed meanwhile: ${o.name}: ${o.last_error ?? ''}`);
  await ctx.restartEngine({ crash: false });
  return { failed, otherFailures: others, limit };
}
