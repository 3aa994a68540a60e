import { phaseOf, type ItemState } from '../../../shared/ingest/itemStates';

/** The state word, coloured by its phase (waiting, moving, done, failed) so a column reads at a glance. */
export function StateBadge({ state, paused }: { state: ItemState; paused?: boolean }) {
  return (
    <span className={`badge phase-${phaseOf(state)}`} data-state={state}>
      {paused ? `${state} (paused)` : state}
    </span>
  );
}
