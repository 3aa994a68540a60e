import { messageDecoder, type Decode } from '../decode/messageDecoder';
import type { RecordingTopic } from '../read/RecordingTopic';
import { SENSOR_TYPE, type TopicKind } from './topicSelection';

/** A topic as the session records it (`session_aux.indexing.topics`). */
export interface TopicSummary {
  topic: string;
  type: string;
  sensor: string;
  sensor_type: string;
  kind: TopicKind;
  selected: boolean;
  message_count: number;
  /** Messages that became assets or entities. */
  indexed: number;
  failed: number;
  /** Why messages of this topic were not (all) indexed, when they were not. */
  reason?: string;
}

/**
 * One topic's bookkeeping while a recording is read: how many messages came, how many were
 * indexed or failed and why, and a decoder per channel (several channels may share a topic, each
 * with its own definition).
 */
export class TopicState {
  readonly topic: string;
  readonly type: string;
  readonly sensor: string;
  readonly kind: TopicKind;
  readonly selected: boolean;
  count = 0;
  indexed = 0;
  failed = 0;
  #reason: string | undefined;
  readonly #decoders = new Map<string, Decode | string>();

  public constructor(topic: RecordingTopic, sensor: string, kind: TopicKind, selected: boolean) {
    this.topic = topic.topic;
    this.type = topic.type;
    this.sensor = sensor;
    this.kind = kind;
    this.selected = selected;
  }

  /** The decoder of a channel, or undefined (the reason is recorded once). */
  public decoder(channel: RecordingTopic): Decode | undefined {
    let entry = this.#decoders.get(channel.key);
    if (entry === undefined) {
      const built = messageDecoder(channel);
      entry = built.ok ? built.decode : built.reason;
      this.#decoders.set(channel.key, entry);
    }
    if (typeof entry === 'string') {
      this.#reason ??= `not decoded: ${entry}`;
      return undefined;
    }
    return entry;
  }

  /** A message that could not be indexed; the first reason is kept. */
  public fail(reason: string): void {
    this.failed += 1;
    this.#reason ??= reason;
  }

  /** A reason that applies to the topic without counting a failure (e.g. skipped frames of a video). */
  public remark(reason: string): void {
    this.#reason ??= reason;
  }

  public summary(): TopicSummary {
    return {
      topic: this.topic, type: this.type, sensor: this.sensor, sensor_type: SENSOR_TYPE[this.kind], kind: this.kind,
      selected: this.selected, message_count: this.count, indexed: this.indexed, failed: this.failed,
      ...(this.#reason ? { reason: this.#reason } : {}),
    };
  }
}
