import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SceneEngineClient } from '../../client/SceneEngineClient';
import { startFaultyProxy } from '../helpers/faultyProxy';
import { momentAmong, sleep } from './atRandomMomentOf';
import { changeFilesStep } from './changeFilesStep';
import { diskFullStep, type DiskFullOutcome } from './diskFullStep';
import { engineCrashStep } from './engineCrashStep';
import { folderBytes } from './folderBytes';
import type { FaultsProfile } from './faultsProfile';
import type { FigureRow } from './formatFigures';
import { IngestDriver } from './IngestDriver';
import { killAtRandomMoment } from './killAtRandomMoment';
import { journalCounts } from './readJournal';
import type { ScenarioContext } from './ScenarioContext';
import { seededRandom } from './seededRandom';
import { startCliEngine } from './startCliEngine';
import { startTcpFaultProxy } from './startTcpFaultProxy';
import { verifyIngest, type Verdict } from './verifyIngest';
import { writeCorpus } from './writeCorpus';

export interface ScenarioResult {
  rows: FigureRow[];
  verdicts: { step: string; verdict: Verdict }[];
  diskFull: DiskFullOutcome;
  /** Output of the last (clean) ingest run of each step. */
  summaries: string[];
  changed: number;
  deleted: number;
  /** Kills the plan asked for that found no work left to interrupt. */
  killsMissed: number;
  proxyFaults: number;
}

/**
 * The fault run: a corpus in four batches, one per step, ingested by `scenedock ingest` through
 * a flaky network into a `scenedock engine`, each step with its own trouble (kills; an engine
 * crash; files changed and deleted; a full disk) and kills throughout. After each step the run is
 * settled (ingest re-run until it ends clean, as a person would) and verified from the outside.
 */
export async function runFaultScenario(profile: FaultsProfile, log: (line: string) => void): Promise<ScenarioResult> {
  const work = mkdtempSync(join(tmpdir(), `scenedock-faults-${profile.name}-`));
  const random = seededRandom(profile.seed);
  const token = randomBytes(16).toString('hex');
  const dataDir = join(work, 'engine');
  const corpus = writeCorpus(join(work, 'corpus'), profile, random);
  log(`corpus: ${corpus.files.length} files, ${(corpus.files.reduce((s, f) => s + f.size, 0) / 1048576).toFixed(1)} MiB in ${work}`);
  const first = await startCliEngine({ dataDir, token });
  const meter = await startFaultyProxy(first.url, () => 'pass');
  const network = await startTcpFaultProxy({
    upstreamPort: Number(new URL(meter.url).port), random, rate: profile.proxyFaultRate, cap: profile.proxyFaultCap,
    maxOffset: profile.partSize + 64 * 1024, stallMs: [500, 3500],
  });
  let batches = -1;
  const include = (batch: number): void => {
    batches = batch;
    driver.include(corpus.batchDir(batch));
  };
  const driver = await IngestDriver.create({ engineUrl: network.url, token, stateDir: join(work, 'state'), profile });
  const ctx: ScenarioContext = {
    profile, random, corpus, engine: first, driver, network, meter, kills: 0, engineRestarts: 0, log,
    pending: () => Math.max(0, corpus.files.filter((f) => !f.deleted && f.batch <= batches).length - journalCounts(driver.stateDir).done),
    client: new SceneEngineClient({ authToken: token, sceneEngineUrl: first.url }),
    restartEngine: async ({ crash, pauseMs, maxBlobBytes }) => {
      if (crash) await ctx.engine.kill();
      else await ctx.engine.stop();
      if (pauseMs) await sleep(pauseMs);
      ctx.engine = await startCliEngine({ dataDir, token, port: ctx.engine.port, ...(maxBlobBytes !== undefined ? { maxBlobBytes } : {}) });
      ctx.engineRestarts++;
    },
  };
  const rows: FigureRow[] = [];
  const verdicts: ScenarioResult['verdicts'] = [];
  const summaries: string[] = [];
  // Kills per step (40/20/20/20 %); those a step could not land (its batch ended first) move on.
  const share = [0.4, 0.2, 0.2, 0.2].map((s) => Math.round(s * profile.kills));
  share[3] = profile.kills - (share[0] ?? 0) - (share[1] ?? 0) - (share[2] ?? 0);
  let owed = 0;
  const landed = (): void => {
    owed--;
    ctx.kills++;
    log(`kill ${ctx.kills} landed (${ctx.pending()} files pending)`);
  };
  // `reserve`: interruptions of the step that come after its kills and need work left too.
  const kill = async (step: number, reserve = 0): Promise<void> => {
    owed += share[step] ?? 0;
    for (let misses = 0; owed > 0 && misses < 2;) {
      const moment = momentAmong(random, ctx.pending(), owed + reserve, profile.killWindowMs);
      if (await killAtRandomMoment(() => driver.spawn(), driver.stateDir, random, moment)) landed();
      else misses++;
    }
  };
  const settleAndVerify = async (step: number, name: string, force = false): Promise<void> => {
    const settled = await driver.settle(8, force);
    summaries.push(settled.stdout.trim());
    const verdict = await verifyIngest(corpus, step, ctx.client, driver.stateDir);
    verdicts.push({ step: name, verdict });
    const inScope = corpus.files.filter((f) => f.batch <= step);
    const bytes = inScope.filter((f) => !f.deleted).reduce((s, f) => s + f.size, 0);
    const { drop, stall, reset } = network.injected;
    rows.push({
      step: name, files: verdict.expected, bytes, kills: ctx.kills, proxyFaults: `${drop + stall + reset} (${drop}/${stall}/${reset})`,
      restarts: ctx.engineRestarts, ingestRuns: driver.runs, lost: verdict.lost.length, duplicated: verdict.duplicated.length,
      mismatched: verdict.mismatched.length, journalProblems: verdict.journal.length, uploadBytes: meter.uploadBodyBytes(),
      resent: Math.max(0, meter.uploadBodyBytes() - bytes), leftInUploads: folderBytes(join(dataDir, 'uploads')),
    });
    log(`${name}: ${settled.stdout.trim()} after ${settled.runs} clean-up run(s); ${verdict.expected} files verified; ${network.connections()} connections so far`);
  };

  let diskFull: DiskFullOutcome | undefined;
  let changed = 0;
  let deleted = 0;
  try {
    include(0);
    await kill(0);
    await settleAndVerify(0, '1 kills + network');

    include(1);
    await kill(1, profile.engineRestarts);
    log(`engine crash run exited ${await engineCrashStep(ctx)}`);
    await settleAndVerify(1, '2 engine crash');

    include(2);
    owed += share[2] ?? 0;
    const mutated = await changeFilesStep(ctx, 2, owed > 0);
    if (mutated.killed) landed();
    changed = mutated.changed.length;
    deleted = mutated.deleted.length;
    owed -= share[2] ?? 0;
    await kill(2);
    await settleAndVerify(2, '3 files changed/deleted', true);

    include(3);
    diskFull = await diskFullStep(ctx);
    await kill(3);
    await settleAndVerify(3, '4 disk full, then freed');
  } finally {
    await network.close();
    await meter.close();
    await ctx.engine.stop();
    if (!process.env.SCENEDOCK_FAULTS_KEEP) rmSync(work, { recursive: true, force: true });
  }
  return { rows, verdicts, diskFull, summaries, changed, deleted, killsMissed: owed, proxyFaults: network.injected.drop + network.injected.stall + network.injected.reset };
}
