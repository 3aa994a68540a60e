import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/useTempDir';
import { faultsProfile } from './faultsProfile';
import { mutateCorpus } from './mutateCorpus';
import { seededRandom } from './seededRandom';
import { sha256Of, writeCorpus, BATCHES } from './writeCorpus';

const MiB = 1024 * 1024;
const dir = useTempDir('scenedock-corpus-');
const profile = { ...faultsProfile({ SCENEDOCK_FAULTS: 'short' }), files: 24, largeFiles: 2, largeBytes: [5 * MiB, 6 * MiB] as const, smallScans: 4 };

describe('writeCorpus', () => {
  it('writes the files it lists, with their sizes and sha256, no two alike, in every batch, the same for the same seed', () => {
    const a = writeCorpus(join(dir(), 'a'), profile, seededRandom(42));
    const b = writeCorpus(join(dir(), 'b'), profile, seededRandom(42));
    expect(a.files).toHaveLength(24);
    for (const f of a.files) {
      const bytes = readFileSync(f.path);
      expect(bytes.length).toBe(f.size);
      expect(sha256Of(bytes)).toBe(f.sha256);
      if (f.kind === 'lidar') expect(f.size % 16).toBe(0);
    }
    expect(new Set(a.files.map((f) => f.sha256)).size).toBe(24);
    expect(new Set(a.files.map((f) => f.batch)).size).toBe(BATCHES);
    expect(a.files.filter((f) => f.size >= 5 * MiB)).toHaveLength(2);
    expect(b.files.map((f) => f.sha256)).toEqual(a.files.map((f) => f.sha256));
  });

  it('changes files on disk and keeps their recorded size and sha256 true; deleted files are gone', () => {
    const corpus = writeCorpus(join(dir(), 'c'), profile, seededRandom(3));
    const before = new Map(corpus.files.map((f) => [f.path, f.sha256]));
    const { changed, deleted } = mutateCorpus(corpus, seededRandom(4), { batch: 2, change: 3, remove: 2 });
    expect(changed).toHaveLength(3);
    expect(deleted).toHaveLength(2);
    for (const f of changed) {
      expect(f.sha256).not.toBe(before.get(f.path));
      expect(sha256Of(readFileSync(f.path))).toBe(f.sha256);
      expect(statSync(f.path).size).toBe(f.size);
    }
    for (const f of deleted) expect(() => statSync(f.path)).toThrow();
    expect([...changed, ...deleted].every((f) => f.batch <= 2)).toBe(true);
  });
});
