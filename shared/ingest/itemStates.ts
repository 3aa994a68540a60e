// The life of a journal item (ARCHITECTURE.md, "The journal"). Every transition the pipeline
// makes is checked against this table, so that a bug cannot move an item somewhere a restart
// would not know how to resume from.

export const ITEM_STATES = [
  'discovered', 'stable', 'probed', 'hashed', 'uploading', 'uploaded', 'registered', 'indexing', 'done',
  'failed', 'rejected', 'skipped',
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** States from which nothing more happens by itself. */
export const FINAL_STATES: readonly ItemState[] = ['done', 'rejected', 'skipped'];

/** The forward path; `failed` can be entered from any active state and retried back into it. */
const NEXT: Record<ItemState, readonly ItemState[]> = {
  discovered: ['stable', 'rejected'],
  stable: ['probed', 'rejected'],
  probed: ['hashed', 'skipped'],
  hashed: ['uploading', 'uploaded', 'skipped'],
  uploading: ['uploaded'],
  uploaded: ['registered'],
  registered: ['indexing', 'done'],
  indexing: ['done'],
  // A person may index a recording that was uploaded without indexing.
  done: ['indexing'],
  failed: [],
  rejected: [],
  skipped: [],
};

const ACTIVE: readonly ItemState[] = ['discovered', 'stable', 'probed', 'hashed', 'uploading', 'uploaded', 'registered', 'indexing'];

export function isActive(state: ItemState): boolean {
  return ACTIVE.includes(state);
}

/**
 * Whether `from → to` is a legal move. Besides the forward path: any active state may fail, a
 * failed item retries into the state it failed in, and any item may go back to `discovered`
 * (its file changed on disk, or the user asked to retry from the start).
 */
export function canTransition(from: ItemState, to: ItemState, failedIn?: ItemState): boolean {
  if (to === 'discovered') return true;
  if (to === 'failed') return isActive(from);
  if (from === 'failed') return failedIn !== undefined && to === failedIn;
  return NEXT[from].includes(to);
}

/** UI grouping: what a person sees at a glance. */
export type ItemPhase = 'waiting' | 'moving' | 'done' | 'failed';

export function phaseOf(state: ItemState): ItemPhase {
  switch (state) {
    case 'discovered':
    case 'stable':
    case 'probed':
    case 'hashed':
      return 'waiting';
    case 'uploading':
    case 'uploaded':
    case 'registered':
    case 'indexing':
      return 'moving';
    case 'done':
    case 'skipped':
      return 'done';
    case 'failed':
    case 'rejected':
      return 'failed';
  }
}
