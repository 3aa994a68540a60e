import { join } from 'node:path';
import { DEFAULT_SOURCE_DEFAULTS } from '../../shared/ipc/defaultSourceDefaults';
import { IngestService } from '../../main/services/ingest/IngestService';
import { openJournal } from '../../main/services/journal/openJournal';

/**
 * Drops `paths` into a running ingest service (the one the desktop app and the agent run) and
 * answers the milliseconds until every item has settled, and how many ended done. The service is
 * started before the clock: a figure about moving files should not count a process starting.
 */
export async function timedDrop(engine: { url: string; token: string }, stateDir: string, paths: readonly string[]): Promise<{ ms: number; done: number }> {
  const journal = openJournal(join(stateDir));
  const service = new IngestService({ journal, engine, engineMode: 'remote', settings: {} });
  await service.start();
  try {
    const start = performance.now();
    // Registration is the end of these figures: bags are not indexed (indexing has its own).
    await service.dropPaths(paths, { ...DEFAULT_SOURCE_DEFAULTS, indexBags: false });
    await service.whenSettled();
    const ms = performance.now() - start;
    return { ms, done: service.journal.reader.counts().done.count };
  } finally {
    await service.stop();
    journal.close();
  }
}
