import { useEffect, useState } from 'react';
import { useBridge } from './BridgeContext';
import type { ConnectionStatus } from './WsBridgeConnection';

export function useConnectionStatus(): ConnectionStatus {
  const bridge = useBridge();
  const [status, setStatus] = useState(bridge.connectionStatus());
  useEffect(() => {
    const off = bridge.onConnectionStatus(setStatus);
    // The socket may have opened between the first render and this effect.
    setStatus(bridge.connectionStatus());
    return off;
  }, [bridge]);
  return status;
}
