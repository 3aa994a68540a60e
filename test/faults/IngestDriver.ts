import { join } from 'node:path';
import type { IngestSettings } from '../../shared/ingest/ingestSettings';
import { FileSecretStore } from '../../main/services/host/FileSecretStore';
import { SettingsStore } from '../../main/services/host/SettingsStore';
import { openJournal } from '../../main/services/journal/openJournal';
import { spawnCli, type CliProcess } from '../helpers/spawnCli';
import type { FaultsProfile } from './faultsProfile';

export interface IngestRunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scenedock ingest` over the corpus folders as separate processes sharing one journal (state
 * folder), as a person re-running it after each crash would.
 */
export class IngestDriver {
  public readonly stateDir: string;
  readonly #paths: string[] = [];
  readonly #engineUrl: string;
  readonly #token: string;
  readonly #profile: FaultsProfile;
  #runs = 0;
  /** The last run ended by itself with nothing failed. */
  #clean = false;
  #last: IngestRunResult | undefined;

  private constructor(options: { engineUrl: string; token: string; stateDir: string; profile: FaultsProfile }) {
    this.#engineUrl = options.engineUrl;
    this.#token = options.token;
    this.stateDir = options.stateDir;
    this.#profile = options.profile;
  }

  /**
   * Settings the CLI has no flag for are saved where the app keeps them (the journal's settings),
   * before the first run: a short stall timeout, so that a stalled connection is given up in
   * seconds, and multipart from one part up, so that mid-sized files resume part by part.
   */
  public static async create(options: { engineUrl: string; token: string; stateDir: string; profile: FaultsProfile }): Promise<IngestDriver> {
    const journal = openJournal(options.stateDir);
    try {
      const upload: Partial<IngestSettings> = { stallTimeoutMs: 2000, multipartThreshold: options.profile.partSize, maxAttempts: 8 };
      await new SettingsStore(journal.db, new FileSecretStore(join(options.stateDir, 'engine-token'))).update({ upload });
    } finally {
      journal.close();
    }
    return new IngestDriver(options);
  }

  public get runs(): number {
    return this.#runs;
  }

  /** Adds a folder to the paths every later run is given (each fault step brings a batch). */
  public include(path: string): void {
    this.#paths.push(path);
  }

  public spawn(): CliProcess {
    this.#runs++;
    this.#clean = false;
    const p = this.#profile;
    const cli = spawnCli([
      'ingest', ...this.#paths, '--engine', this.#engineUrl, '--token', this.#token, '--state', this.stateDir, '--set', 'faults',
      '--part-size', String(p.partSize), '--concurrency', String(p.concurrency), '--bandwidth-limit', String(p.bandwidthLimit),
    ]);
    void cli.exited.then((code) => {
      this.#clean = code === 0;
      this.#last = { code, stdout: cli.stdout(), stderr: cli.stderr() };
    });
    return cli;
  }

  /** One whole run, to its end. */
  public async run(): Promise<IngestRunResult> {
    return this.finish(this.spawn());
  }

  public async finish(cli: CliProcess): Promise<IngestRunResult> {
    const code = await cli.exited;
    return { code, stdout: cli.stdout(), stderr: cli.stderr() };
  }

  /**
   * Runs again until a run ends with nothing failed (a run can end with failures the faults
   * caused: items out of attempts are retried by the next run, as a person would). Unless forced
   * (files changed since), a last run that ended clean is enough.
   */
  public async settle(maxRuns: number, force: boolean): Promise<IngestRunResult & { runs: number }> {
    let last: IngestRunResult = { code: null, stdout: '', stderr: '' };
    if (this.#clean && !force && this.#last) return { ...this.#last, runs: 0 };
    for (let i = 1; i <= maxRuns; i++) {
      last = await this.run();
      if (last.code === 0) return { ...last, runs: i };
    }
    throw new Error(`scenedock ingest did not finish cleanly in ${maxRuns} runs; last exit ${last.code}\nstdout: ${last.stdout}\nstderr: ${last.stderr.slice(-4000)}`);
  }
}
