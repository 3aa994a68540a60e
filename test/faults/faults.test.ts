import { describe, expect, it } from 'vitest';
import { faultsProfile } from './faultsProfile';
import { formatFigures } from './formatFigures';
import { runFaultScenario } from './runFaultScenario';

// Issue 7, faults: ingest through SIGKILLs, a flaky network, an engine crash, files changed and
// deleted, and a full disk, then checked from the outside. `npm test` runs the short profile;
// `npm run test:faults` the long one (SCENEDOCK_FAULTS=short|medium|long, SCENEDOCK_FAULTS_SEED=N).

const profile = faultsProfile();
const TIMEOUT = { short: 300_000, medium: 1_800_000, long: 5_400_000 }[profile.name];

describe(`ingest under faults (${profile.name} profile, seed ${profile.seed})`, () => {
  it('loses nothing, duplicates nothing, stores every byte as sent and leaves the journal final', async () => {
    const started = Date.now();
    // Elapsed seconds in the log only help to read it; nothing is asserted on time.
    const result = await runFaultScenario(profile, (line) => console.log(`[faults +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`));
    console.log(formatFigures([
      `[faults] ${profile.name} profile, seed ${profile.seed}; ${result.changed} files changed and ${result.deleted} deleted mid-run; ${result.killsMissed} planned kills found no work left.`,
      'Re-sent = upload bodies that reached the engine minus the corpus bytes: it includes changed files sent again and form-post framing.',
    ].join('\n'), result.rows));

    for (const { step, verdict } of result.verdicts) {
      expect(verdict.lost, `${step}: lost`).toEqual([]);
      expect(verdict.duplicated, `${step}: duplicated`).toEqual([]);
      expect(verdict.mismatched, `${step}: mismatched`).toEqual([]);
      expect(verdict.journal, `${step}: journal`).toEqual([]);
      expect(verdict.expected).toBeGreaterThan(0);
    }
    const last = result.rows.at(-1);
    expect(last?.files).toBe(profile.files - result.deleted);
    // The trouble really happened: kills landed, the network misbehaved, the engine came back.
    expect(last?.kills).toBeGreaterThan(0);
    expect(last?.restarts).toBe(profile.engineRestarts + 2);
    expect(result.proxyFaults).toBeGreaterThan(0);
    // A full disk is a failure with a reason a person can act on, not a hang or a silent retry.
    expect(result.diskFull.failed?.last_error ?? 'no failure on the full store').toMatch(/507|full/i);
    for (const summary of result.summaries) expect(summary).toMatch(/\d+ done, 0 failed, 0 rejected, 0 skipped/);
  }, TIMEOUT);
});
