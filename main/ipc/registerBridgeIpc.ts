import { ipcMain } from 'electron';
import { COMMAND_NAMES, ipcChannel, type BridgeHandlers, type Result } from '../../shared/ipc/contract';
import { dispatchCommand } from '../../shared/ipc/dispatchCommand';
import { isTrustedSender } from './isTrustedSender';

/**
 * One `ipcMain.handle` per command of the contract, each going through dispatchCommand (the same
 * validation as the agent's WebSocket). Generic: nothing here names a command. Returns the undo.
 */
export function registerBridgeIpc(handlers: BridgeHandlers): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, request: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame?.url)) {
        return { ok: false, error: { code: 'invalid_request', message: `${name}: refused a call from ${event.senderFrame?.url ?? 'an unknown frame'}` } };
      }
      return dispatchCommand(handlers, name, request);
    });
  }
  return () => {
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}
