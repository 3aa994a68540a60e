import { open, type FileHandle } from 'node:fs/promises';
import type { Filelike } from '@foxglove/rosbag';
import type { IReadable } from '@mcap/core';

/**
 * Largest single read we allow. Recording readers size their reads from lengths stored in the file,
 * so one flipped bit could ask for gigabytes; a legitimate chunk or index section is far smaller.
 */
export const DEFAULT_MAX_READ_BYTES = 512 * 1024 * 1024;

/** Positional reads: what the record-header parsers need, from a file or a window of one. */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes at `offset`, or an error saying the file ends first. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Up to `length` bytes at `offset`, fewer only where the file ends. */
  readUpTo(offset: number, length: number): Promise<Uint8Array>;
}

/** Positional reads over one open file, adapted to the reader interfaces of the bag libraries. */
export class RandomAccessFile implements ByteSource {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    readonly size: number,
    private readonly maxReadBytes: number,
  ) {}

  static async open(path: string, maxReadBytes = DEFAULT_MAX_READ_BYTES): Promise<RandomAccessFile> {
    const handle = await open(path, 'r');
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw new Error('not a regular file');
      return new RandomAccessFile(path, handle, stats.size, maxReadBytes);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Exactly `length` bytes at `offset`, or an error saying the file ends first. */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const bytes = await this.readUpTo(offset, length);
    if (bytes.byteLength < length) {
      throw new Error(`needs ${length} bytes at offset ${offset} but the file ends at ${this.size} (truncated?)`);
    }
    return bytes;
  }

  /** Up to `length` bytes at `offset`, fewer only where the file ends. */
  async readUpTo(offset: number, length: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
      throw new Error(`invalid read of ${length} bytes at offset ${offset}`);
    }
    if (offset > this.size) {
      throw new Error(`offset ${offset} is past the end of the file (${this.size} bytes; truncated?)`);
    }
    if (length > this.maxReadBytes) {
      throw new Error(`refusing to read ${length} bytes at offset ${offset} (limit ${this.maxReadBytes}); a length field is corrupt`);
    }
    const wanted = Math.min(length, this.size - offset);
    // A fresh, unpooled array: the bag libraries keep slices of what we return.
    const bytes = new Uint8Array(wanted);
    let filled = 0;
    while (filled < wanted) {
      const { bytesRead } = await this.handle.read(bytes, filled, wanted - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === wanted ? bytes : bytes.subarray(0, filled);
  }

  /**
   * @foxglove/rosbag reads its header with a fixed read-ahead and expects a short read near the end
   * of a small file, so this adapter clamps at end of file instead of failing.
   */
  asRosbagFilelike(): Filelike {
    return { read: (offset, length) => this.readUpTo(offset, length), size: () => this.size };
  }

  asMcapReadable(): IReadable {
    return {
      size: () => Promise.resolve(BigInt(this.size)),
      read: (offset, length) => this.read(toSafeNumber(offset), toSafeNumber(length)),
    };
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

function toSafeNumber(value: bigint): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`offset or length out of range: ${value}`);
  return Number(value);
}
