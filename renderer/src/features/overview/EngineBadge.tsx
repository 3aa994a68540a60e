import type { Overview } from '../../../../shared/ipc/viewModels';
import type { ConnectionStatus } from '../../bridge/WsBridgeConnection';

/** Whether uploads can move: the agent (browser only) and the engine behind it must both answer. */
export function EngineBadge({ engine, connection }: { engine: Overview['engine'] | undefined; connection: ConnectionStatus }) {
  if (connection !== 'open') {
    return <span className="engine-badge offline" data-testid="engine-status" data-online="false">Agent not reachable ({connection})</span>;
  }
  if (!engine) return <span className="engine-badge" data-testid="engine-status">Engine …</span>;
  return (
    <span className={`engine-badge ${engine.online ? 'online' : 'offline'}`} data-testid="engine-status" data-online={String(engine.online)} title={engine.url}>
      {engine.mode === 'embedded' ? 'Embedded engine' : 'Remote engine'} {engine.online ? 'online' : 'offline'}
    </span>
  );
}
