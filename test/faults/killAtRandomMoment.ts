import type { CliProcess } from '../helpers/spawnCli';
import { atRandomMomentOf, type Moment } from './atRandomMomentOf';
import { journalCounts } from './readJournal';
import type { SeededRandom } from './seededRandom';

/** SIGKILLs an ingest child at a random moment of its work; resolves whether the kill landed (the child may finish first). */
export async function killAtRandomMoment(spawn: () => CliProcess, stateDir: string, random: SeededRandom, moment: Moment): Promise<boolean> {
  const before = journalCounts(stateDir).sources;
  const cli = spawn();
  const landed = await atRandomMomentOf(cli, stateDir, random, moment, before);
  if (landed) cli.child.kill('SIGKILL');
  await cli.exited;
  return landed;
}
