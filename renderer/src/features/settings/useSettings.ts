import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../../shared/ipc/viewModels';
import { useBridge } from '../../bridge/BridgeContext';
import { useBridgeEvent } from '../../bridge/useBridgeEvent';
import { useAsync } from '../../components/useAsync';

export function useSettings(): { settings: SettingsView | undefined; error: string | undefined } {
  const { api } = useBridge();
  const loaded = useAsync(() => api.getSettings({}), [api]);
  const [settings, setSettings] = useState<SettingsView | undefined>(undefined);
  useEffect(() => setSettings(loaded.value), [loaded.value]);
  useBridgeEvent('settingsChanged', setSettings);
  return { settings, error: loaded.error };
}
