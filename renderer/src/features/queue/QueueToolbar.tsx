import { ITEM_STATES, type ItemState } from '../../../../shared/ingest/itemStates';
import { formatCount } from '../../../../shared/format/formatCount';
import type { QueueFilter } from './useQueueWindow';

interface QueueToolbarProps {
  filter: QueueFilter;
  total: number | undefined;
  onChange: (filter: QueueFilter) => void;
}

export function QueueToolbar({ filter, total, onChange }: QueueToolbarProps) {
  const toggle = (state: ItemState) => {
    const states = filter.states.includes(state) ? filter.states.filter((s) => s !== state) : [...filter.states, state];
    onChange({ ...filter, states });
  };
  return (
    <div className="queue-toolbar">
      <input type="search" placeholder="Search by name" value={filter.search} aria-label="Search by name" data-testid="queue-search"
        onChange={(e) => onChange({ ...filter, search: e.target.value })} />
      <div className="chips" role="group" aria-label="Filter by state">
        {ITEM_STATES.map((state) => (
          <button key={state} type="button" className={`chip${filter.states.includes(state) ? ' on' : ''}`} aria-pressed={filter.states.includes(state)}
            data-testid={`filter-${state}`} onClick={() => toggle(state)}>{state}</button>
        ))}
      </div>
      <span className="muted" data-testid="queue-total" data-total={total ?? ''}>{total === undefined ? '…' : `${formatCount(total)} items`}</span>
    </div>
  );
}
