import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from '../../test/helpers/recordings/encodePng';
import type { RawMessage } from '../../test/helpers/recordings/rawMessage';
import { rosMessageSchema } from '../../test/helpers/recordings/rosMessageSchema';
import { writeRos1Bag } from '../../test/helpers/recordings/writeRos1Bag';

/**
 * A large, valid ROS 1 bag (uncompressed chunks of std_msgs/String messages of 4 MiB random
 * text): the kind of file SceneDock uploads in the field, generated in seconds, probed from its
 * index without reading it whole.
 */
export async function writeBigBag(path: string, bytes: number): Promise<void> {
  const schema = rosMessageSchema('std_msgs/String', 'ros1');
  const payload = 4 * 1024 * 1024;
  const count = Math.max(1, Math.round(bytes / payload));
  async function* messages(): AsyncGenerator<RawMessage> {
    for (let i = 0; i < count; i++) {
      const data = Buffer.alloc(4 + payload);
      data.writeUInt32LE(payload, 0);
      // Printable random text, so that the string is valid and the file does not compress.
      randomBytes(payload).forEach((b, k) => { data[4 + k] = 33 + (b % 94); });
      yield { topic: '/blob', logTimeNs: 1_700_000_000_000_000_000n + BigInt(i) * 10_000_000n, data };
    }
  }
  await writeRos1Bag(path, { connections: [{ topic: '/blob', type: schema.typeName, md5sum: schema.md5sum ?? '', messageDefinition: schema.text }], messages: messages() }, { compression: 'none' });
}

/** `count` PNG images of about `bytes` each (random pixels do not compress), in `dir`. */
export function writeImages(dir: string, count: number, bytes: number): string[] {
  mkdirSync(dir, { recursive: true });
  const side = Math.max(8, Math.round(Math.sqrt(bytes / 3)));
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const pixels = new Uint8Array(side * side * 3);
    pixels.set(randomBytes(pixels.length));
    const path = join(dir, `img_${String(i).padStart(6, '0')}.png`);
    writeFileSync(path, encodePng({ width: side, height: side, channels: 3, bitDepth: 8, pixels, level: 1 }));
    paths.push(path);
  }
  return paths;
}
