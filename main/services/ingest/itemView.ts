import type { ItemDetail, ItemView, Overview } from '../../../shared/ipc/viewModels';
import { phaseOf, type ItemState } from '../../../shared/ingest/itemStates';
import type { StateCounts } from '../journal/JournalReader';
import type { ItemFile, JournalItem } from '../journal/journalTypes';

const SENT: readonly ItemState[] = ['uploaded', 'registered', 'indexing', 'done'];

/** What the UI shows of a journal item. */
export function itemView(item: JournalItem, speedBps: number): ItemView {
  const progress = SENT.includes(item.state) ? 1 : item.size > 0 ? Math.min(1, item.bytesDone / item.size) : 0;
  return {
    id: item.id, name: item.name, path: item.path, kind: item.kind, state: item.state, size: item.size,
    bytesDone: SENT.includes(item.state) ? item.size : item.bytesDone, progress, speedBps,
    reason: reasonOf(item), attempts: item.attempts, nextRetryAt: item.nextRetryAt, paused: item.paused,
    assetType: item.assetType, assetId: item.assetId, sessionUid: item.sessionUid, jobId: item.jobId, updatedAt: item.updatedAt,
  };
}

export function itemDetail(item: JournalItem, files: readonly ItemFile[], speedBps: number): ItemDetail {
  return {
    ...itemView(item, speedBps),
    files: files.map((f) => ({ relPath: f.relPath, size: f.size, sha256: f.sha256, bytesDone: f.bytesDone, objectUri: f.objectUri })),
    probe: item.probe,
    sourceId: item.sourceId,
  };
}

/** The one line that says why an item is where it is. */
function reasonOf(item: JournalItem): string | null {
  switch (item.state) {
    case 'failed': {
      const retry = item.nextRetryAt ? ` (retrying at ${new Date(item.nextRetryAt).toISOString()})` : '';
      return `${item.lastError ?? 'failed'}${retry}`;
    }
    case 'rejected':
    case 'skipped':
    case 'registered':
    case 'indexing':
    case 'done':
      return item.reason; // skipped as duplicate, or registered with a caveat

    case 'discovered':
      return item.lastError; // why it went back to the start, when it did
    default:
      return null;
  }
}

/** Counts per phase, throughput and the time left at that pace. */
export function overviewOf(counts: StateCounts, inFlight: { done: number }, throughputBps: number, engine: Overview['engine'], paused: boolean): Overview {
  const phases = { waiting: { files: 0, bytes: 0 }, moving: { files: 0, bytes: 0 }, done: { files: 0, bytes: 0 }, failed: { files: 0, bytes: 0 } };
  for (const [state, c] of Object.entries(counts) as [ItemState, { count: number; bytes: number }][]) {
    const phase = phases[phaseOf(state)];
    phase.files += c.count;
    phase.bytes += c.bytes;
  }
  const remaining = Math.max(0, phases.waiting.bytes + counts.uploading.bytes - inFlight.done);
  const etaSeconds = throughputBps > 0 && remaining > 0 ? remaining / throughputBps : null;
  return { ...phases, byState: counts, throughputBps, etaSeconds, engine, paused };
}
