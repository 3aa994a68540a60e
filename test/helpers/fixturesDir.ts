import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The shared real fixtures live outside the repository (never copied in). SCENEDOCK_FIXTURES wins,
// because worktrees sit where repoRoot/../shared does not exist.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real-fixtures folder, or undefined when it is absent (tests then skip with a message). */
export function fixturesDir(): string | undefined {
  const candidate = process.env.SCENEDOCK_FIXTURES ?? resolve(repoRoot, '..', 'shared', 'fixtures', 'real');
  return existsSync(candidate) ? candidate : undefined;
}
