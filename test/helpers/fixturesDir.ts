import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shared real-data fixtures (files written by other people, described in their SOURCES.md), or
 * undefined when this checkout has none. SCENEDOCK_FIXTURES wins, because worktrees live elsewhere
 * than the main checkout and have no `../shared` beside them.
 */
export function fixturesDir(): string | undefined {
  const candidates = [process.env.SCENEDOCK_FIXTURES, resolve(repoRoot, '..', 'shared', 'fixtures', 'real')];
  return candidates.find((candidate): candidate is string => candidate !== undefined && candidate !== '' && existsSync(candidate));
}
