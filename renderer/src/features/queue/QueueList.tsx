import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ItemAction } from './itemActions';
import { QUEUE_ROW_HEIGHT, QueueRow } from './QueueRow';
import type { QueueWindow } from './useQueueWindow';

interface QueueListProps {
  window: QueueWindow;
  selectedId: number | undefined;
  onSelect: (id: number) => void;
  onAction: (id: number, action: ItemAction) => void;
}

/**
 * The queue as a virtual list: a fixed row height (no measuring while scrolling), only the rows on
 * screen plus a few mounted, and the rows' data asked for page by page as they come into view.
 */
export function QueueList({ window: rows, selectedId, onSelect, onAction }: QueueListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => QUEUE_ROW_HEIGHT,
    overscan: 8,
  });
  const visible = virtualizer.getVirtualItems();
  const first = visible.at(0)?.index ?? 0;
  const last = visible.at(-1)?.index ?? -1;
  const { showRange } = rows;
  useEffect(() => {
    if (last >= first) showRange(first, last);
  }, [first, last, showRange]);

  return (
    <div className="queue-scroller" ref={scroller} data-testid="queue-scroller" role="grid" aria-rowcount={rows.total ?? 0}>
      <div className="queue-canvas" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {visible.map((row) => {
          const item = rows.itemAt(row.index);
          return (
            <QueueRow key={row.index} index={row.index} top={row.start} item={item} selected={item !== undefined && item.id === selectedId}
              onSelect={onSelect} onAction={onAction} />
          );
        })}
      </div>
    </div>
  );
}
