import { EVENT_NAMES, ipcChannel, type BridgeEventSource } from '../../shared/ipc/contract';

/**
 * Forwards every event of the contract to a window (`send` is `webContents.send`), on its
 * `scenedock:` channel. Generic over EVENT_NAMES, like the agent's socket. Returns the undo.
 */
export function forwardEvents(events: BridgeEventSource, send: (channel: string, payload: unknown) => void): () => void {
  const offs = EVENT_NAMES.map((event) => events.on(event, (payload) => send(ipcChannel(event), payload)));
  return () => offs.forEach((off) => off());
}
