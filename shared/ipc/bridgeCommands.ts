import { COMMAND_NAMES, type BridgeApi, type CommandName, type Result } from './contract';

/** Sends one command over a transport and returns its result as data. */
export type CommandCaller = (name: CommandName, request: unknown) => Promise<Result<unknown>>;

/** The command half of BridgeApi: one named function per command. */
export type BridgeCommands = Omit<BridgeApi, 'subscribe'>;

/**
 * Builds one named function per command from the contract, so that no transport lists commands by
 * hand and a command added to COMMANDS reaches the preload and the WebSocket bridge at once. The
 * cast is the one place where the mapped type meets Object.fromEntries; `caller` is typed per name
 * by the contract on both ends (dispatchCommand validates what arrives).
 */
export function bridgeCommands(caller: CommandCaller): BridgeCommands {
  return Object.fromEntries(COMMAND_NAMES.map((name) => [name, (request: unknown) => caller(name, request)])) as unknown as BridgeCommands;
}
