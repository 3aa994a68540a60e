import { createContext, useContext } from 'react';
import type { AppBridge } from './AppBridge';

export const BridgeContext = createContext<AppBridge | undefined>(undefined);

/** The bridge chosen at startup; screens reach the services only through it. */
export function useBridge(): AppBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside <BridgeContext.Provider>');
  return bridge;
}
