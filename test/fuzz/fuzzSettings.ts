/** Mutants per parser: a short run in `npm test`, the long one under SCENEDOCK_LONG_TESTS=1 (`npm run test:long`). */
const SHORT_COUNT = 20;
const LONG_COUNT = 1000;
/** The run's default seed: fixed, so that `npm test` probes the same mutants every time. */
const DEFAULT_SEED = 0x5ced0c;
/** Per mutant. Far above any honest probe of these small files; only a hang comes near it. */
const DEFAULT_LIMIT_MS = 30_000;

export interface FuzzSettings {
  long: boolean;
  count: number;
  baseSeed: number;
  limitMs: number;
  /** Only these targets (SCENEDOCK_FUZZ_TARGETS=pcd,ros1), to reproduce one failure quickly. */
  only: readonly string[] | undefined;
}

/** Read from the environment, so that a failure printed with its seed can be replayed exactly. */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  const long = env.SCENEDOCK_LONG_TESTS === '1';
  const number = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, not ${JSON.stringify(raw)}`);
    return value;
  };
  const only = env.SCENEDOCK_FUZZ_TARGETS?.split(',').map((t) => t.trim()).filter(Boolean);
  return {
    long,
    count: number('SCENEDOCK_FUZZ_COUNT', long ? LONG_COUNT : SHORT_COUNT),
    baseSeed: number('SCENEDOCK_FUZZ_SEED', DEFAULT_SEED),
    limitMs: number('SCENEDOCK_FUZZ_LIMIT_MS', DEFAULT_LIMIT_MS),
    only: only?.length ? only : undefined,
  };
}
