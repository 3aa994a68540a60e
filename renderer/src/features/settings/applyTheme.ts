import type { SettingsView } from '../../../../shared/ipc/viewModels';

/**
 * Themes are CSS variables under `:root[data-theme=...]`; `system` sets no attribute, so the
 * stylesheet's prefers-color-scheme rules follow the OS (and its changes) with no script.
 */
export function applyTheme(theme: SettingsView['theme']): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
