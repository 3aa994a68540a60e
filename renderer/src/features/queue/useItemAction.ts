import { useCallback } from 'react';
import { useBridge } from '../../bridge/BridgeContext';
import { useRunCommand } from '../../components/useRunCommand';
import type { ItemAction } from './itemActions';

export function useItemAction(): { act: (id: number, action: ItemAction) => void; busy: boolean; error: string | undefined } {
  const { api } = useBridge();
  const { run, busy, error } = useRunCommand();
  const act = useCallback((id: number, action: ItemAction) => {
    const request = { id };
    void run(() => {
      switch (action) {
        case 'retry': return api.retryItem(request);
        case 'pause': return api.pauseItem(request);
        case 'resume': return api.resumeItem(request);
        case 'cancel': return api.cancelItem(request);
      }
    });
  }, [api, run]);
  return { act, busy, error };
}
