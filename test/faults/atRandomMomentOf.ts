import type { CliProcess } from '../helpers/spawnCli';
import { journalCounts } from './readJournal';
import type { SeededRandom } from './seededRandom';

/** When, in a run, something should happen: after `afterDone` more items finished, then a delay within `windowMs`. */
export interface Moment {
  afterDone: number;
  windowMs: number;
}

/**
 * A random moment of an ingest child's work, drawn so that it lands before the run ends: the
 * caller spreads `afterDone` over the items left, and a short random delay puts the moment
 * anywhere between item boundaries (discovery, probing, hashing, the middle of a part,
 * registration). Waits first for the child to journal its drop (a new source row). Resolves false
 * when the child ended first.
 */
export async function atRandomMomentOf(cli: CliProcess, stateDir: string, random: SeededRandom, moment: Moment, sourcesBefore: number): Promise<boolean> {
  const exited = (): boolean => cli.child.exitCode !== null || cli.child.signalCode !== null;
  while (!exited() && journalCounts(stateDir).sources <= sourcesBefore) await sleep(20);
  const target = journalCounts(stateDir).done + moment.afterDone;
  while (!exited() && journalCounts(stateDir).done < target) await sleep(20);
  const end = Date.now() + random.int(0, moment.windowMs);
  while (!exited() && Date.now() < end) await sleep(Math.min(20, Math.max(1, end - Date.now())));
  return !exited();
}

/** A moment among `pending` items for the next of `left` interruptions, so that all of them find work. */
export function momentAmong(random: SeededRandom, pending: number, left: number, windowMs: number): Moment {
  return { afterDone: random.int(0, Math.max(0, Math.floor(pending / Math.max(1, left)) - 1)), windowMs };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
