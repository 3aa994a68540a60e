/**
 * A file the probes cannot read. The message always names the file and the parser's reason, so
 * that the journal can show it as is and one bad file never hides which one it was.
 */
export class ProbeError extends Error {
  public readonly filePath: string;
  public readonly reason: string;

  public constructor(filePath: string, reason: string, options?: { cause?: unknown }) {
    super(`${filePath}: ${reason}`, options);
    this.name = 'ProbeError';
    this.filePath = filePath;
    this.reason = reason;
  }

  /** Wraps whatever a parser threw, keeping its message as the reason. */
  public static wrap(filePath: string, error: unknown): ProbeError {
    if (error instanceof ProbeError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    return new ProbeError(filePath, reason, { cause: error });
  }
}
