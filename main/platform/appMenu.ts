import { Menu, type MenuItemConstructorOptions } from 'electron';
import { SCREENS, type Screen } from '../../shared/ipc/screens';

export interface MenuActions {
  navigate(screen: Screen): void;
  addWatchFolder(): void;
  pauseAll(): void;
  resumeAll(): void;
}

const LABELS: Record<Screen, string> = { overview: 'Overview', queue: 'Queue', sources: 'Sources', jobs: 'Jobs', settings: 'Settings' };

/** The application menu: screens on Ctrl/Cmd+1..5, uploads on Ctrl/Cmd+Shift+P / R, and the platform's standard roles. */
export function installAppMenu(actions: MenuActions): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Watch a Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.addWatchFolder() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Uploads',
      submenu: [
        { label: 'Pause All', accelerator: 'CmdOrCtrl+Shift+P', click: () => actions.pauseAll() },
        { label: 'Resume All', accelerator: 'CmdOrCtrl+Shift+R', click: () => actions.resumeAll() },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...SCREENS.map((screen, i): MenuItemConstructorOptions => ({ label: LABELS[screen], accelerator: `CmdOrCtrl+${i + 1}`, click: () => actions.navigate(screen) })),
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
