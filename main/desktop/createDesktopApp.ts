import { BrowserWindow, Notification, session } from 'electron';
import { DEFAULT_SOURCE_DEFAULTS } from '../../shared/ipc/defaultSourceDefaults';
import { NAVIGATE_CHANNEL, type BridgeHandlers } from '../../shared/ipc/contract';
import type { Screen } from '../../shared/ipc/screens';
import { forwardEvents } from '../ipc/forwardEvents';
import { registerBridgeIpc } from '../ipc/registerBridgeIpc';
import { installAppMenu } from '../platform/appMenu';
import { batchNotification } from '../platform/batchNotification';
import { BatchTracker } from '../platform/BatchTracker';
import { createTray } from '../platform/createTray';
import { pickFolderDialog } from '../platform/pickFolderDialog';
import { guardNavigation } from '../windows/guardNavigation';
import { mainWindowOptions } from '../windows/mainWindowOptions';
import { APP_ORIGIN, handleAppProtocols } from '../windows/registerAppProtocols';
import type { DesktopServices } from './DesktopServices';

export interface DesktopAppOptions {
  services: DesktopServices;
  rendererDir: string;
  preloadPath: string;
  iconPath?: string;
  quit(): void;
}

export interface DesktopApp {
  window: BrowserWindow;
  show(): void;
  dispose(): void;
}

/**
 * Wires the services into the Electron shell: protocols, IPC, the window, the tray, the taskbar
 * progress, batch notifications and the menu. Takes the services as a parameter, so this file
 * knows the contract only, never the ingest service's internals.
 */
export async function createDesktopApp(options: DesktopAppOptions): Promise<DesktopApp> {
  const { services } = options;
  handleAppProtocols({ rendererDir: options.rendererDir, resolveMediaPath: (id) => services.resolveMediaPath(id) });
  // The page asks for nothing (camera, geolocation, notifications...): main notifies on its behalf.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow(mainWindowOptions(options.preloadPath, options.iconPath));
  guardNavigation(window.webContents, APP_ORIGIN);
  const show = (): void => {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  window.once('ready-to-show', show);

  // The only command that needs a screen: the agent answers null, the desktop opens a dialog.
  const handlers: BridgeHandlers = { ...services.handlers, pickFolder: async () => ({ path: await pickFolderDialog(window) }) };
  const unregister = registerBridgeIpc(handlers);
  const send = (channel: string, payload: unknown): void => {
    if (!window.isDestroyed()) window.webContents.send(channel, payload);
  };
  const unforward = forwardEvents(services.events, send);
  const navigate = (screen: Screen): void => {
    show();
    send(NAVIGATE_CHANNEL, screen);
  };

  const tray = createTray({
    show, quit: () => options.quit(),
    pauseAll: () => void handlers.pauseAll({}),
    resumeAll: () => void handlers.resumeAll({}),
  });
  const batches = new BatchTracker();
  const offOverview = services.events.on('overview', (overview) => {
    const outcome = batches.update(overview);
    tray.update(overview, batches.lastOutcome());
    const progress = batches.progress(overview);
    if (!window.isDestroyed()) {
      window.setProgressBar(progress ?? -1, { mode: overview.paused ? 'paused' : overview.engine.online ? 'normal' : 'error' });
    }
    if (outcome && Notification.isSupported()) {
      const note = new Notification({ ...batchNotification(outcome), silent: outcome.kind === 'finished' });
      note.on('click', () => navigate(outcome.kind === 'failed' ? 'queue' : 'overview'));
      note.show();
    }
  });

  installAppMenu({
    navigate,
    pauseAll: () => void handlers.pauseAll({}),
    resumeAll: () => void handlers.resumeAll({}),
    addWatchFolder: () => void pickFolderDialog(window).then(async (path) => {
      if (path) await handlers.addWatchFolder({ path, defaults: DEFAULT_SOURCE_DEFAULTS });
      navigate('sources');
    }),
  });

  await window.loadURL(`${APP_ORIGIN}/index.html`);
  return {
    window,
    show,
    dispose: () => {
      offOverview();
      unforward();
      unregister();
      tray.destroy();
    },
  };
}
