import { formatBytes, formatRate } from '../../shared/format/formatBytes';
import { formatDuration } from '../../shared/format/formatDuration';
import type { Overview } from '../../shared/ipc/viewModels';
import type { BatchOutcome } from './BatchTracker';

export type TrayState = 'idle' | 'moving' | 'paused' | 'attention' | 'offline';

/** What the tray icon says at a glance, and its tooltip; the order is what matters most first. */
export function trayStatus(overview: Overview, lastOutcome: BatchOutcome | undefined): { state: TrayState; tooltip: string } {
  const active = overview.waiting.files + overview.moving.files;
  const left = `${active} to send (${formatBytes(overview.waiting.bytes + overview.moving.bytes)})`;
  if (!overview.engine.online) return { state: 'offline', tooltip: `SceneDock: engine offline (${overview.engine.url}); ${left}` };
  if (overview.paused && active > 0) return { state: 'paused', tooltip: `SceneDock: paused; ${left}` };
  if (active > 0) {
    const eta = overview.etaSeconds !== null ? `, ${formatDuration(overview.etaSeconds)} left` : '';
    return { state: 'moving', tooltip: `SceneDock: ${left} at ${formatRate(overview.throughputBps)}${eta}` };
  }
  if (lastOutcome?.kind === 'failed') return { state: 'attention', tooltip: `SceneDock: ${lastOutcome.failed} failed in the last batch` };
  return { state: 'idle', tooltip: `SceneDock: all done (${overview.done.files} files)` };
}
