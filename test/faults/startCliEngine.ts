import { spawnCli, type CliProcess } from '../helpers/spawnCli';

export interface CliEngine {
  port: number;
  url: string;
  token: string;
  dataDir: string;
  /** SIGKILL: the engine gets no chance to flush or close anything. */
  kill(): Promise<void>;
  /** SIGTERM: the engine's own orderly stop. */
  stop(): Promise<void>;
  stderr(): string;
}

/**
 * `scenedock engine` as its own process, the way a team runs it: `--port` reuses a port (a
 * restarted engine is found where the agent left it), `--max-blob-bytes` stands for a full disk.
 */
export async function startCliEngine(options: { dataDir: string; token: string; port?: number; maxBlobBytes?: number }): Promise<CliEngine> {
  const cli: CliProcess = spawnCli([
    'engine', '--data', options.dataDir, '--port', String(options.port ?? 0), '--token', options.token, '--log-level', 'warn',
    ...(options.maxBlobBytes !== undefined ? ['--max-blob-bytes', String(options.maxBlobBytes)] : []),
  ]);
  const [, port] = await cli.waitForLine(/listening on http:\/\/127\.0\.0\.1:(\d+)/, 60_000);
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill(signal);
    await cli.exited;
  };
  return {
    port: Number(port), url: `http://127.0.0.1:${port}`, token: options.token, dataDir: options.dataDir,
    kill: () => end('SIGKILL'), stop: () => end('SIGTERM'), stderr: cli.stderr,
  };
}
