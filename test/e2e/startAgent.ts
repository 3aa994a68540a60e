import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli, type CliProcess } from '../helpers/spawnCli';

export interface RunningAgent {
  /** The address the agent printed, secret included. */
  url: string;
  stateDir: string;
  process: CliProcess;
  stop(): Promise<void>;
}

const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/#secret=[0-9a-f]+)/;

/**
 * `scenedock agent` as a user runs it: its own process, a fresh state folder (journal, embedded
 * engine, staging), the UI on a random port. Resolves with the URL it prints.
 */
export async function startAgent(extraArgs: string[] = []): Promise<RunningAgent> {
  const stateDir = mkdtempSync(join(tmpdir(), 'scenedock-e2e-agent-'));
  const agent = spawnCli(['agent', '--state', stateDir, '--ui-port', '0', ...extraArgs]);
  let url: string;
  try {
    url = (await agent.waitForLine(URL_LINE, 60_000))[1] ?? '';
  } catch (error) {
    agent.child.kill('SIGKILL');
    rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url, stateDir, process: agent,
    stop: async () => {
      if (agent.child.exitCode === null) {
        agent.child.kill('SIGTERM');
        const stopped = await Promise.race([agent.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]);
        if (!stopped) agent.child.kill('SIGKILL');
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
