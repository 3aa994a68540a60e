/** One serialized message handed to a recording writer. */
export interface RawMessage {
  topic: string;
  /** Receive (log) time in nanoseconds since the epoch. */
  logTimeNs: bigint;
  /** MCAP publish time; defaults to logTimeNs. */
  publishTimeNs?: bigint;
  data: Uint8Array;
  /** ROS 1 only: index of the connection to use when one topic has several; defaults to the first. */
  connection?: number;
}

/** Messages are pulled one at a time, so a generator can produce a multi-GB recording lazily. */
export type MessageSource = Iterable<RawMessage> | AsyncIterable<RawMessage>;
