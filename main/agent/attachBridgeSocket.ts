import type { WebSocket } from 'ws';
import { EVENT_NAMES, type BridgeEventSource, type BridgeHandlers } from '../../shared/ipc/contract';
import { dispatchCommand } from '../../shared/ipc/dispatchCommand';
import { wsRequestSchema, type WsServerFrame } from '../../shared/ipc/wsMessages';

/**
 * Past this many unsent bytes a page is not keeping up (a background tab, a slow link): events are
 * dropped rather than queued without bound. The page re-reads the overview and its visible rows on
 * the next overview event, so a dropped itemChanged costs freshness, not correctness.
 */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * Carries the contract over one authenticated socket: every frame `{id, command, request}` goes
 * through dispatchCommand (the same validation as Electron's IPC) and is answered `{id, result}`;
 * every event is pushed as `{event, payload}`. Generic over the contract: nothing here names a command.
 */
export function attachBridgeSocket(socket: WebSocket, handlers: BridgeHandlers, events: BridgeEventSource): void {
  const send = (message: WsServerFrame): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = EVENT_NAMES.map((event) => events.on(event, (payload) => {
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return;
    send({ event, payload });
  }));
  socket.on('close', () => unsubscribe.forEach((off) => off()));
  socket.on('message', (data, isBinary) => {
    // Text frames arrive as one Buffer (ws concatenates fragments unless told otherwise).
    void answer(Buffer.isBuffer(data) ? data.toString('utf8') : '', isBinary);
  });

  async function answer(text: string, isBinary: boolean): Promise<void> {
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(text);
    } catch {
      frame = undefined;
    }
    const parsed = wsRequestSchema.safeParse(frame);
    if (!parsed.success) {
      // Without an id there is no one to answer; a page speaking another protocol is told and dropped.
      socket.close(1003, 'frames must be JSON {id, command, request}');
      return;
    }
    const { id, command, request } = parsed.data;
    send({ id, result: await dispatchCommand(handlers, command, request) });
  }
}
