import { dialog, type BrowserWindow } from 'electron';

/** The native folder picker; null when the person cancels. */
export async function pickFolderDialog(parent: BrowserWindow | undefined): Promise<string | null> {
  const options = { title: 'Watch a folder', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
