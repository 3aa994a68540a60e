import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuzzWorkerMessageSchema, type FuzzJob, type FuzzOutcomeReply } from './fuzzMessages';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const WORKER = join(here, 'fuzzWorkerProcess.ts');
/** Loading the probes through tsx takes a moment; a worker that never gets ready is broken, not slow. */
const START_LIMIT_MS = 60_000;

/** A worker's answer, or the parent's verdict when none came: `hang` past the limit, `crash` when the process died. */
export interface FuzzResult {
  kind: FuzzOutcomeReply['kind'] | 'hang';
  detail: string;
  ms: number;
}

/**
 * The parent's handle on one fuzz worker process. Each mutant gets `limitMs`: past it, or if the
 * process dies, the mutant is a failure (hang or crash) and a fresh worker takes the next one.
 */
export class FuzzWorker {
  #child: ChildProcess | undefined;
  #restarts = 0;

  /** How many times a worker had to be replaced after a hang or a crash. */
  public get restarts(): number {
    return this.#restarts;
  }

  public async run(job: FuzzJob, limitMs: number): Promise<FuzzResult> {
    const child = this.#child ?? (this.#child = await startWorker());
    return new Promise<FuzzResult>((resolveResult) => {
      const started = Date.now();
      let fatal = '';
      const finish = (result: FuzzResult, replace: boolean): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (replace) {
          this.#restarts++;
          this.#child = undefined;
          child.kill('SIGKILL');
        }
        resolveResult(result);
      };
      const onMessage = (raw: unknown): void => {
        const message = fuzzWorkerMessageSchema.parse(raw);
        if (message.type === 'fatal') fatal = message.detail;
        else if (message.type === 'outcome' && message.id === job.id) finish({ kind: message.kind, detail: message.detail, ms: message.ms }, false);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        const why = fatal || `the worker process exited (code ${code}, signal ${signal})`;
        finish({ kind: 'crash', detail: `the worker died: ${why}`, ms: Date.now() - started }, true);
      };
      const timer = setTimeout(() => {
        finish({ kind: 'hang', detail: `no answer within ${limitMs} ms (worker killed)`, ms: limitMs }, true);
      }, limitMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send(job);
    });
  }

  public stop(): void {
    this.#child?.kill('SIGKILL');
    this.#child = undefined;
  }
}

async function startWorker(): Promise<ChildProcess> {
  const child = fork(WORKER, [], { cwd: repoRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the fuzz worker did not start within ${START_LIMIT_MS} ms: ${stderr}`));
    }, START_LIMIT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fuzz worker exited with code ${code} before it was ready: ${stderr}`));
    });
    child.once('message', (raw: unknown) => {
      clearTimeout(timer);
      const message = fuzzWorkerMessageSchema.safeParse(raw);
      if (message.success && message.data.type === 'ready') resolveReady();
      else reject(new Error(`the fuzz worker sent ${JSON.stringify(raw)} instead of ready`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}
