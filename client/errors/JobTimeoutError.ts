/** A waited job did not end within the caller's time limit (it may still be running). */
export class JobTimeoutError extends Error {
  public readonly jobId: string;
  public readonly lastStatus: string;

  public constructor(jobId: string, lastStatus: string, timeoutMs: number) {
    super(`job ${jobId} did not end within ${timeoutMs} ms (last status ${lastStatus})`);
    this.name = 'JobTimeoutError';
    this.jobId = jobId;
    this.lastStatus = lastStatus;
  }
}
