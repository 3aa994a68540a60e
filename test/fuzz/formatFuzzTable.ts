import type { FailureKind, FuzzStats } from './runFuzzTarget';

const count = (row: FuzzStats, kind: FailureKind): number => row.failures.filter((f) => f.kind === kind).length;

/** The counts table the run prints: one row per parser, in a fixed-width layout for a terminal or a report. */
export function formatFuzzTable(rows: readonly FuzzStats[]): string {
  const header = ['parser', 'inputs', 'mutants', 'accepted', 'rejected', 'crashes', 'hangs', 'unreadable', 'max ms'];
  const numbers = rows.map((r) => [r.inputs, r.mutants, r.accepted, r.rejected, count(r, 'crash'), count(r, 'hang'), count(r, 'unreadable')]);
  const body = rows.map((r, i) => [r.target, ...(numbers[i] ?? []), Math.round(r.maxMs)].map(String));
  const sums = header.slice(1, -1).map((_, column) => numbers.reduce((n, row) => n + (row[column] ?? 0), 0));
  const total = ['total', ...sums, Math.round(Math.max(0, ...rows.map((r) => r.maxMs)))].map(String);
  const table = [header, ...body, total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]): string => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line), line(total)].join('\n');
}
