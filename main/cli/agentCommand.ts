import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SourceDefaults } from '../../shared/ipc/viewModels';
import { startAgentUi } from '../agent/startAgentUi';
import { IngestHost } from '../services/host/IngestHost';
import { CliUsageError, type CliIo } from './CliIo';
import { defaultStateDir } from './defaultStateDir';
import { logItemProblems } from './logItemProblems';

export const AGENT_USAGE = `scenedock agent [--watch DIR...] [--state DIR] [--engine URL --token TOKEN] [--set NAME] [--index] [--ui-port N]

Runs SceneDock headless until stopped: watches folders, uploads what lands in them, resumes after
any crash. Without --engine it runs the embedded engine, its data under the state folder.
  --watch DIR   a folder to watch (repeatable; remembered in the journal)
  --set NAME    set for files of the folders given here (NAME_<asset type>)
  --index       index bags and recordings of the folders given here after upload
  --paused      start with the queue paused (files are still found and journaled)
  --ui-port N   serve the app's UI on http://127.0.0.1:N (0 picks a port); the address printed
                carries a per-run secret, and only that address opens the UI`;

/** `scenedock agent`: the services without a window; the same journal the desktop app keeps. */
export async function agentCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args, strict: true,
    options: {
      watch: { type: 'string', multiple: true }, state: { type: 'string' }, engine: { type: 'string' }, token: { type: 'string' },
      set: { type: 'string' }, index: { type: 'boolean', default: false }, 'quiet-ms': { type: 'string' }, 'ui-port': { type: 'string' },
      paused: { type: 'boolean', default: false },
    },
  });
  if (Boolean(values.engine) !== Boolean(values.token)) throw new CliUsageError('--engine and --token go together', AGENT_USAGE);
  const quietMs = values['quiet-ms'] !== undefined ? Number(values['quiet-ms']) : undefined;
  const uiPort = values['ui-port'] !== undefined ? Number(values['ui-port']) : undefined;
  if (uiPort !== undefined && (!Number.isInteger(uiPort) || uiPort < 0 || uiPort > 65_535)) throw new CliUsageError(`--ui-port must be 0 to 65535, not ${values['ui-port']}`, AGENT_USAGE);
  const stateDir = values.state ?? defaultStateDir();
  const host = await IngestHost.start({
    stateDir,
    ...(values.engine && values.token ? { engine: { url: values.engine, token: values.token } } : {}),
    ...(quietMs !== undefined && Number.isFinite(quietMs) ? { watcher: { quietMs } } : {}),
  });
  const ui = uiPort !== undefined ? await startAgentUi(host, { port: uiPort, stateDir }).catch(async (error: unknown) => {
    await host.close();
    throw error;
  }) : undefined;
  try {
    const defaults: SourceDefaults = {
      setName: values.set ?? null, sessionMode: 'per_recording', sessionName: null, sensorRule: null, sensor: null, indexBags: values.index ?? false,
    };
    const watched = new Set(host.service.sources().filter((s) => s.kind === 'watch').map((s) => s.path));
    for (const dir of values.watch ?? []) {
      if (!watched.has(resolve(dir))) await host.service.addWatchFolder(dir, defaults);
    }
    if (values.paused) host.service.pauseAll();
    io.stdout.write(`SceneDock agent running; engine ${host.engineUrl}; watching ${host.service.sources().filter((s) => s.kind === 'watch').map((s) => s.path).join(', ') || 'nothing'}\n`);
    if (ui) io.stdout.write(`SceneDock UI: ${ui.address().url}\n`);
    const stopLogging = logItemProblems(host.service, io.stderr);
    await io.untilSignal();
    stopLogging();
    return 0;
  } finally {
    await ui?.close();
    await host.close();
  }
}
