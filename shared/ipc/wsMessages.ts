import { z } from 'zod';
import type { Result } from './contract';

// The agent's WebSocket bridge carries the same contract as Electron's IPC. These are the frames on
// that socket, validated on both ends: a page can be any browser tab, and the agent can be any
// process answering on the port.

/** Subprotocol the page offers; the server picks it once the secret offered beside it checks out. */
export const BRIDGE_SUBPROTOCOL = 'scenedock-bridge';
/** The secret travels as a second subprotocol `secret.<hex>` (browsers cannot set headers on a WebSocket). */
export const SECRET_SUBPROTOCOL_PREFIX = 'secret.';
/** Path of the WebSocket endpoint on the agent's UI server. */
export const BRIDGE_PATH = '/bridge';

export const wsRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  command: z.string().min(1).max(100),
  request: z.unknown(),
});
export type WsRequest = z.infer<typeof wsRequestSchema>;

const bridgeErrorSchema = z.object({
  code: z.enum(['invalid_request', 'not_found', 'unavailable', 'failed']),
  message: z.string(),
});

export const wsResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: bridgeErrorSchema }),
]);

export const wsServerMessageSchema = z.union([
  z.object({ id: z.number().int().nonnegative(), result: wsResultSchema }),
  z.object({ event: z.string().min(1), payload: z.unknown() }),
]);
export type WsServerMessage = z.infer<typeof wsServerMessageSchema>;

/** What the agent writes (the schema above is how the page reads it back). */
export type WsServerFrame = { id: number; result: Result<unknown> } | { event: string; payload: unknown };
