import { formatBytes } from '../../shared/format/formatBytes';
import type { BatchOutcome } from './BatchTracker';

/** The OS notification's words for a finished batch. */
export function batchNotification(outcome: BatchOutcome): { title: string; body: string } {
  const files = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;
  if (outcome.kind === 'failed') {
    return { title: `${files(outcome.failed)} failed`, body: `${files(outcome.done)} uploaded (${formatBytes(outcome.bytes)}); open the Queue to see why the others failed.` };
  }
  return { title: 'Upload finished', body: `${files(outcome.done)} uploaded (${formatBytes(outcome.bytes)}).` };
}
