import { readdir, readFile, readlink } from 'node:fs/promises';

/**
 * Paths some process holds open for writing, read from /proc (Linux). On other systems it answers
 * nothing and readiness rests on the quiet period alone.
 */
export async function pathsOpenForWriting(candidates: ReadonlySet<string>): Promise<Set<string>> {
  const open = new Set<string>();
  if (process.platform !== 'linux' || candidates.size === 0) return open;
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p));
  } catch {
    return open;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch {
      continue; // not ours to read, or the process ended
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = await readlink(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!candidates.has(target)) continue;
      try {
        const info = await readFile(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
        const flags = /^flags:\s+([0-7]+)/m.exec(info)?.[1];
        // O_ACCMODE bits: 1 = O_WRONLY, 2 = O_RDWR.
        if (flags !== undefined && (Number.parseInt(flags, 8) & 3) !== 0) open.add(target);
      } catch {
        continue;
      }
    }
  }
  return open;
}
