import { nanosToSeconds, toTimePoint, type TimePoint } from '../../../../shared/time/rosTime';

export interface TimeSpan {
  start: TimePoint | null;
  end: TimePoint | null;
  durationSeconds: number | null;
}

/** The earliest and latest of a stream of nanosecond timestamps; empty until the first one. */
export class NanoRange {
  private min: bigint | undefined;
  private max: bigint | undefined;

  get start(): bigint | undefined {
    return this.min;
  }

  get end(): bigint | undefined {
    return this.max;
  }

  add(nanos: bigint): void {
    if (this.min === undefined || nanos < this.min) this.min = nanos;
    if (this.max === undefined || nanos > this.max) this.max = nanos;
  }

  merge(other: NanoRange): void {
    if (other.min !== undefined) this.add(other.min);
    if (other.max !== undefined) this.add(other.max);
  }

  toSpan(): TimeSpan {
    if (this.min === undefined || this.max === undefined) return { start: null, end: null, durationSeconds: null };
    return { start: toTimePoint(this.min), end: toTimePoint(this.max), durationSeconds: nanosToSeconds(this.max - this.min) };
  }
}
