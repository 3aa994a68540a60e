import { CliUsageError, processIo, type CliIo } from './CliIo';
import { AGENT_USAGE, agentCommand } from './agentCommand';
import { ENGINE_USAGE, engineCommand } from './engineCommand';
import { INGEST_USAGE, ingestCommand } from './ingestCommand';
import { STATUS_USAGE, statusCommand } from './statusCommand';

const USAGE = `Usage: scenedock <command> [options]

Commands:
  engine   run the scene engine on its own
  agent    run SceneDock headless: watch folders, upload, resume after crashes
  ingest   send files and folders to an engine once, then exit
  status   counts per state and failing items, from the journal
Run \`scenedock <command> --help\` for its options.`;

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  engine: { run: engineCommand, usage: ENGINE_USAGE },
  agent: { run: agentCommand, usage: AGENT_USAGE },
  ingest: { run: ingestCommand, usage: INGEST_USAGE },
  status: { run: statusCommand, usage: STATUS_USAGE },
};

/** The `scenedock` command line: one subcommand per mode SceneDock runs in. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`scenedock: unknown command ${JSON.stringify(name)}\n${USAGE}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr.write(`scenedock ${name}: ${error.message}\n${error instanceof CliUsageError ? error.usage : command.usage}\n`);
      return 2;
    }
    io.stderr.write(`scenedock ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
