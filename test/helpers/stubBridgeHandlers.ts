import { COMMAND_NAMES, type BridgeHandlers } from '../../shared/ipc/contract';
import { BridgeFailure } from '../../shared/ipc/dispatchCommand';

/**
 * A BridgeHandlers for transport tests only: every command answers `unavailable` unless the test
 * gives it a handler. Transports are generic over the contract, so a few real commands prove the
 * path; the ingest service's own tests cover what the handlers do.
 */
export function stubBridgeHandlers(overrides: Partial<BridgeHandlers>): BridgeHandlers {
  const unavailable = Object.fromEntries(COMMAND_NAMES.map((name) => [name, async () => {
    throw new BridgeFailure('unavailable', `${name} is not part of this test`);
  }]));
  return { ...unavailable, ...overrides } as BridgeHandlers;
}
