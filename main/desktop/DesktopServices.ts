import type { BridgeEventSource, BridgeHandlers } from '../../shared/ipc/contract';

/** What the desktop shell needs from the services (the ingest service and its embedded engine). */
export interface DesktopServices {
  handlers: BridgeHandlers;
  events: BridgeEventSource;
  /** The local file of an item, for previews (scenedock-media://item/<id>). */
  resolveMediaPath(itemId: number): Promise<string | undefined>;
  /** Stops watchers and uploads, closes the journal and the embedded engine. */
  close(): Promise<void>;
}
