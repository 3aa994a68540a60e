import { memo } from 'react';
import type { ItemView } from '../../../../shared/ipc/viewModels';
import { ProgressBar } from '../../components/ProgressBar';
import { StateBadge } from '../../components/StateBadge';
import { formatBytes, formatRate } from '../../../../shared/format/formatBytes';
import { itemActions, type ItemAction } from './itemActions';

export const QUEUE_ROW_HEIGHT = 44;

interface QueueRowProps {
  item: ItemView | undefined;
  index: number;
  top: number;
  selected: boolean;
  onSelect: (id: number) => void;
  onAction: (id: number, action: ItemAction) => void;
}

const ACTION_LABELS: Record<ItemAction, string> = { retry: 'Retry', pause: 'Pause', resume: 'Resume', cancel: 'Cancel' };

/** One row of the virtual list; a placeholder while its page is on its way. Memoised: scrolling re-renders only rows that changed. */
export const QueueRow = memo(function QueueRow({ item, index, top, selected, onSelect, onAction }: QueueRowProps) {
  if (!item) {
    return <div className="queue-row placeholder" style={{ transform: `translateY(${top}px)` }} data-index={index} aria-busy="true" />;
  }
  return (
    <div
      className={`queue-row${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-index={index}
      data-testid="queue-row"
      data-item-id={item.id}
      data-state={item.state}
      role="row"
      aria-selected={selected}
      onClick={() => onSelect(item.id)}
    >
      <span className="cell name" title={item.path}>{item.name}</span>
      <span className="cell state"><StateBadge state={item.state} paused={item.paused} /></span>
      <span className="cell progress-cell"><ProgressBar value={item.progress} label={`${item.name} progress`} /></span>
      <span className="cell size">{formatBytes(item.bytesDone)} / {formatBytes(item.size)}</span>
      <span className="cell speed">{formatRate(item.speedBps)}</span>
      <span className="cell reason" title={item.reason ?? ''} data-testid="row-reason">{item.reason ?? ''}</span>
      <span className="cell actions">
        {itemActions(item.state, item.paused).map((action) => (
          <button key={action} type="button" className="small" data-action={action}
            onClick={(e) => { e.stopPropagation(); onAction(item.id, action); }}>
            {ACTION_LABELS[action]}
          </button>
        ))}
      </span>
    </div>
  );
});
