import { parse } from '@foxglove/rosmsg';
import { MessageReader as Ros1Reader } from '@foxglove/rosmsg-serialization';
import { MessageReader as CdrReader } from '@foxglove/rosmsg2-serialization';
import type { RecordingTopic } from '../read/RecordingTopic';
import { builtinDefinition } from './builtinDefinitions';
import { decodeJsonMessage } from './decodeJsonMessage';

export type Decode = (data: Uint8Array) => unknown;

/** A decoder for a channel's messages, or why there is none (the topic is then only counted). */
export type DecoderResult = { ok: true; decode: Decode; builtin: boolean } | { ok: false; reason: string };

/**
 * Builds the decoder of a channel from the definition its file carries (MCAP schema, rosbag2
 * message_definitions row, ROS 1 connection record), with @foxglove/rosmsg and the ROS 1 / CDR
 * readers; JSON messages are parsed as JSON. Where a file carries no definition, the types the
 * indexer extracts fall back to built-in definitions.
 */
export function messageDecoder(topic: RecordingTopic): DecoderResult {
  switch (topic.encoding) {
    case 'json':
      return { ok: true, decode: decodeJsonMessage, builtin: false };
    case 'ros1':
      return fromDefinition(topic, 'ros1', (text) => {
        const reader = new Ros1Reader(parse(text));
        return (data) => reader.readMessage(data);
      });
    case 'cdr':
      return fromDefinition(topic, 'ros2', (text) => {
        const reader = new CdrReader(parse(text, { ros2: true }));
        return (data) => reader.readMessage(data);
      });
    case 'other':
      return { ok: false, reason: `message encoding ${topic.encodingName} is not decoded (ROS 1, CDR and JSON are)` };
  }
}

function fromDefinition(topic: RecordingTopic, flavour: 'ros1' | 'ros2', build: (text: string) => Decode): DecoderResult {
  const carried = topic.definition;
  const schemaEncoding = flavour === 'ros1' ? 'ros1msg' : 'ros2msg';
  if (carried && carried.encoding === schemaEncoding) {
    try {
      return { ok: true, decode: build(carried.text), builtin: false };
    } catch (error) {
      const fallback = builtinDefinition(topic.type, flavour);
      if (!fallback) return { ok: false, reason: `its ${schemaEncoding} definition does not parse: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  const builtin = builtinDefinition(topic.type, flavour);
  if (builtin) return { ok: true, decode: build(builtin), builtin: true };
  if (carried) return { ok: false, reason: `its definition is ${carried.encoding}, which is not decoded (${schemaEncoding} is)` };
  return { ok: false, reason: `the file carries no definition of ${topic.rawType || 'its type'}` };
}
