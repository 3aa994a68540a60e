import { useCallback, useEffect, useState } from 'react';
import type { Screen } from '../../../shared/ipc/screens';
import { useConnectionStatus } from '../bridge/useConnectionStatus';
import { JobsScreen } from '../features/jobs/JobsScreen';
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { QueueScreen } from '../features/queue/QueueScreen';
import { applyTheme } from '../features/settings/applyTheme';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { useSettings } from '../features/settings/useSettings';
import { SourcesScreen } from '../features/sources/SourcesScreen';
import { Nav } from './Nav';
import { useShortcuts } from './useShortcuts';

export function App() {
  const [screen, setScreen] = useState<Screen>('overview');
  const [selectedId, setSelectedId] = useState<number | undefined>(undefined);
  const connection = useConnectionStatus();
  const { settings } = useSettings();
  useEffect(() => applyTheme(settings?.theme ?? 'system'), [settings?.theme]);
  const navigate = useCallback((next: Screen) => setScreen(next), []);
  useShortcuts(navigate);
  return (
    <div className="app" data-connection={connection}>
      <Nav current={screen} onNavigate={navigate} />
      <main className="main">
        {connection === 'closed' && <p className="banner" role="status" data-testid="agent-offline">The agent is not reachable; reconnecting…</p>}
        {screen === 'overview' && <OverviewScreen />}
        {screen === 'queue' && <QueueScreen selectedId={selectedId} onSelect={setSelectedId} />}
        {screen === 'sources' && <SourcesScreen />}
        {screen === 'jobs' && <JobsScreen />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
    </div>
  );
}
