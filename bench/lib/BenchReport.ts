import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchRow {
  /** The issue that asked for the figure. */
  issue: number;
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, measured in the same run. */
  baselineName: string;
  baselineValue: number;
  /** value relative to baseline, oriented so that higher is better for SceneDock. */
  ratio: number;
  /** The target as text (e.g. "ratio >= 0.8", "<= 20 ms") and whether the figure meets it. */
  target: string;
  met: boolean;
  notes?: string;
}

/** Collects every figure of a bench run, prints one table, and writes it as JSON. */
export class BenchReport {
  readonly rows: BenchRow[] = [];

  public add(row: BenchRow): void {
    this.rows.push(row);
    process.stdout.write(`  ${row.met ? 'ok ' : 'MISS'} ${row.name}: ${fmt(row.value)} ${row.unit} (baseline ${row.baselineName}: ${fmt(row.baselineValue)}, ratio ${fmt(row.ratio)}; target ${row.target})\n`);
  }

  public print(): void {
    const header = ['issue', 'figure', 'value', 'baseline', 'ratio', 'target', 'met'];
    const lines = this.rows.map((r) => [
      `#${r.issue}`, r.name, `${fmt(r.value)} ${r.unit}`, `${r.baselineName}: ${fmt(r.baselineValue)} ${r.unit}`, fmt(r.ratio), r.target, r.met ? 'yes' : 'NO (short)',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
    const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    process.stdout.write(`\n${row(header)}\n${row(widths.map((w) => '-'.repeat(w)))}\n${lines.map(row).join('\n')}\n`);
  }

  public write(meta: Record<string, unknown>): string {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
    mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const body = JSON.stringify({ ...meta, rows: this.rows }, null, 2);
    const file = join(dir, `bench-${stamp}.json`);
    writeFileSync(file, body);
    writeFileSync(join(dir, 'latest.json'), body);
    return file;
  }
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
