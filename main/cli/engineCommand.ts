import { parseArgs } from 'node:util';
import { startEngine } from '../services/engine/embeddedEngine';
import { CliUsageError, type CliIo } from './CliIo';

export const ENGINE_USAGE = `scenedock engine --data DIR [--host 127.0.0.1] [--port N] [--token T] [--public-url URL] [--log-level LEVEL] [--max-blob-bytes N]

Runs the scene engine on its own (the server a team shares). On first start with an empty DIR it
creates an organization and its admin user and writes the admin token to DIR/admin-token.
  --data DIR        data directory (SQLite metadata, blobs, admin token)
  --host HOST       address to listen on (default 127.0.0.1)
  --port N          port (default 8765; 0 picks a free port)
  --token T         the admin token (set on first start, re-keyed on later ones)
  --public-url URL  URL to advertise when the engine sits behind a proxy
  --log-level LEVEL fatal, error, warn, info (default) or debug; tokens are never logged
  --max-blob-bytes N refuse uploads (507, "blob store is full") once blobs and uploads hold N bytes`;

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

/** `scenedock engine`: serves until SIGINT or SIGTERM. */
export async function engineCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, token: { type: 'string' },
      'public-url': { type: 'string' }, 'log-level': { type: 'string' }, 'max-blob-bytes': { type: 'string' },
    },
    strict: true,
  });
  if (!values.data) throw new CliUsageError('--data DIR is required', ENGINE_USAGE);
  const port = Number(values.port ?? '8765');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliUsageError(`--port must be 0 to 65535, not ${values.port}`, ENGINE_USAGE);
  const level = (values['log-level'] ?? 'info') as (typeof LEVELS)[number];
  if (!LEVELS.includes(level)) throw new CliUsageError(`--log-level must be one of ${LEVELS.join(', ')}`, ENGINE_USAGE);
  const maxBlobBytes = values['max-blob-bytes'] !== undefined ? Number(values['max-blob-bytes']) : undefined;
  // A mistyped limit must not start an engine without one.
  if (maxBlobBytes !== undefined && (!Number.isSafeInteger(maxBlobBytes) || maxBlobBytes < 0)) {
    throw new CliUsageError(`--max-blob-bytes must be a whole number of bytes, not ${values['max-blob-bytes']}`, ENGINE_USAGE);
  }
  const host = values.host ?? '127.0.0.1';
  const engine = await startEngine({
    dataDir: values.data, host, port,
    ...(values.token ? { token: values.token } : {}),
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
    ...(maxBlobBytes !== undefined ? { maxBlobBytes } : {}),
    log: { level, destination: io.stderr },
  });
  io.stdout.write(`SceneDock engine listening on http://${host.includes(':') ? `[${host}]` : host}:${engine.port}\n`);
  await io.untilSignal();
  await engine.close();
  return 0;
}
