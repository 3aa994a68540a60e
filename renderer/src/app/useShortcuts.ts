import { useEffect } from 'react';
import { SCREENS, type Screen } from '../../../shared/ipc/screens';
import { useBridge } from '../bridge/BridgeContext';

/**
 * Ctrl/Cmd+1..5 switch screens. In Electron the application menu owns these accelerators and sends
 * the screen through the bridge; in a browser the page listens itself.
 */
export function useShortcuts(navigate: (screen: Screen) => void): void {
  const bridge = useBridge();
  useEffect(() => bridge.onNavigate(navigate), [bridge, navigate]);
  useEffect(() => {
    if (bridge.mode === 'desktop') return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const screen = SCREENS[Number(event.key) - 1];
      if (!screen) return;
      event.preventDefault();
      navigate(screen);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bridge, navigate]);
}
