import { microsToIso } from '../../sessions/timeIndex';
import type { MessageHeader } from './sensorMessageSchemas';

/**
 * A header stamp further than this from the log time is not trusted: it is simulation time, a
 * driver's uptime clock or an unset stamp, and would put the asset years away from its recording.
 */
const MAX_STAMP_DRIFT_NS = 600n * 1_000_000_000n;

export type TimeSource = 'header_stamp' | 'log_time';

export interface MessageTime {
  ns: bigint;
  source: TimeSource;
  /** The message's header.stamp, when it has one (whether or not it was used). */
  headerNs: bigint | undefined;
}

/**
 * The time an asset or entity gets: header.stamp (when the sensor acquired the data) where the
 * message has one that is set and within ten minutes of the log time; otherwise the log time
 * (when the recorder received it). `source: 'log'` always takes the log time.
 */
export function messageTime(header: MessageHeader | undefined, logTimeNs: bigint, source: 'header' | 'log'): MessageTime {
  const stamp = header?.stamp;
  const headerNs = stamp && Number.isSafeInteger(stamp.sec) && stamp.sec >= 0
    ? BigInt(stamp.sec) * 1_000_000_000n + BigInt(Math.max(0, Math.floor(stamp.nsec ?? stamp.nanosec ?? 0)))
    : undefined;
  const plausible = headerNs !== undefined && headerNs > 0n
    && (headerNs > logTimeNs ? headerNs - logTimeNs : logTimeNs - headerNs) <= MAX_STAMP_DRIFT_NS;
  if (source === 'header' && plausible) return { ns: headerNs, source: 'header_stamp', headerNs };
  return { ns: logTimeNs, source: 'log_time', headerNs };
}

/** Nanoseconds → whole microseconds (the precision of session times). */
export function nsToMicros(ns: bigint): number {
  return Number(ns / 1000n);
}

export function nsToIso(ns: bigint): string {
  return microsToIso(nsToMicros(ns));
}
