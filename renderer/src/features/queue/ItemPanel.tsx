import { useBridge } from '../../bridge/BridgeContext';
import { useBridgeEvent } from '../../bridge/useBridgeEvent';
import { ErrorNote } from '../../components/ErrorNote';
import { FactList } from '../../components/FactList';
import { StateBadge } from '../../components/StateBadge';
import { useAsync } from '../../components/useAsync';
import { useRunCommand } from '../../components/useRunCommand';
import { formatBytes } from '../../../../shared/format/formatBytes';
import { formatTime } from '../../../../shared/format/formatTime';
import { isRecordingKind } from '../jobs/isRecordingKind';
import { PreviewPanel } from '../preview/PreviewPanel';
import { itemActions, type ItemAction } from './itemActions';

interface ItemPanelProps {
  id: number;
  onClose: () => void;
  onAction: (id: number, action: ItemAction) => void;
}

/** The selected item: what the journal knows, what can be done, and its local preview. */
export function ItemPanel({ id, onClose, onAction }: ItemPanelProps) {
  const { api } = useBridge();
  const detail = useAsync(() => api.getItem({ id }), [api, id]);
  const indexing = useRunCommand();
  useBridgeEvent('itemChanged', (item) => {
    if (item.id === id) detail.reload();
  });
  const item = detail.value;
  return (
    <aside className="item-panel" data-testid="item-panel" data-item-id={id}>
      <header className="panel-header">
        <h3 title={item?.path}>{item?.name ?? `Item ${id}`}</h3>
        <button type="button" className="small" onClick={onClose} aria-label="Close">×</button>
      </header>
      <ErrorNote message={detail.error ?? indexing.error} />
      {item && (
        <>
          <FactList facts={[
            ['State', <StateBadge key="s" state={item.state} paused={item.paused} />],
            ['Why', item.reason],
            ['Path', item.path],
            ['Kind', item.kind],
            ['Size', formatBytes(item.size)],
            ['Files', item.files.length > 1 ? String(item.files.length) : null],
            ['Attempts', item.attempts > 0 ? String(item.attempts) : null],
            ['Next retry', item.nextRetryAt ? formatTime(new Date(item.nextRetryAt).toISOString()) : null],
            ['Asset', item.assetId],
            ['Session', item.sessionUid],
            ['Job', item.jobId],
          ]} />
          <div className="panel-actions">
            {itemActions(item.state, item.paused).map((action) => (
              <button key={action} type="button" onClick={() => onAction(item.id, action)} data-action={action}>{action}</button>
            ))}
            {isRecordingKind(item.kind) && (item.state === 'done' || item.state === 'registered') && (
              <button type="button" disabled={indexing.busy} data-testid="index-now" onClick={() => void indexing.run(() => api.startIndexing({ id: item.id }))}>
                Index now
              </button>
            )}
          </div>
        </>
      )}
      <PreviewPanel id={id} />
    </aside>
  );
}
