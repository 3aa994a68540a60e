import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import { useBridge } from './BridgeContext';

/** Calls `handler` for every `event` while the component is mounted (the latest handler, without resubscribing). */
export function useBridgeEvent<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): void {
  const { api } = useBridge();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => api.subscribe(event, (payload) => latest.current(payload)), [api, event]);
}
