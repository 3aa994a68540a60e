import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FuzzInput, FuzzTargetName } from './fuzzTargets';
import type { FuzzWorker } from './FuzzWorker';
import { mutateBytes } from './mutateBytes';
import { SeededRandom } from './SeededRandom';

export type FailureKind = 'crash' | 'hang' | 'unreadable';

export interface FuzzFailure {
  target: FuzzTargetName;
  kind: FailureKind;
  input: string;
  index: number;
  /** The mutant's own seed: SeededRandom.derive(baseSeed, target, index). */
  seed: number;
  mutation: string;
  detail: string;
  /** A copy of the mutant kept for reproduction. */
  keptAt: string;
}

export interface FuzzStats {
  target: FuzzTargetName;
  /** Originals the mutants were made from. */
  inputs: number;
  mutants: number;
  accepted: number;
  rejected: number;
  failures: FuzzFailure[];
  maxMs: number;
  /** A few rejection reasons, to show in the report what the user would read. */
  sampleReasons: string[];
}

export interface FuzzRunOptions {
  target: FuzzTargetName;
  inputs: readonly FuzzInput[];
  count: number;
  baseSeed: number;
  limitMs: number;
  scratchDir: string;
  worker: FuzzWorker;
}

/**
 * Mutates the inputs round-robin, `count` times, and has the worker probe each mutant. A mutant is
 * laid out as the probe expects it (a file under its own name, or a whole bag folder with one
 * file changed) in a folder of its own, removed afterwards unless it made a failure.
 */
export async function runFuzzTarget(options: FuzzRunOptions): Promise<FuzzStats> {
  const { target, inputs, count, baseSeed, limitMs, scratchDir, worker } = options;
  const stats: FuzzStats = { target, inputs: inputs.length, mutants: 0, accepted: 0, rejected: 0, failures: [], maxMs: 0, sampleReasons: [] };
  const originals = new Map<string, Uint8Array>();
  for (let index = 0; index < count; index++) {
    const input = inputs[index % inputs.length];
    if (!input) break;
    const seed = SeededRandom.derive(baseSeed, target, index);
    const bytes = originals.get(input.file) ?? new Uint8Array(await readFile(input.file));
    originals.set(input.file, bytes);
    const mutant = mutateBytes(bytes, new SeededRandom(seed));
    const home = join(scratchDir, target, String(index));
    const unitPath = await layOut(home, input, mutant.bytes);
    const result = await worker.run({ id: index, target, path: unitPath, depth: index % 2 === 0 ? 'full' : 'index' }, limitMs);
    stats.mutants++;
    stats.maxMs = Math.max(stats.maxMs, result.ms);
    if (result.kind !== 'accepted' && result.kind !== 'rejected') {
      stats.failures.push({ target, kind: result.kind, input: input.label, index, seed, mutation: mutant.mutation, detail: result.detail, keptAt: home });
      continue;
    }
    if (result.kind === 'accepted') stats.accepted++;
    else {
      stats.rejected++;
      if (stats.sampleReasons.length < 5 && !stats.sampleReasons.includes(result.detail)) stats.sampleReasons.push(result.detail);
    }
    await rm(home, { recursive: true, force: true });
  }
  return stats;
}

/** Writes the mutant where the probe will read it; answers the path the probe is handed. */
async function layOut(home: string, input: FuzzInput, bytes: Uint8Array): Promise<string> {
  if (!input.folder) {
    await mkdir(home, { recursive: true });
    const path = join(home, basename(input.file));
    await writeFile(path, bytes);
    return path;
  }
  // The folder keeps its name: metadata.yaml before version 4 lists paths that start with it.
  const folder = join(home, basename(input.folder));
  await mkdir(folder, { recursive: true });
  for (const name of await readdir(input.folder)) {
    if (name === basename(input.file)) await writeFile(join(folder, name), bytes);
    else await copyFile(join(input.folder, name), join(folder, name));
  }
  return folder;
}
