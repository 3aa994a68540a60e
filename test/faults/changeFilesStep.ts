import { atRandomMomentOf, momentAmong } from './atRandomMomentOf';
import { mutateCorpus } from './mutateCorpus';
import { journalCounts } from './readJournal';
import type { ScenarioContext } from './ScenarioContext';
import type { CorpusFile } from './writeCorpus';

/**
 * Files changed and deleted at a random moment of an ingest run (one of them mid-upload), and,
 * when a kill is owed, the same run SIGKILLed at a later moment. The caller must run ingest again
 * after this: files already done before they changed are only seen by the next run's scan.
 */
export async function changeFilesStep(ctx: ScenarioContext, batch: number, kill: boolean): Promise<{ changed: CorpusFile[]; deleted: CorpusFile[]; killed: boolean }> {
  const before = journalCounts(ctx.driver.stateDir).sources;
  const cli = ctx.driver.spawn();
  await atRandomMomentOf(cli, ctx.driver.stateDir, ctx.random, momentAmong(ctx.random, ctx.pending(), 2, ctx.profile.killWindowMs), before);
  const { changed, deleted } = mutateCorpus(ctx.corpus, ctx.random, { batch, change: ctx.profile.changedFiles, remove: ctx.profile.deletedFiles });
  ctx.log(`changed ${changed.map((f) => f.name).join(', ')}; deleted ${deleted.map((f) => f.name).join(', ')}`);
  let killed = false;
  if (kill && await atRandomMomentOf(cli, ctx.driver.stateDir, ctx.random, momentAmong(ctx.random, ctx.pending(), 1, ctx.profile.killWindowMs), Number.NEGATIVE_INFINITY)) {
    cli.child.kill('SIGKILL');
    killed = true;
  }
  await cli.exited;
  return { changed, deleted, killed };
}
