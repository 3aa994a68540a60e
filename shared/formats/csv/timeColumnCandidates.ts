const EXACT = ['timestamp', 'time', 't', 'stamp', 'ts', 'datetime', 'date_time', 'time_stamp', 'unix_time', 'epoch', 'header.stamp', 'field.header.stamp'];
/** `timestamp_ns`, `gps_time`, `time (s)`, `header.stamp`: a time word as one part of the name. */
const PART = /(?:^|[._\s(-])(?:timestamp|time|stamp|ts)(?:$|[._\s()-])/;

/**
 * Header indexes that may hold the time, best first: exact names before names that merely
 * contain a time word. `%time` is what `rostopic echo -p` writes.
 */
export function timeColumnCandidates(header: readonly string[]): number[] {
  const names = header.map(normalizeColumnName);
  const exact = EXACT.flatMap((word) => names.flatMap((n, i) => (n === word ? [i] : [])));
  const partial = names.flatMap((n, i) => (PART.test(n) && !exact.includes(i) ? [i] : []));
  return [...exact, ...partial];
}

export function normalizeColumnName(name: string): string {
  return name.trim().toLowerCase().replace(/^[%#]+/, '');
}
