import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BRIDGE_SUBPROTOCOL, SECRET_SUBPROTOCOL_PREFIX } from '../../shared/ipc/wsMessages';

/** 32 random bytes as hex: fits a WebSocket subprotocol token and a URL fragment as is. */
export function newAgentSecret(): string {
  return randomBytes(32).toString('hex');
}

/** Compares in constant time so that a local process cannot guess the secret byte by byte. */
export function secretMatches(expected: string, candidate: string | undefined): boolean {
  if (candidate === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(candidate, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The secret a request carries: `Authorization: Bearer`, or `?s=` for the one caller that cannot
 * set headers (a <video> element reading /media).
 */
export function requestSecret(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return url.searchParams.get('s') ?? undefined;
}

/** The secret offered as a WebSocket subprotocol, when the page also asked for the bridge protocol. */
export function subprotocolSecret(req: IncomingMessage): string | undefined {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(BRIDGE_SUBPROTOCOL)) return undefined;
  const token = offered.find((p) => p.startsWith(SECRET_SUBPROTOCOL_PREFIX));
  return token?.slice(SECRET_SUBPROTOCOL_PREFIX.length);
}

/**
 * DNS rebinding defence: a page on evil.example resolving to 127.0.0.1 reaches this port with its
 * own Host header. Only our loopback names are served.
 */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A browser always sends Origin on a WebSocket upgrade; another site's page must not open our bridge. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
