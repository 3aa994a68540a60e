import { isoToMicros } from '../sessions/timeIndex';
import type { Doc } from '../meta/mergeDocuments';

/** When a video's first frame was taken: `start_time`, else `timestamp` (the client unifies them). */
export function videoStartMicros(doc: Doc): number | undefined {
  for (const value of [doc.start_time, doc.timestamp]) {
    const us = typeof value === 'string' ? isoToMicros(value) : undefined;
    if (us !== undefined) return us;
  }
  return undefined;
}

/**
 * A time the client names in a video: a number (or numeric text) is seconds from the video's
 * start; other text is an ISO-8601 time, taken relative to the video's start time.
 */
export function offsetSeconds(value: number | string, videoStartUs: number | undefined, what: string): number {
  if (typeof value === 'number') return value;
  const trimmed = value.trim();
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(trimmed)) return Number(trimmed);
  const us = isoToMicros(trimmed);
  if (us === undefined) throw new Error(`${what} ${JSON.stringify(value)} is neither seconds nor an ISO-8601 time`);
  if (videoStartUs === undefined) throw new Error(`${what} is a time of day but the video has no start_time or timestamp to measure it from`);
  return (us - videoStartUs) / 1e6;
}

export interface TimeWindow {
  start: number;
  end: number;
}

/** The part of a video between two client times, clipped to the video; an empty part is an error. */
export function videoWindow(
  startValue: number | string | null | undefined, endValue: number | string | null | undefined,
  duration: number | undefined, videoStartUs: number | undefined,
): TimeWindow {
  if (duration === undefined) throw new Error('the video has no known duration');
  const start = Math.max(0, startValue === null || startValue === undefined ? 0 : offsetSeconds(startValue, videoStartUs, 'extract_start_time'));
  const end = Math.min(duration, endValue === null || endValue === undefined ? duration : offsetSeconds(endValue, videoStartUs, 'extract_end_time'));
  if (!(end > start)) throw new Error(`nothing to extract between ${start.toFixed(3)} s and ${end.toFixed(3)} s of a ${duration.toFixed(3)} s video`);
  return { start, end };
}

/**
 * A frame rate as ffmpeg takes it, exact for the rates people use: 1/3 stays 1/3 (not 0.333333,
 * whose frames drift), 29.97 becomes 2997/100.
 */
export function rateText(fps: number): string {
  for (let den = 1; den <= 1001; den++) {
    const num = fps * den;
    if (Math.abs(num - Math.round(num)) < 1e-6 * den) return `${Math.round(num)}/${den}`;
  }
  return `${Math.round(fps * 1000)}/1000`;
}
