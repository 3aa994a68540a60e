import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one request: pass it on, answer with a status, or cut the connection. */
export type Fault = 'pass' | { status: number } | 'reset';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

export interface FaultyProxy {
  url: string;
  /** Request body bytes that reached the proxy for multipart part uploads (`PUT /storage/parts/...`). */
  partBodyBytes(): number;
  /** Request body bytes of every upload to storage: parts and form posts (`POST /storage/upload`). */
  uploadBodyBytes(): number;
  /** Requests seen, as `METHOD path` (without the query). */
  seen: string[];
  /** The same requests with their query and Authorization header. */
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A misbehaving HTTP peer in front of a real engine: it forwards every request unchanged (Host
 * included, so the URLs the engine hands out point back at the proxy) unless `decide` picks a
 * fault for it. It stands for a flaky network or load balancer, at the edge of the system.
 */
export async function startFaultyProxy(target: string, decide: (method: string, path: string, attempt: number) => Fault): Promise<FaultyProxy> {
  const seen: string[] = [];
  const requests: SeenRequest[] = [];
  const attempts = new Map<string, number>();
  const upstream = new URL(target);
  let partBytes = 0;
  let formBytes = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/storage/parts/')) req.on('data', (chunk: Buffer) => { partBytes += chunk.length; });
    if (path === '/storage/upload') req.on('data', (chunk: Buffer) => { formBytes += chunk.length; });
    const key = `${req.method ?? 'GET'} ${path}`;
    seen.push(key);
    requests.push({ method: req.method ?? 'GET', path, query: new URL(req.url ?? '/', 'http://x').searchParams, authorization: req.headers.authorization });
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const fault = decide(req.method ?? 'GET', path, attempt);
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault !== 'pass') {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ error: 'injected', message: `injected ${fault.status}` }));
      return;
    }
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    // A client that goes away mid-body must not leave the engine waiting for the rest.
    req.on('close', () => {
      if (!req.complete) forward.destroy();
    });
    res.on('close', () => forward.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    partBodyBytes: () => partBytes,
    uploadBodyBytes: () => partBytes + formBytes,
    seen,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
