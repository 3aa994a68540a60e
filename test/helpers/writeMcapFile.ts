import { open } from 'node:fs/promises';
import { McapWriter, type McapWriterOptions } from '@mcap/core';

/**
 * Runs @mcap/core's McapWriter against a file on disk (streaming, so tests can write large files)
 * and closes it. `build` registers schemas and channels and adds messages through the writer.
 */
export async function writeMcapFile(path: string, options: Omit<McapWriterOptions, 'writable'>, build: (writer: McapWriter) => Promise<void>): Promise<void> {
  const handle = await open(path, 'w');
  let position = 0n;
  const writable = {
    position: () => position,
    write: async (buffer: Uint8Array) => {
      await handle.write(buffer, 0, buffer.byteLength, Number(position));
      position += BigInt(buffer.byteLength);
    },
  };
  try {
    const writer = new McapWriter({ ...options, writable });
    await writer.start({ profile: 'ros2', library: 'scenedock test writer' });
    await build(writer);
    await writer.end();
  } finally {
    await handle.close();
  }
}
