import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shared real-data fixtures (files written by other people, described in their SOURCES.md):
 * `SCENEDOCK_FIXTURES`, else `../shared/fixtures/real` beside the repository. Undefined when
 * absent, so that tests skip with a message instead of failing on a fresh clone.
 */
export function fixturesDir(): string | undefined {
  const candidates = [process.env.SCENEDOCK_FIXTURES, resolve(repoRoot, '..', 'shared', 'fixtures', 'real')];
  return candidates.find((c): c is string => typeof c === 'string' && c !== '' && existsSync(c));
}

export const FIXTURES_MISSING = 'real fixtures folder not found (../shared/fixtures/real or SCENEDOCK_FIXTURES): skipped';
