import { SCREENS, type Screen } from '../../../shared/ipc/screens';

const LABELS: Record<Screen, string> = { overview: 'Overview', queue: 'Queue', sources: 'Sources', jobs: 'Jobs', settings: 'Settings' };

export function Nav({ current, onNavigate }: { current: Screen; onNavigate: (screen: Screen) => void }) {
  return (
    <nav className="nav" aria-label="Screens">
      <h1 className="brand">SceneDock</h1>
      {SCREENS.map((screen, i) => (
        <button key={screen} type="button" className={`nav-item${screen === current ? ' current' : ''}`} aria-current={screen === current ? 'page' : undefined}
          title={`Ctrl+${i + 1}`} data-testid={`nav-${screen}`} onClick={() => onNavigate(screen)}>
          {LABELS[screen]}
        </button>
      ))}
    </nav>
  );
}
