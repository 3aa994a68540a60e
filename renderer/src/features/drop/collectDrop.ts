import type { CollectedDrop } from '../../bridge/AppBridge';

/**
 * Must run synchronously inside the drop handler: a DataTransfer's items are readable only during
 * the event. Both the entry (folders, for the browser) and the file (paths, for Electron) are taken.
 */
export function collectDrop(transfer: DataTransfer): CollectedDrop {
  const items: CollectedDrop['items'] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    items.push({ file: item.getAsFile(), entry: item.webkitGetAsEntry() });
  }
  if (items.length === 0) for (const file of Array.from(transfer.files)) items.push({ file, entry: null });
  return { items };
}

export function collectPicked(files: FileList | null): CollectedDrop {
  return { items: Array.from(files ?? []).map((file) => ({ file, entry: null })) };
}
