import type { EventEmitter } from 'node:events';
import type { BridgeEventSource, EventName, EventPayload } from '../../shared/ipc/contract';

/** A Node EventEmitter typed with the contract's events, as the ingest host is. */
export type ContractEmitter = EventEmitter<{ [E in EventName]: [EventPayload<E>] }>;

type Listener = (...args: unknown[]) => void;

/** Adapts an emitter to the transports' event source, whose `on` hands back its own undo. */
export function emitterEventSource(emitter: ContractEmitter): BridgeEventSource {
  // Node's typed EventEmitter maps listeners through a conditional type that a generic `E` cannot
  // satisfy; the contract guarantees the payload type, so the untyped view is safe here.
  const plain = emitter as unknown as { on(event: string, listener: Listener): unknown; off(event: string, listener: Listener): unknown };
  return {
    on: (event, listener) => {
      const wrapped = listener as Listener;
      plain.on(event, wrapped);
      return () => {
        plain.off(event, wrapped);
      };
    },
  };
}
