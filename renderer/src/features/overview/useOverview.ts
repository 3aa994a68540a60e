import { useState } from 'react';
import type { Overview } from '../../../../shared/ipc/viewModels';
import { useBridge } from '../../bridge/BridgeContext';
import { useBridgeEvent } from '../../bridge/useBridgeEvent';
import { useAsync } from '../../components/useAsync';
import { useConnectionStatus } from '../../bridge/useConnectionStatus';

/** The overview, read once and then kept current by `overview` events (re-read after a reconnect). */
export function useOverview(): { overview: Overview | undefined; error: string | undefined } {
  const { api } = useBridge();
  const connection = useConnectionStatus();
  const loaded = useAsync(() => api.getOverview({}), [api, connection === 'open']);
  const [pushed, setPushed] = useState<Overview | undefined>(undefined);
  useBridgeEvent('overview', setPushed);
  return { overview: pushed ?? loaded.value, error: loaded.error };
}
