import { COMMANDS, type BridgeError, type BridgeHandlers, type CommandName, type Result } from './contract';

/** A handler's way to say which kind of failure happened; anything else thrown is `failed`. */
export class BridgeFailure extends Error {
  public readonly code: BridgeError['code'];

  public constructor(code: BridgeError['code'], message: string) {
    super(message);
    this.name = 'BridgeFailure';
    this.code = code;
  }
}

/**
 * Validates a request against the contract, runs its handler and wraps the outcome as data. Both
 * the Electron IPC wiring and the agent's WebSocket bridge go through here, so the two transports
 * cannot disagree about what is accepted.
 */
export async function dispatchCommand(handlers: BridgeHandlers, name: string, rawRequest: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(COMMANDS, name)) return { ok: false, error: { code: 'invalid_request', message: `unknown command ${JSON.stringify(name)}` } };
  const command = name as CommandName;
  const parsed = COMMANDS[command].request.safeParse(rawRequest ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : '(request)';
    return { ok: false, error: { code: 'invalid_request', message: `${command}: ${field}: ${issue?.message ?? 'invalid'}` } };
  }
  try {
    const handler = handlers[command] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof BridgeFailure) return { ok: false, error: { code: error.code, message: error.message } };
    return { ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } };
  }
}
