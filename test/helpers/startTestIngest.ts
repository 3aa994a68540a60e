import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceDefaults } from '../../shared/ipc/viewModels';
import type { IngestSettings } from '../../shared/ingest/ingestSettings';
import { IngestService } from '../../main/services/ingest/IngestService';
import { openJournal } from '../../main/services/journal/openJournal';
import type { TestEngine } from './startTestEngine';

export const DEFAULTS: SourceDefaults = { setName: 'drive', sessionMode: 'per_recording', sessionName: null, sensorRule: null, sensor: null, indexBags: false };

export interface TestIngest {
  service: IngestService;
  stateDir: string;
  /** Stops the service (the journal stays on disk for a restart). */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/** A real ingest service with its journal in a temporary folder, talking to a real engine. */
export async function startTestIngest(engine: Pick<TestEngine, 'url' | 'adminToken'>, options: { stateDir?: string; settings?: Partial<IngestSettings> } = {}): Promise<TestIngest> {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'scenedock-ingest-'));
  const journal = openJournal(stateDir);
  const service = new IngestService({
    journal, engine: { url: engine.url, token: engine.adminToken }, engineMode: 'remote',
    settings: options.settings ?? {}, watcher: { quietMs: 300, tickMs: 100, rescanMs: 60_000 }, progressMs: 200,
  });
  await service.start();
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await service.stop();
    journal.close();
  };
  return { service, stateDir, stop, dispose: async () => { await stop(); rmSync(stateDir, { recursive: true, force: true }); } };
}
