import { join } from 'node:path';
import { emitterEventSource } from '../agent/emitterEventSource';
import { createBridgeHandlers } from '../services/host/createBridgeHandlers';
import { IngestHost } from '../services/host/IngestHost';
import type { DesktopServices } from './DesktopServices';
import type { DesktopServiceContext } from './runDesktop';

/**
 * The one place where the desktop app meets the ingest service: the same IngestHost the agent
 * runs (journal, settings, and the embedded engine unless a remote one is set), its state under
 * the app's user-data folder, SQLite loaded from the Electron build of better-sqlite3, and the
 * engine token in the OS key store.
 */
export async function startDesktopServices(context: DesktopServiceContext): Promise<DesktopServices> {
  const host = await IngestHost.start({
    stateDir: join(context.userDataDir, 'state'),
    secretStore: context.secretStore,
    ...(context.nativeBinding ? { nativeBinding: context.nativeBinding } : {}),
  });
  return {
    handlers: createBridgeHandlers(host),
    events: emitterEventSource(host),
    resolveMediaPath: (id) => host.resolveMediaPath(id),
    close: () => host.close(),
  };
}
