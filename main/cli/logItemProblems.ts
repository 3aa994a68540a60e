import type { Writable } from 'node:stream';
import type { ItemView } from '../../shared/ipc/viewModels';
import type { IngestService } from '../services/ingest/IngestService';

/**
 * Writes one line to `out` each time an item fails or is rejected, with its path and reason: a
 * headless agent has no window, and its terminal or service log is where a person looks. An item
 * is written again only when its line changes (each new failure of a retried item names its next
 * retry time); other events about the same failure stay quiet.
 * Returns the function that stops listening.
 */
export function logItemProblems(service: IngestService, out: Writable): () => void {
  // Only items now failed or rejected are remembered: memory stays bounded by what is wrong.
  const written = new Map<number, string>();
  const onItem = (item: ItemView): void => {
    if (item.state !== 'failed' && item.state !== 'rejected') {
      written.delete(item.id);
      return;
    }
    const reason = item.reason ?? 'no reason given';
    // Parser reasons already start with the file's path: it is not written twice.
    const line = `${item.state}: ${reason.startsWith(item.path) ? reason : `${item.path}: ${reason}`}`;
    if (written.get(item.id) === line) return;
    written.set(item.id, line);
    out.write(`${line}\n`);
  };
  service.on('item', onItem);
  return () => service.off('item', onItem);
}
