import { useBridge } from '../../bridge/BridgeContext';
import { useBridgeEvent } from '../../bridge/useBridgeEvent';
import { ErrorNote } from '../../components/ErrorNote';
import { StateBadge } from '../../components/StateBadge';
import { useAsync } from '../../components/useAsync';
import { useRunCommand } from '../../components/useRunCommand';
import { formatBytes } from '../../../../shared/format/formatBytes';
import { RECORDING_KINDS } from './isRecordingKind';

const SHOWN = 200;

/** Uploaded bags and recordings, each with a button that starts (or restarts) its indexing now. */
export function RecordingsToIndex() {
  const { api } = useBridge();
  const recordings = useAsync(() => api.listItems({ kinds: [...RECORDING_KINDS], states: ['registered', 'indexing', 'done'], limit: SHOWN }), [api]);
  const command = useRunCommand();
  useBridgeEvent('jobChanged', () => recordings.reload());
  const items = recordings.value?.items ?? [];
  return (
    <section className="card" data-testid="recordings">
      <h3>Uploaded recordings</h3>
      <ErrorNote message={recordings.error ?? command.error} />
      {items.length === 0 && <p className="muted">No uploaded bag or recording yet.</p>}
      {items.length > 0 && (
        <table className="table">
          <thead><tr><th>Name</th><th>State</th><th>Size</th><th>Session</th><th /></tr></thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-testid="recording-row" data-item-id={item.id}>
                <td title={item.path}>{item.name}</td>
                <td><StateBadge state={item.state} /></td>
                <td>{formatBytes(item.size)}</td>
                <td>{item.sessionUid ? <code>{item.sessionUid}</code> : ''}</td>
                <td>
                  <button type="button" className="small" disabled={command.busy || item.state === 'indexing'} data-testid="start-indexing"
                    onClick={() => void command.run(() => api.startIndexing({ id: item.id }))}>
                    {item.jobId ? 'Index again' : 'Index now'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(recordings.value?.total ?? 0) > SHOWN && <p className="muted">Showing {SHOWN} of {recordings.value?.total}; use the Queue's search for the rest.</p>}
    </section>
  );
}
