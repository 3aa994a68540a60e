import { join } from 'node:path';
import { createBridgeHandlers } from '../services/host/createBridgeHandlers';
import type { IngestHost } from '../services/host/IngestHost';
import { AgentUiServer } from './AgentUiServer';
import { defaultRendererDir, rendererBuilt } from './defaultRendererDir';
import { emitterEventSource } from './emitterEventSource';

export interface AgentUiOptions {
  /** 0 picks a free port. */
  port: number;
  stateDir: string;
  rendererDir?: string;
}

/**
 * The agent's browser UI over a running ingest host: the same BridgeHandlers the desktop app
 * dispatches to, the host's events, previews from the journal's paths, and files dropped in the
 * browser staged under `<state>/staging` (they stay there: the journal reads them in place).
 */
export async function startAgentUi(host: IngestHost, options: AgentUiOptions): Promise<AgentUiServer> {
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  if (!rendererBuilt(rendererDir)) throw new Error(`the UI is not built (${rendererDir}/index.html is missing): run npm run build first`);
  const server = new AgentUiServer({
    handlers: createBridgeHandlers(host),
    events: emitterEventSource(host),
    rendererDir,
    stagingDir: join(options.stateDir, 'staging'),
    resolveMediaPath: (id) => host.resolveMediaPath(id),
    port: options.port,
  });
  await server.start();
  return server;
}
