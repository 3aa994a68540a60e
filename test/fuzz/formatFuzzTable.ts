import type { FuzzStats } from './runFuzzTarget';

/** The counts table the run prints: one row per parser, in a fixed-width layout for a terminal or a report. */
export function formatFuzzTable(rows: readonly FuzzStats[]): string {
  const header = ['parser', 'mutants', 'accepted', 'rejected', 'failures', 'max ms'];
  const body = rows.map((r) => [r.target, r.mutants, r.accepted, r.rejected, r.failures.length, Math.round(r.maxMs)].map(String));
  const total = ['total', ...[1, 2, 3, 4].map((i) => String(body.reduce((n, row) => n + Number(row[i]), 0))), String(Math.round(Math.max(0, ...rows.map((r) => r.maxMs))))];
  const table = [header, ...body, total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]): string => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line), line(total)].join('\n');
}
