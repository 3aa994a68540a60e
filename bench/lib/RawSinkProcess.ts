import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The raw-PUT baseline server (bench/lib/rawSinkServer.ts) in a child process, like the engine. */
export class RawSinkProcess {
  readonly #child: ChildProcess;
  readonly port: number;

  private constructor(child: ChildProcess, port: number) {
    this.#child = child;
    this.port = port;
  }

  public static async start(dir: string): Promise<RawSinkProcess> {
    const child = spawn(process.execPath, [join(here, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(here, 'rawSinkServer.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`raw sink exited with ${code ?? 'a signal'}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /^listening (\d+)/.exec(line);
        if (m?.[1]) resolve(Number(m[1]));
      });
    });
    return new RawSinkProcess(child, port);
  }

  /** One streaming PUT of the whole file; resolves when the sink has it on disk. */
  public async put(path: string): Promise<void> {
    const size = statSync(path).size;
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port, method: 'PUT', path: '/', headers: { 'content-length': size } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`raw sink answered ${res.statusCode}`))));
      });
      req.on('error', reject);
      pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), req).catch(reject);
    });
  }

  public async stop(): Promise<void> {
    this.#child.kill('SIGTERM');
    await new Promise((resolve) => this.#child.once('exit', resolve));
  }
}
