/**
 * A zip entry name built from untrusted pieces (asset ids, file names, folder names) that no unzip
 * tool can turn into a path outside its target folder ("zip slip"): each piece becomes one path
 * segment with separators, drive colons and control characters replaced, and "", "." or ".."
 * replaced by "_". Names already used in the archive get a "~2", "~3"... before their extension.
 */
export function zipEntryName(pieces: readonly string[], used: Set<string>): string {
  const base = pieces.map(safeSegment).join('/');
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = withSuffix(base, `~${n}`);
  // Compared without case: two names differing only in case collide on Windows and macOS disks.
  used.add(name.toLowerCase());
  return name;
}

const MAX_SEGMENT = 200;

function safeSegment(piece: string): string {
  // eslint-disable-next-line no-control-regex
  let s = piece.replace(/[\u0000-\u001f\u007f/\\:]/g, '_').trim();
  if (s.length > MAX_SEGMENT) s = s.slice(0, MAX_SEGMENT);
  return s === '' || /^\.+$/.test(s) ? '_' : s;
}

function withSuffix(name: string, suffix: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  return dot > slash + 1 ? `${name.slice(0, dot)}${suffix}${name.slice(dot)}` : `${name}${suffix}`;
}
