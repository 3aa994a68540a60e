import type { BridgeEventSource, EventName, EventPayload } from './contract';

type Listener = (payload: never) => void;

/**
 * The services' side of the events: they `emit`, each transport `on`s and forwards. A listener
 * that throws must not stop the others (one closed window must not starve the rest).
 */
export class EventHub implements BridgeEventSource {
  readonly #listeners = new Map<EventName, Set<Listener>>();

  public on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    const stored = listener as Listener;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  public emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        (listener as (p: EventPayload<E>) => void)(payload);
      } catch {
        // A transport failing to deliver (a socket closing mid-send) is that transport's problem.
      }
    }
  }

  public listenerCount(event: EventName): number {
    return this.#listeners.get(event)?.size ?? 0;
  }
}
