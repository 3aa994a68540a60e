import type { ItemPhase } from '../../../../shared/ingest/itemStates';
import { formatBytes } from '../../../../shared/format/formatBytes';
import { formatCount } from '../../../../shared/format/formatCount';

const LABELS: Record<ItemPhase, string> = { waiting: 'Waiting', moving: 'Moving', done: 'Done', failed: 'Failed' };

export function PhaseCard({ phase, files, bytes }: { phase: ItemPhase; files: number; bytes: number }) {
  return (
    <section className={`card phase-card phase-${phase}`} data-testid={`phase-${phase}`}>
      <h3>{LABELS[phase]}</h3>
      <p className="big-number" data-files={files}>{formatCount(files)}</p>
      <p className="muted">{files === 1 ? 'file' : 'files'} · {formatBytes(bytes)}</p>
    </section>
  );
}
