import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine, type EngineOptions, type RunningEngine } from '../../engine/host/startEngine';

export interface TestEngine extends RunningEngine {
  dataDir: string;
  adminToken: string;
  /** Stops the engine and starts it again on the same data directory and port. */
  restart(): Promise<TestEngine>;
  /** Stops the engine and removes its data directory. */
  dispose(): Promise<void>;
}

/** A real engine on 127.0.0.1 and a free port, with its data in a fresh temporary directory. */
export async function startTestEngine(options: Partial<EngineOptions> = {}): Promise<TestEngine> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'scenedock-engine-'));
  return launch({ ...options, dataDir, host: '127.0.0.1', port: options.port ?? 0, log: options.log ?? { level: 'silent' } });
}

async function launch(options: EngineOptions): Promise<TestEngine> {
  const engine = await startEngine(options);
  if (!engine.adminToken) throw new Error('test engine has no admin token');
  const test: TestEngine = {
    ...engine,
    adminToken: engine.adminToken,
    dataDir: options.dataDir,
    restart: async () => {
      await engine.close();
      return launch({ ...options, port: engine.port });
    },
    dispose: async () => {
      await engine.close();
      rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
  return test;
}
