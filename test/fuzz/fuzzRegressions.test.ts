import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_MISSING, fixturesDir } from '../helpers/fixturesDir';
import { useTempDir } from '../helpers/useTempDir';
import { classifyOutcome } from './classifyOutcome';
import { writeGeneratedRos1Bags } from './generatedInputs';
import { FUZZ_PROBES } from './fuzzProbes';
import type { FuzzTargetName } from './fuzzTargets';
import { mutateBytes } from './mutateBytes';
import { SeededRandom } from './SeededRandom';

// Mutants the long fuzz run (seed 6089996) found, rebuilt from their seeds: each once made a
// probe answer with a JavaScript engine message instead of a reason ("Offset is outside the
// bounds of the DataView", "Cannot read properties of undefined (reading 'buffer')") from a
// third-party reader. They must now be rejected with a readable reason naming the file.

const fixtures = fixturesDir();

type Depth = 'full' | 'index';
const BOTH: Depth[] = ['full', 'index'];

/** `depths`: where the damage is seen (a damaged chunk body only by the full probe; the index probe trusts the index). */
const FOUND: { target: FuzzTargetName; input: string; seed: number; mutation: string; depths?: Depth[] }[] = [
  { target: 'ros1', input: 'ros1/webviz/bag-with-empty-message-definition.bag', seed: SeededRandom.derive(6089996, 'ros1', 113), mutation: '' },
  { target: 'ros1', input: 'ros1/rosbag2_bag_v2/test_bag.bag', seed: SeededRandom.derive(6089996, 'ros1', 832), mutation: '' },
  // Generated originals are rebuilt in the test's temporary folder (input `generated/<name>`).
  { target: 'ros1', input: 'generated/generated-chunks.bag', seed: SeededRandom.derive(6089996, 'ros1', 878), mutation: '', depths: ['full'] },
  { target: 'exif_image', input: 'coco/datumaro/coco_instances/images/train/a.jpg', seed: 3454797716, mutation: 'truncate at 163 of 631' },
  { target: 'exif_image', input: 'images/exifr/orientation/f6t.jpg', seed: 2212543942, mutation: 'truncate at 133 of 434' },
  { target: 'exif_image', input: 'images/exifr/orientation/f6t.jpg', seed: 2758032362, mutation: 'truncate at 3 of 434' },
];

describe.skipIf(!fixtures)(`fuzz findings stay fixed${fixtures ? '' : ` (${FIXTURES_MISSING})`}`, () => {
  const temp = useTempDir('scenedock-fuzz-regression-');

  it.each(FOUND)('$target on $input (seed $seed) is rejected with a readable reason', async ({ target, input, seed, mutation, depths = BOTH }) => {
    const generated = input.startsWith('generated/') ? await writeGeneratedRos1Bags(temp()) : [];
    const source = generated.find((f) => basename(f) === basename(input)) ?? join(fixtures ?? '', input);
    const original = new Uint8Array(await readFile(source));
    const mutant = mutateBytes(original, new SeededRandom(seed));
    if (mutation) expect(mutant.mutation).toBe(mutation);
    const dir = join(temp(), String(seed));
    await mkdir(dir, { recursive: true });
    const path = join(dir, basename(input));
    await writeFile(path, mutant.bytes);
    const probe = FUZZ_PROBES[target];
    for (const depth of depths) {
      const settled = await probe.run(path, depth).then((value) => ({ value }), (error: unknown) => ({ error }));
      const outcome = classifyOutcome(path, settled, (value) => probe.schema.parse(value));
      expect(outcome.kind, outcome.detail).toBe('rejected');
      expect(outcome.detail).toMatch(/damaged/);
    }
  });
});
