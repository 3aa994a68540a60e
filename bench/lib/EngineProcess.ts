import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'scenedock.mjs');

/** Resident memory of a process and of the processes it started (ffmpeg), in bytes. */
export interface MemorySample {
  engine: number;
  withChildren: number;
}

/**
 * `scenedock engine` in a child process, so that its resident memory can be read on its own
 * (Linux /proc) while it works, without the bench's own memory (the generated bag's writer, the
 * baseline reader) in the figure.
 */
export class EngineProcess {
  readonly url: string;
  readonly token: string;
  readonly #child: ChildProcess;

  private constructor(child: ChildProcess, url: string, token: string) {
    this.#child = child;
    this.url = url;
    this.token = token;
  }

  public static async start(dataDir: string, token: string): Promise<EngineProcess> {
    const child = spawn(process.execPath, [CLI, 'engine', '--data', dataDir, '--port', '0', '--token', token, '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the engine exited with ${code ?? 'a signal'} before listening`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /listening on (http:\/\/\S+)/.exec(line);
        if (m?.[1]) resolve(m[1]);
      });
    });
    return new EngineProcess(child, url, token);
  }

  public get pid(): number {
    return this.#child.pid ?? 0;
  }

  /** VmRSS of the engine, and of the engine with its descendants; zeros where /proc is absent. */
  public memory(): MemorySample {
    const engine = rssOf(this.pid);
    let withChildren = engine;
    for (const pid of descendants(this.pid)) withChildren += rssOf(pid);
    return { engine, withChildren };
  }

  /** The engine's own peak resident memory since it started (VmHWM). */
  public peakRss(): number {
    return statusField(this.pid, 'VmHWM');
  }

  public async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.kill('SIGTERM');
    await exited;
  }
}

function statusField(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function rssOf(pid: number): number {
  return statusField(pid, 'VmRSS');
}

function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((c) => [c, ...descendants(c)]);
}
