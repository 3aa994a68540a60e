import type { WireComprehensiveStatus, WireJob, WireJobStatus, WireQueryTask } from '../shared/wire/jobWire';
import { httpSettingsOf, type HttpSettings } from './http/HttpSettings';
import { SceneBoxHttp } from './http/SceneBoxHttp';
import { cachedUrl, withoutTrailingSlash, type UrlSource } from './http/UrlSource';
import { jobManagerApi, type NewJob } from './jobs/jobManagerApi';
import { pollJob, type WaitOptions } from './jobs/pollJob';

export interface JobManagerClientOptions extends HttpSettings {
  /** The asset manager's URL; `/v1` is appended when it names no version, as the Python client does. */
  assetManagerUrl: UrlSource;
  authToken: string;
  /** The job this client drives; `createJob` sets it. */
  jobId?: string;
}

/** Progress is sent only when it rose by more than this many points (or reached 100, or is forced). */
const PROGRESS_STEP = 5;

/**
 * Drives one job through the job manager (the Python `JobManagerClient`, camelCase): a worker
 * outside the engine creates it, runs it, reports progress and stage, and finishes or aborts it.
 */
export class JobManagerClient {
  readonly #http: SceneBoxHttp;
  #jobId: string | undefined;
  #lastProgress = 0;

  public constructor(options: JobManagerClientOptions) {
    const base = cachedUrl(options.assetManagerUrl, (url) => {
      const trimmed = withoutTrailingSlash(url);
      return /\/v\d+$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
    });
    this.#http = new SceneBoxHttp({ baseUrl: base, authToken: options.authToken, ...httpSettingsOf(options) });
    this.#jobId = options.jobId;
  }

  public get jobId(): string | undefined {
    return this.#jobId;
  }

  /** Creates a job, which this client then drives; returns its id. */
  public async createJob(job: NewJob): Promise<string> {
    this.#jobId = await jobManagerApi.create(this.#http, job);
    this.#lastProgress = 0;
    return this.#jobId;
  }

  public async queue(): Promise<WireJob> { return jobManagerApi.queue(this.#http, this.#id()); }
  public async run(worker?: { cpuCore?: number; hostname?: string }): Promise<WireJob> { return jobManagerApi.run(this.#http, this.#id(), worker); }
  public async finish(): Promise<WireJob> { return jobManagerApi.finish(this.#http, this.#id()); }
  /** Ends the job `aborted`; the error string (at most 1024 characters) becomes its last note. */
  public async abort(errorString: string, options: { revoke?: boolean } = {}): Promise<WireJob> {
    return jobManagerApi.abort(this.#http, this.#id(), errorString, options.revoke);
  }
  public async appendNote(note: string): Promise<WireJob> { return jobManagerApi.appendNote(this.#http, this.#id(), note); }
  public async updateMeta(key: string, value: unknown): Promise<WireJob> { return jobManagerApi.updateMeta(this.#http, this.#id(), key, value); }
  public async updateStage(stage: string): Promise<WireJob> { return jobManagerApi.updateStage(this.#http, this.#id(), stage); }
  public async getStatus(): Promise<WireJobStatus> { return jobManagerApi.status(this.#http, this.#id()); }
  public async getComprehensiveStatus(): Promise<WireComprehensiveStatus> { return jobManagerApi.comprehensiveStatus(this.#http, this.#id()); }
  public async getProgress(): Promise<number> { return jobManagerApi.progress(this.#http, this.#id()); }

  /**
   * Reports progress (0-100), as the Python client does only when it rose by more than 5 points
   * since the last report, reached 100, or `force` is set. Resolves whether it was sent.
   */
  public async updateProgress(progress: number, options: { force?: boolean } = {}): Promise<boolean> {
    if (!(options.force || progress >= 100 || progress - this.#lastProgress > PROGRESS_STEP)) return false;
    await jobManagerApi.setProgress(this.#http, this.#id(), Math.min(100, Math.max(0, progress)));
    this.#lastProgress = progress;
    return true;
  }

  public async resubmit(): Promise<WireJob> {
    this.#lastProgress = 0;
    return jobManagerApi.resubmit(this.#http, this.#id());
  }

  /** Cancels the job (`PUT AM/jobs/jobs/cancel/<id>`). */
  public async cancel(): Promise<WireJob> { return jobManagerApi.cancel(this.#http, this.#id()); }

  /** Resolves on `finished`; throws `JobFailedError` with the job's notes on `aborted`. */
  public async waitForCompletion(options?: WaitOptions): Promise<WireComprehensiveStatus> {
    const id = this.#id();
    return pollJob(id, () => jobManagerApi.comprehensiveStatus(this.#http, id), options);
  }

  /** An Elasticsearch-style task (`update_by_query` answers with task ids). */
  public async getTask(taskId: string): Promise<WireQueryTask> { return jobManagerApi.queryTask(this.#http, taskId); }
  public async abortTask(taskId: string, method?: 'GET' | 'DELETE'): Promise<WireJob> { return jobManagerApi.abortTask(this.#http, taskId, method); }

  #id(): string {
    if (this.#jobId === undefined) throw new Error('this JobManagerClient has no job: call createJob or pass jobId');
    return this.#jobId;
  }
}
