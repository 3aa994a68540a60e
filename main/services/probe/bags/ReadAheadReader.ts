import type { ByteSource } from './RandomAccessFile';

/**
 * Serves small sequential reads (record headers walked one after another) from a window of the
 * file, so that walking a bag index of thousands of records costs a few reads, not thousands:
 * each positional read costs tens of microseconds however few bytes it returns.
 */
export class ReadAheadReader implements ByteSource {
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;

  constructor(
    private readonly file: ByteSource,
    private readonly windowBytes = 1024 * 1024,
  ) {}

  get size(): number {
    return this.file.size;
  }

  async readUpTo(offset: number, length: number): Promise<Uint8Array> {
    const end = this.windowStart + this.window.byteLength;
    if (offset >= this.windowStart && offset + length <= end) {
      return this.window.subarray(offset - this.windowStart, offset - this.windowStart + length);
    }
    if (length > this.windowBytes) return this.file.readUpTo(offset, length);
    // A new array each time: callers may still hold views of the previous window.
    this.window = await this.file.readUpTo(offset, this.windowBytes);
    this.windowStart = offset;
    return this.window.subarray(0, Math.min(length, this.window.byteLength));
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const bytes = await this.readUpTo(offset, length);
    if (bytes.byteLength < length) {
      throw new Error(`needs ${length} bytes at offset ${offset} but the file ends at ${this.size} (truncated?)`);
    }
    return bytes;
  }
}
