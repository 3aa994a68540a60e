import { useEffect, useState } from 'react';
import type { SourceView } from '../../../../shared/ipc/viewModels';
import { useBridge } from '../../bridge/BridgeContext';
import { useBridgeEvent } from '../../bridge/useBridgeEvent';
import { useAsync } from '../../components/useAsync';

export function useSources(): { sources: SourceView[] | undefined; error: string | undefined; reload(): void } {
  const { api } = useBridge();
  const loaded = useAsync(() => api.listSources({}), [api]);
  const [sources, setSources] = useState<SourceView[] | undefined>(undefined);
  useEffect(() => setSources(loaded.value), [loaded.value]);
  useBridgeEvent('sourcesChanged', setSources);
  return { sources, error: loaded.error, reload: loaded.reload };
}
