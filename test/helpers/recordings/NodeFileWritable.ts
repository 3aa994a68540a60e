import type { IWritable } from '@mcap/core';
import type { FileHandle } from 'node:fs/promises';

/** An @mcap/core IWritable over a Node file handle: every write goes straight to disk. */
export class NodeFileWritable implements IWritable {
  #position = 0;

  constructor(private readonly fh: FileHandle) {}

  async write(buffer: Uint8Array): Promise<void> {
    let written = 0;
    while (written < buffer.length) {
      const { bytesWritten } = await this.fh.write(buffer, written, buffer.length - written, this.#position + written);
      written += bytesWritten;
    }
    this.#position += buffer.length;
  }

  position(): bigint {
    return BigInt(this.#position);
  }
}
