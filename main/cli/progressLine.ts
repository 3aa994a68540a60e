import type { Overview } from '../../shared/ipc/viewModels';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${UNITS[unit]}`;
}

/** One terminal line: a bar over bytes, files done of all, speed and time left. */
export function progressLine(o: Overview, width = 24): string {
  const files = o.waiting.files + o.moving.files + o.done.files + o.failed.files;
  const bytes = o.waiting.bytes + o.moving.bytes + o.done.bytes + o.failed.bytes;
  const doneBytes = o.done.bytes + o.failed.bytes;
  const share = bytes > 0 ? doneBytes / bytes : files > 0 ? (o.done.files + o.failed.files) / files : 0;
  const filled = Math.round(share * width);
  const bar = `${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(width - filled)}`;
  const eta = o.etaSeconds !== null ? ` ETA ${Math.ceil(o.etaSeconds)}s` : '';
  const engine = o.engine.online ? '' : ' (engine offline, waiting)';
  return `[${bar}] ${Math.floor(share * 100)}% ${o.done.files + o.failed.files}/${files} files ${formatBytes(doneBytes)}/${formatBytes(bytes)} ${formatBytes(o.throughputBps)}/s${eta}${engine}`;
}
