import type { BridgeError, CommandName, Result } from '../../../shared/ipc/contract';
import { BRIDGE_SUBPROTOCOL, SECRET_SUBPROTOCOL_PREFIX, wsServerMessageSchema } from '../../../shared/ipc/wsMessages';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';
export type SocketFactory = (url: string, protocols: string[]) => WebSocket;

interface Pending {
  resolve(result: Result<unknown>): void;
}

const MAX_RETRY_DELAY_MS = 5000;

/**
 * The page's end of the agent's WebSocket bridge. Calls made while the socket is down wait for it
 * (up to the moment it closes again), and calls in flight when it drops answer `unavailable` as
 * data, so the UI shows "agent not reachable" instead of hanging. It reconnects by itself with
 * backoff; listeners survive reconnects.
 */
export class WsBridgeConnection {
  readonly #url: string;
  readonly #protocols: string[];
  readonly #createSocket: SocketFactory;
  readonly #pending = new Map<number, Pending>();
  readonly #waiting: Array<() => void> = [];
  readonly #eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  readonly #statusListeners = new Set<(status: ConnectionStatus) => void>();
  #socket: WebSocket | undefined;
  #status: ConnectionStatus = 'closed';
  #nextId = 1;
  #retries = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #closedByUs = false;

  public constructor(url: string, secret: string, createSocket: SocketFactory = (u, p) => new WebSocket(u, p)) {
    this.#url = url;
    this.#protocols = [BRIDGE_SUBPROTOCOL, `${SECRET_SUBPROTOCOL_PREFIX}${secret}`];
    this.#createSocket = createSocket;
    this.#connect();
  }

  public status(): ConnectionStatus {
    return this.#status;
  }

  public onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  public onEvent(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.#eventListeners.get(event);
    if (!set) {
      set = new Set();
      this.#eventListeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  public async call(command: CommandName, request: unknown): Promise<Result<unknown>> {
    if (this.#status !== 'open') await new Promise<void>((resolve) => this.#waiting.push(resolve));
    const socket = this.#socket;
    if (this.#status !== 'open' || !socket) return unavailable('the agent is not reachable');
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, { resolve });
      socket.send(JSON.stringify({ id, command, request }));
    });
  }

  public close(): void {
    this.#closedByUs = true;
    clearTimeout(this.#retryTimer);
    this.#socket?.close(1000, 'page closed the bridge');
    this.#failAll('the bridge was closed');
  }

  #connect(): void {
    this.#setStatus('connecting');
    const socket = this.#createSocket(this.#url, this.#protocols);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      this.#retries = 0;
      this.#setStatus('open');
      this.#waiting.splice(0).forEach((wake) => wake());
    });
    socket.addEventListener('message', (event: MessageEvent) => this.#receive(event.data));
    // A refused or broken connection also fires close, which does the work; listening here keeps
    // Node's ws client (used by the transport tests) from treating the error as unhandled.
    socket.addEventListener('error', () => undefined);
    socket.addEventListener('close', () => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.#setStatus('closed');
      this.#failAll('the connection to the agent closed');
      if (!this.#closedByUs) this.#scheduleReconnect();
    });
  }

  #scheduleReconnect(): void {
    const delay = Math.min(MAX_RETRY_DELAY_MS, 250 * 2 ** this.#retries++);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #receive(data: unknown): void {
    let frame: unknown;
    try {
      frame = typeof data === 'string' ? JSON.parse(data) : undefined;
    } catch {
      return;
    }
    const parsed = wsServerMessageSchema.safeParse(frame);
    if (!parsed.success) return;
    const message = parsed.data;
    if ('id' in message) {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      pending?.resolve(message.result.ok ? { ok: true, value: message.result.value } : { ok: false, error: message.result.error });
      return;
    }
    for (const listener of this.#eventListeners.get(message.event) ?? []) listener(message.payload);
  }

  #failAll(reason: string): void {
    for (const pending of this.#pending.values()) pending.resolve(unavailable(reason));
    this.#pending.clear();
    // Callers waiting for a socket get their answer now rather than after an unknown reconnect.
    this.#waiting.splice(0).forEach((wake) => wake());
  }

  #setStatus(status: ConnectionStatus): void {
    this.#status = status;
    for (const listener of this.#statusListeners) listener(status);
  }
}

function unavailable(message: string): { ok: false; error: BridgeError } {
  return { ok: false, error: { code: 'unavailable', message } };
}
