import { ProbeError } from '../ProbeError';

/**
 * Parsers throw plain Errors (RangeError from a DataView, messages from the bag libraries); the
 * caller gets one ProbeError naming the file, with the step that failed and the parser's reason.
 */
export function toProbeError(path: string, error: unknown, step?: string, library = false): ProbeError {
  if (error instanceof ProbeError) return error;
  const reason = ProbeError.reasonOf(error, library);
  return new ProbeError(path, step ? `${step}: ${reason}` : reason, { cause: error });
}

/**
 * Runs one step of a probe, turning any failure into a ProbeError that says which step it was.
 * `library`: the step only hands the file to a third-party reader (see ProbeError.reasonOf).
 */
export async function probeStep<T>(path: string, step: string, run: () => T | Promise<T>, library = false): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toProbeError(path, error, step, library);
  }
}
