import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEngine, type TestEngine } from './startTestEngine';
import { startTestIngest, type TestIngest } from './startTestIngest';

export interface IngestBed {
  engine: TestEngine;
  ingest: TestIngest;
  /** A temporary folder for the files a test writes and drops. */
  root: string;
  dispose(): Promise<void>;
}

/** A real engine, a real ingest service talking to it, and a folder for the test's files. */
export async function startIngestBed(prefix: string): Promise<IngestBed> {
  const engine = await startTestEngine();
  const ingest = await startTestIngest(engine);
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    engine, ingest, root,
    dispose: async () => {
      await ingest.dispose();
      await engine.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A one-point ASCII PCD at (x, 0, 0): files with distinct bytes, small enough to write anywhere. */
export function onePointPcd(x: number): string {
  return `# .PCD v0.7\nVERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 1\nHEIGHT 1\nPOINTS 1\nDATA ascii\n${x} 0 0\n`;
}
