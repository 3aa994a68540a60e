import { isActive, type ItemState } from '../../../../shared/ingest/itemStates';

export type ItemAction = 'retry' | 'pause' | 'resume' | 'cancel';

/** Which buttons an item offers: only moves the service can make from its state. */
export function itemActions(state: ItemState, paused: boolean): ItemAction[] {
  if (state === 'failed' || state === 'rejected') return ['retry'];
  if (paused) return ['resume', 'cancel'];
  if (isActive(state)) return ['pause', 'cancel'];
  return [];
}
