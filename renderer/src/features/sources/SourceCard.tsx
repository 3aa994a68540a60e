import type { SourceView } from '../../../../shared/ipc/viewModels';
import { useBridge } from '../../bridge/BridgeContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useRunCommand } from '../../components/useRunCommand';
import { formatTime } from '../../../../shared/format/formatTime';
import { DefaultsForm } from './DefaultsForm';

export function SourceCard({ source }: { source: SourceView }) {
  const { api } = useBridge();
  const command = useRunCommand();
  return (
    <section className="card source-card" data-testid="source-card" data-path={source.path}>
      <header className="panel-header">
        <h3 title={source.path}>{source.path}</h3>
        <span className="muted">{source.kind === 'watch' ? 'watched' : 'dropped'} since {formatTime(source.createdAt)}</span>
        <button type="button" className="small danger" disabled={command.busy} data-testid="source-remove"
          onClick={() => void command.run(() => api.removeSource({ id: source.id }))}>Remove</button>
      </header>
      <ErrorNote message={command.error} />
      {/* Keyed by the stored defaults: a save (here or elsewhere) re-seeds the form with what was kept. */}
      <DefaultsForm key={JSON.stringify([source.setName, source.sessionMode, source.sessionName, source.sensorRule, source.sensor, source.indexBags])} initial={source} submitLabel="Save" busy={command.busy}
        onSubmit={(defaults) => void command.run(() => api.updateSource({ id: source.id, defaults }))} />
      {source.waiting.length > 0 && (
        <details open>
          <summary>{source.waiting.length} not complete yet</summary>
          <ul className="problems" data-testid="source-waiting">
            {source.waiting.map((w) => <li key={w.path}><code>{w.path}</code>: {w.reason}</li>)}
          </ul>
        </details>
      )}
    </section>
  );
}
