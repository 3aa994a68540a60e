/** Suffixes recorders and downloaders give a file until it is finished; it is renamed when done. */
const TEMPORARY_SUFFIXES = ['.active', '.part', '.tmp', '.crdownload', '.partial', '.download', '~'];

/** A name that is not (yet) a finished recording: a recorder's work-in-progress name, or a hidden file. */
export function isRecorderTemporary(name: string): boolean {
  if (name.startsWith('.')) return true;
  const lower = name.toLowerCase();
  return TEMPORARY_SUFFIXES.some((s) => lower.endsWith(s));
}
