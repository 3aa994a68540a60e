import { atRandomMomentOf, momentAmong, sleep } from './atRandomMomentOf';
import { journalCounts } from './readJournal';
import type { ScenarioContext } from './ScenarioContext';

/**
 * The engine SIGKILLed in the middle of an ingest run and started again after a short pause on
 * the same data and port; the ingest run is left alone: it must notice, wait and carry on.
 * Returns the exit code of that ingest run (it may end with failures the next run retries).
 */
export async function engineCrashStep(ctx: ScenarioContext): Promise<number | null> {
  const before = journalCounts(ctx.driver.stateDir).sources;
  const cli = ctx.driver.spawn();
  for (let i = 0; i < ctx.profile.engineRestarts; i++) {
    // A run that ended before its moment still gets the crash, between runs: the next run meets it.
    const moment = momentAmong(ctx.random, ctx.pending(), ctx.profile.engineRestarts - i, ctx.profile.killWindowMs);
    const midRun = await atRandomMomentOf(cli, ctx.driver.stateDir, ctx.random, moment, i === 0 ? before : Number.NEGATIVE_INFINITY);
    const pauseMs = ctx.random.int(300, 2000);
    ctx.log(`engine SIGKILL ${midRun ? 'during' : 'after'} an ingest run, back in ${pauseMs} ms`);
    await ctx.restartEngine({ crash: true, pauseMs });
    await sleep(ctx.random.int(200, 1500));
  }
  return (await ctx.driver.finish(cli)).code;
}
