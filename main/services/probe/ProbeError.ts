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
    return new ProbeError(filePath, ProbeError.reasonOf(error), { cause: error });
  }

  /**
   * What a parser's error tells the user. Third-party readers (the bag and MCAP libraries) run
   * past the end of a damaged or cut-short record with a bare DataView or Buffer bounds error,
   * which says nothing about the file: that one is put in words; any other message is kept.
   * `library`: the failing step ran only a third-party reader over the file's bytes, so that a
   * TypeError from it (a field its record should hold is missing) is damaged data as well.
   */
  public static reasonOf(error: unknown, library = false): string {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RangeError && OUT_OF_BOUNDS.test(message)) return DAMAGED;
    if (library && (error instanceof TypeError || error instanceof RangeError)) return MALFORMED;
    return message;
  }
}

const OUT_OF_BOUNDS = /outside the bounds of the DataView|outside buffer bounds|is out of range|Invalid typed array length/i;
const DAMAGED = 'the data is damaged or cut short: a record runs past the end of the bytes the file holds';
const MALFORMED = 'the data is damaged: a record lacks a field or value the format requires';
