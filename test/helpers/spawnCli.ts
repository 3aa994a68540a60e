import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = resolve(repoRoot, 'bin', 'scenedock.mjs');

export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Runs `scenedock <args>` as its own process, the way a user (or a crash) would. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString('utf8'); });
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine: (pattern, timeoutMs = 30_000) => new Promise((resolveLine, reject) => {
      const deadline = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stdout: ${out}; stderr: ${err}`));
      }, timeoutMs);
      const poll = setInterval(() => {
        const m = out.match(pattern);
        if (m) {
          clearInterval(poll);
          clearTimeout(deadline);
          resolveLine(m);
        }
      }, 20);
      void exited.then((code) => {
        if (out.match(pattern)) return;
        clearInterval(poll);
        clearTimeout(deadline);
        reject(new Error(`scenedock exited with ${code} before printing ${pattern}; stderr: ${err}`));
      });
    }),
  };
}
