import type { DesktopServiceContext } from './runDesktop';
import type { DesktopServices } from './DesktopServices';

/**
 * The one place where the desktop app meets the ingest service: start it (with its embedded engine
 * unless a remote engine is set) under `context.userDataDir`, opening SQLite with
 * `context.nativeBinding` and keeping the engine token in `context.secretStore`, and hand back its
 * BridgeHandlers, events and media resolver. Finished when the ingest service's factory lands in
 * main/services/ingest/ (the same factory `scenedock agent` uses).
 */
export async function startDesktopServices(context: DesktopServiceContext): Promise<DesktopServices> {
  throw new Error(`the ingest service is not wired into the desktop app yet (state would live in ${context.userDataDir}); run \`scenedock agent\` meanwhile`);
}
