/** The figures after one step of a fault run (counts are cumulative over the run). */
export interface FigureRow {
  step: string;
  files: number;
  bytes: number;
  kills: number;
  proxyFaults: string;
  restarts: number;
  ingestRuns: number;
  lost: number;
  duplicated: number;
  mismatched: number;
  journalProblems: number;
  uploadBytes: number;
  resent: number;
  /** Bytes the engine still holds in unfinished uploads once everything is done (abandoned parts). */
  leftInUploads: number;
}

const COLUMNS: { title: string; cell: (r: FigureRow) => string }[] = [
  { title: 'step', cell: (r) => r.step },
  { title: 'files', cell: (r) => String(r.files) },
  { title: 'MiB', cell: (r) => mib(r.bytes) },
  { title: 'kills', cell: (r) => String(r.kills) },
  { title: 'proxy faults (drop/stall/reset)', cell: (r) => r.proxyFaults },
  { title: 'engine restarts', cell: (r) => String(r.restarts) },
  { title: 'ingest runs', cell: (r) => String(r.ingestRuns) },
  { title: 'lost', cell: (r) => String(r.lost) },
  { title: 'duplicated', cell: (r) => String(r.duplicated) },
  { title: 'mismatched', cell: (r) => String(r.mismatched) },
  { title: 'journal problems', cell: (r) => String(r.journalProblems) },
  { title: 'MiB uploaded', cell: (r) => mib(r.uploadBytes) },
  { title: 'MiB re-sent', cell: (r) => mib(r.resent) },
  { title: 'MiB left in uploads', cell: (r) => mib(r.leftInUploads) },
];

/** A plain-text table, one row per step, for the test log. */
export function formatFigures(title: string, rows: readonly FigureRow[]): string {
  const cells = [COLUMNS.map((c) => c.title), ...rows.map((r) => COLUMNS.map((c) => c.cell(r)))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]): string => `| ${row.map((c, i) => c.padStart(i === 0 ? 0 : (widths[i] ?? 0)).padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [title, line(cells[0] ?? []), rule, ...cells.slice(1).map(line)].join('\n');
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
