/**
 * Positional reads: what the recording parsers need, from a local file (the probes) or a stored
 * object of the engine (the indexer), or a window of either.
 */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes at `offset`, or an error saying the source ends first. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Up to `length` bytes at `offset`, fewer only where the source ends. */
  readUpTo(offset: number, length: number): Promise<Uint8Array>;
}
