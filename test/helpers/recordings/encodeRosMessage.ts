import { MessageWriter as Ros1MessageWriter } from '@foxglove/rosmsg-serialization';
import { MessageWriter as CdrMessageWriter } from '@foxglove/rosmsg2-serialization';
import { rosMessageSchema } from './rosMessageSchema';
import type { SensorMessageMap, SensorMessageType } from './sensorMessages';

/** How a message is serialized: ROS 1 wire format, ROS 2 CDR, or JSON text. */
export type MessageEncoding = 'ros1' | 'cdr' | 'json';

const writers = new Map<string, { writeMessage(message: unknown): Uint8Array }>();

function writerFor(type: SensorMessageType, encoding: 'ros1' | 'cdr'): { writeMessage(message: unknown): Uint8Array } {
  const key = `${encoding}:${type}`;
  let writer = writers.get(key);
  if (!writer) {
    writer = encoding === 'ros1'
      ? new Ros1MessageWriter(rosMessageSchema(type, 'ros1').definitions)
      : new CdrMessageWriter(rosMessageSchema(type, 'ros2').definitions);
    writers.set(key, writer);
  }
  return writer;
}

/** JSON with byte arrays as base64 strings and other typed arrays as plain arrays. */
function toJson(message: unknown): string {
  // The holder's original value, not `value`: Buffer.toJSON would already have run on `value`.
  return JSON.stringify(message, function (this: Readonly<Record<string, unknown>>, key: string, value: unknown) {
    const original = this[key];
    if (original instanceof Uint8Array) return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64');
    if (ArrayBuffer.isView(original) && !(original instanceof DataView)) return Array.from(original as Float64Array);
    if (typeof value === 'bigint') return Number(value);
    return value;
  });
}

/** Serializes one message in the given encoding. */
export function encodeRosMessage<T extends SensorMessageType>(type: T, encoding: MessageEncoding, message: SensorMessageMap[T]): Uint8Array {
  if (encoding === 'json') return Buffer.from(toJson(message), 'utf8');
  return writerFor(type, encoding).writeMessage(message);
}
