import { afterAll, beforeAll } from 'vitest';
import { startTestEngine, type TestEngine } from '../startTestEngine';
import { IndexingClient } from './IndexingClient';

/**
 * A real engine for the tests of the enclosing describe block (or file), with an indexing client
 * on it; stopped and removed after them (also after a restart). Returns a getter: both exist only once beforeAll has run.
 */
export interface IndexingEnvironment {
  engine: TestEngine;
  client: IndexingClient;
  /** Stops the engine and starts it again on the same data and port (the client keeps working). */
  restart(): Promise<TestEngine>;
}

export function useIndexingEngine(): () => IndexingEnvironment {
  let current: IndexingEnvironment | undefined;
  beforeAll(async () => {
    const engine = await startTestEngine();
    const env: IndexingEnvironment = {
      engine, client: new IndexingClient(engine),
      restart: async () => {
        env.engine = await env.engine.restart();
        return env.engine;
      },
    };
    current = env;
  });
  afterAll(async () => {
    await current?.engine.dispose();
  });
  return () => {
    if (!current) throw new Error('the engine exists only inside tests');
    return current;
  };
}
