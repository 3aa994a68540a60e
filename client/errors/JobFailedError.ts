/** A waited job ended `aborted`. */
export class JobFailedError extends Error {
  public readonly jobId: string;
  public readonly stage: string | undefined;
  /** The job's notes; the last one usually says why it failed. */
  public readonly notes: readonly string[];

  public constructor(jobId: string, stage: string | undefined, notes: readonly string[]) {
    super(`job ${jobId} was aborted${notes.length ? `: ${notes[notes.length - 1]}` : stage ? `: ${stage}` : ''}`);
    this.name = 'JobFailedError';
    this.jobId = jobId;
    this.stage = stage;
    this.notes = notes;
  }
}
