import { useDeferredValue, useState } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { ItemPanel } from './ItemPanel';
import { QueueList } from './QueueList';
import { QueueToolbar } from './QueueToolbar';
import { useItemAction } from './useItemAction';
import { useQueueWindow, type QueueFilter } from './useQueueWindow';

export function QueueScreen({ selectedId, onSelect }: { selectedId: number | undefined; onSelect: (id: number | undefined) => void }) {
  const [filter, setFilter] = useState<QueueFilter>({ states: [], search: '' });
  // Typing in the search box must not fire a listItems per keystroke while the list re-renders.
  const deferred = useDeferredValue(filter);
  const rows = useQueueWindow(deferred);
  const action = useItemAction();
  return (
    <div className="screen queue" data-testid="screen-queue">
      <header className="screen-header"><h2>Queue</h2></header>
      <QueueToolbar filter={filter} total={rows.total} onChange={setFilter} />
      <ErrorNote message={rows.error ?? action.error} />
      <div className="queue-body">
        <QueueList window={rows} selectedId={selectedId} onSelect={onSelect} onAction={action.act} />
        {selectedId !== undefined && <ItemPanel id={selectedId} onClose={() => onSelect(undefined)} onAction={action.act} />}
      </div>
    </div>
  );
}
