import { DEFAULT_SOURCE_DEFAULTS } from '../../shared/ipc/defaultSourceDefaults';
import { startTestIngest } from '../../test/helpers/startTestIngest';

/**
 * Drops `paths` into a running ingest service (the one the desktop app and the agent run) and
 * answers the milliseconds until every item has settled, and how many ended done. The service is
 * started before the clock: a figure about moving files should not count a process starting.
 */
export async function timedDrop(engine: { url: string; token: string }, stateDir: string, paths: readonly string[]): Promise<{ ms: number; done: number }> {
  const ingest = await startTestIngest({ url: engine.url, adminToken: engine.token }, { stateDir });
  try {
    const start = performance.now();
    // Registration is the end of these figures: bags are not indexed (indexing has its own).
    await ingest.service.dropPaths(paths, { ...DEFAULT_SOURCE_DEFAULTS, indexBags: false });
    await ingest.service.whenSettled();
    const ms = performance.now() - start;
    return { ms, done: ingest.service.journal.reader.counts().done.count };
  } finally {
    await ingest.stop();
  }
}
