import { bridgeCommands, type BridgeCommands, type CommandCaller } from '../../../shared/ipc/bridgeCommands';
import { COMMANDS, EVENTS, type BridgeApi, type CommandName, type EventName, type EventPayload, type Result } from '../../../shared/ipc/contract';

/** Subscribes to raw (unvalidated) event payloads of one transport. */
export type RawSubscribe = (event: EventName, handler: (payload: unknown) => void) => () => void;

/**
 * The renderer trusts nothing that crosses: every response and event payload is checked against the
 * contract before a screen sees it, whichever transport carried it. A service that answers the
 * wrong shape shows up as an error naming the command and the field, not as a blank screen.
 */
export function validatedBridge(call: CommandCaller, subscribe: RawSubscribe): BridgeApi {
  const commands: BridgeCommands = bridgeCommands(async (name, request) => checkResponse(name, await call(name, request)));
  return {
    ...commands,
    subscribe<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
      return subscribe(event, (payload) => {
        const parsed = EVENTS[event].safeParse(payload);
        if (parsed.success) handler(parsed.data as EventPayload<E>);
        else console.warn(`event ${event} dropped: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
      });
    },
  };
}

function checkResponse(name: CommandName, result: Result<unknown>): Result<unknown> {
  if (!result.ok) return result;
  const parsed = COMMANDS[name].response.safeParse(result.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: { code: 'failed', message: `${name}: the service answered an invalid ${issue?.path.join('.') || 'value'}: ${issue?.message ?? ''}` } };
}
