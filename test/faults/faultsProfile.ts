const MiB = 1024 * 1024;

/** How big a fault run is: `npm test` runs `short`; `npm run test:faults` runs `long`. */
export interface FaultsProfile {
  name: 'short' | 'medium' | 'long';
  seed: number;
  files: number;
  /** Files over 100 MiB. */
  hugeFiles: number;
  /** Multipart files between `largeBytes[0]` and `largeBytes[1]`. */
  largeFiles: number;
  largeBytes: readonly [number, number];
  /** Small lidar scans (the rest of the files are PNG images). */
  smallScans: number;
  kills: number;
  /** Chance that one proxied connection gets a fault, and the most faults the proxy injects. */
  proxyFaultRate: number;
  proxyFaultCap: number;
  engineRestarts: number;
  changedFiles: number;
  deletedFiles: number;
  /** After the items a kill waits for, it lands a random delay within this window (between item boundaries). */
  killWindowMs: number;
  bandwidthLimit: number;
  partSize: number;
  concurrency: number;
}

const PROFILES: Record<FaultsProfile['name'], Omit<FaultsProfile, 'seed'>> = {
  short: {
    name: 'short', files: 40, hugeFiles: 0, largeFiles: 2, largeBytes: [11 * MiB, 13 * MiB], smallScans: 4, kills: 3,
    proxyFaultRate: 0.1, proxyFaultCap: 6, engineRestarts: 1, changedFiles: 3, deletedFiles: 2,
    killWindowMs: 400, bandwidthLimit: 8 * MiB, partSize: 5 * MiB, concurrency: 4,
  },
  medium: {
    name: 'medium', files: 200, hugeFiles: 1, largeFiles: 6, largeBytes: [6 * MiB, 30 * MiB], smallScans: 30, kills: 10,
    proxyFaultRate: 0.03, proxyFaultCap: 60, engineRestarts: 1, changedFiles: 8, deletedFiles: 5,
    killWindowMs: 800, bandwidthLimit: 24 * MiB, partSize: 8 * MiB, concurrency: 4,
  },
  long: {
    name: 'long', files: 1000, hugeFiles: 3, largeFiles: 20, largeBytes: [6 * MiB, 40 * MiB], smallScans: 150, kills: 50,
    proxyFaultRate: 0.02, proxyFaultCap: 300, engineRestarts: 2, changedFiles: 20, deletedFiles: 10,
    killWindowMs: 600, bandwidthLimit: 24 * MiB, partSize: 8 * MiB, concurrency: 4,
  },
};

/** The profile named by SCENEDOCK_FAULTS (default short), seeded by SCENEDOCK_FAULTS_SEED when given. */
export function faultsProfile(env: NodeJS.ProcessEnv = process.env): FaultsProfile {
  const name = env.SCENEDOCK_FAULTS ?? 'short';
  if (name !== 'short' && name !== 'medium' && name !== 'long') throw new Error(`SCENEDOCK_FAULTS must be short, medium or long, not "${name}"`);
  const seed = env.SCENEDOCK_FAULTS_SEED !== undefined ? Number(env.SCENEDOCK_FAULTS_SEED) : 0x5ced0c;
  if (!Number.isInteger(seed)) throw new Error(`SCENEDOCK_FAULTS_SEED must be a whole number, not "${env.SCENEDOCK_FAULTS_SEED}"`);
  return { ...PROFILES[name], seed };
}
