import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { BridgeEventSource, BridgeHandlers } from '../../shared/ipc/contract';
import { BRIDGE_PATH, BRIDGE_SUBPROTOCOL } from '../../shared/ipc/wsMessages';
import { contentSecurityPolicy } from '../security/contentSecurityPolicy';
import { attachBridgeSocket } from './attachBridgeSocket';
import { hostAllowed, newAgentSecret, originAllowed, requestSecret, secretMatches, subprotocolSecret } from './requestAuth';
import { mediaFileResponse } from '../media/mediaFileResponse';
import { staticFileResponse } from '../media/staticFileResponse';
import { sendWebResponse } from './sendWebResponse';
import { stageUpload } from './stageUpload';

export interface AgentUiServerOptions {
  handlers: BridgeHandlers;
  events: BridgeEventSource;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Where files dropped in the browser are written before they are passed to dropPaths. */
  stagingDir: string;
  /** The local file of an item, for previews; undefined when the item has none (or is unknown). */
  resolveMediaPath(itemId: number): Promise<string | undefined>;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Largest file one POST /stage accepts (default 64 GiB: recordings are big). */
  maxStageBytes?: number;
  /** Fixed secret (tests); a random one per run otherwise. */
  secret?: string;
}

const DEFAULT_MAX_STAGE_BYTES = 64 * 1024 ** 3;
const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/**
 * The headless agent's UI: serves the renderer bundle on 127.0.0.1 and bridges the contract over a
 * WebSocket, so a browser on this machine gets the same app as the Electron window. Everything but
 * the static bundle needs the per-run secret, which only the URL the agent prints carries (in the
 * fragment, which browsers never send to servers or put in Referer headers).
 */
export class AgentUiServer {
  readonly #options: AgentUiServerOptions;
  readonly #secret: string;
  readonly #server: Server;
  readonly #sockets: WebSocketServer;
  #port = 0;

  public constructor(options: AgentUiServerOptions) {
    this.#options = options;
    this.#secret = options.secret ?? newAgentSecret();
    this.#sockets = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_FRAME_BYTES,
      handleProtocols: (offered) => (offered.has(BRIDGE_SUBPROTOCOL) ? BRIDGE_SUBPROTOCOL : false),
    });
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : String(error));
        else res.destroy();
      });
    });
    this.#server.on('upgrade', (req, socket, head) => this.#upgrade(req, socket, head));
  }

  /** The address to open: the secret rides in the fragment, which the page reads and keeps. */
  public address(): { port: number; url: string; secret: string } {
    return { port: this.#port, url: `http://127.0.0.1:${this.#port}/#secret=${this.#secret}`, secret: this.#secret };
  }

  public async start(): Promise<{ port: number; url: string; secret: string }> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port ?? 0, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    return this.address();
  }

  public async close(): Promise<void> {
    for (const client of this.#sockets.clients) client.terminate();
    this.#sockets.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, this.#port)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('this agent answers on 127.0.0.1 and localhost only');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.#port}`);
    const api = url.pathname === '/stage' || url.pathname.startsWith('/media/');
    if (api && !secretMatches(this.#secret, requestSecret(req, url))) {
      req.resume();
      res.writeHead(401, { 'content-type': 'text/plain' }).end('the agent secret is missing or wrong');
      return;
    }
    if (url.pathname === '/stage') {
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
      return stageUpload(req, res, url, this.#options.stagingDir, this.#options.maxStageBytes ?? DEFAULT_MAX_STAGE_BYTES);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    if (url.pathname.startsWith('/media/')) {
      const id = Number(url.pathname.slice('/media/'.length));
      const file = Number.isInteger(id) && id > 0 ? await this.#options.resolveMediaPath(id) : undefined;
      if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end(`item ${url.pathname.slice(7)} has no local file to preview`);
      return sendWebResponse(res, await mediaFileResponse(file, req.headers.range, req.method));
    }
    const csp = contentSecurityPolicy({ connectOrigins: [`ws://127.0.0.1:${this.#port}`, `ws://localhost:${this.#port}`] });
    return sendWebResponse(res, await staticFileResponse(this.#options.rendererDir, url.pathname, csp, req.method));
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.#port}`);
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== BRIDGE_PATH) return refuse('404 Not Found');
    if (!hostAllowed(req, this.#port) || !originAllowed(req, this.#port)) return refuse('403 Forbidden');
    if (!secretMatches(this.#secret, subprotocolSecret(req))) return refuse('401 Unauthorized');
    this.#sockets.handleUpgrade(req, socket, head, (ws) => attachBridgeSocket(ws, this.#options.handlers, this.#options.events));
  }
}
