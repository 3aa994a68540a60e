import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';

/** A file of `bytes` random bytes (incompressible, unique), written in 8 MiB blocks so memory stays flat. */
export async function writeRandomFile(path: string, bytes: number): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const block = 8 * 1024 * 1024;
  for (let written = 0; written < bytes; written += block) {
    if (!out.write(randomBytes(Math.min(block, bytes - written)))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
}

/** Process ids' peak and current resident memory from /proc (Linux); zeros elsewhere. */
export function residentMemory(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}
