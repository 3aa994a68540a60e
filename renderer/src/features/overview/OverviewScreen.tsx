import type { ItemPhase } from '../../../../shared/ingest/itemStates';
import { useBridge } from '../../bridge/BridgeContext';
import { useConnectionStatus } from '../../bridge/useConnectionStatus';
import { ErrorNote } from '../../components/ErrorNote';
import { FactList } from '../../components/FactList';
import { useRunCommand } from '../../components/useRunCommand';
import { formatBytes, formatRate } from '../../../../shared/format/formatBytes';
import { formatDuration } from '../../../../shared/format/formatDuration';
import { DropZone } from '../drop/DropZone';
import { EngineBadge } from './EngineBadge';
import { PhaseCard } from './PhaseCard';
import { useOverview } from './useOverview';

const PHASES: ItemPhase[] = ['waiting', 'moving', 'done', 'failed'];

export function OverviewScreen() {
  const { api } = useBridge();
  const { overview, error } = useOverview();
  const connection = useConnectionStatus();
  const command = useRunCommand();
  const paused = overview?.paused ?? false;
  const toggle = () => void command.run(() => (paused ? api.resumeAll({}) : api.pauseAll({})));
  return (
    <div className="screen overview" data-testid="screen-overview">
      <header className="screen-header">
        <h2>Overview</h2>
        <EngineBadge engine={overview?.engine} connection={connection} />
        <button type="button" onClick={toggle} disabled={!overview || command.busy} data-testid="pause-all">
          {paused ? 'Resume all' : 'Pause all'}
        </button>
      </header>
      <ErrorNote message={error ?? command.error} />
      <div className="phase-grid">
        {PHASES.map((phase) => <PhaseCard key={phase} phase={phase} files={overview?.[phase].files ?? 0} bytes={overview?.[phase].bytes ?? 0} />)}
      </div>
      <section className="card">
        <FactList testId="throughput" facts={[
          ['Throughput', formatRate(overview?.throughputBps ?? 0)],
          ['Time left', overview?.etaSeconds !== null && overview?.etaSeconds !== undefined ? formatDuration(overview.etaSeconds) : 'idle'],
          ['Still to send', formatBytes((overview?.waiting.bytes ?? 0) + (overview?.moving.bytes ?? 0))],
          ['Uploads', paused ? 'paused' : 'running'],
        ]} />
      </section>
      <DropZone />
    </div>
  );
}
