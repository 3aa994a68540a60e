/** A file found under a dropped entry, with its path relative to the drop (`folder/sub/a.pcd`). */
export interface DroppedFile {
  file: File;
  relativePath: string;
}

/**
 * Lists every file under dropped entries. A directory reader hands out entries in batches (100 in
 * Chromium) until it returns an empty one, so one call is not enough.
 */
export async function walkEntries(entries: readonly FileSystemEntry[]): Promise<DroppedFile[]> {
  const out: DroppedFile[] = [];
  const visit = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (isFile(entry)) {
      out.push({ file: await new Promise<File>((resolve, reject) => entry.file(resolve, reject)), relativePath });
      return;
    }
    if (!isDirectory(entry)) return;
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await visit(child, relativePath);
    }
  };
  for (const entry of entries) await visit(entry, '');
  return out;
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}
