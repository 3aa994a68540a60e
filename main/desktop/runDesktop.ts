import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { guardNavigation } from '../windows/guardNavigation';
import { APP_ORIGIN, registerPrivilegedSchemes } from '../windows/registerAppProtocols';
import { createDesktopApp, type DesktopApp } from './createDesktopApp';
import type { DesktopServices } from './DesktopServices';
import { electronNativeBinding } from './electronNativeBinding';
import { SafeStorageSecretStore } from '../platform/SafeStorageSecretStore';
import type { SecretStore } from '../services/host/SettingsStore';

/** What the services need from the desktop: where to keep state, how to load SQLite, where the token lives. */
export interface DesktopServiceContext {
  userDataDir: string;
  /** better-sqlite3 built for Electron's ABI, when the packaging step made one (undefined: the default build). */
  nativeBinding: string | undefined;
  secretStore: SecretStore;
}

/**
 * The desktop app's lifecycle: one instance, privileged schemes before ready, guards on every web
 * contents, the services started after ready and closed before quitting. The bundle lives in
 * out/main/, beside out/preload/ and out/renderer/.
 */
export async function runDesktop(startServices: (context: DesktopServiceContext) => Promise<DesktopServices>): Promise<void> {
  registerPrivilegedSchemes();
  // Windows shows toast notifications only for an app with an AppUserModelID (the installer's appId).
  if (process.platform === 'win32') app.setAppUserModelId('org.scenedock.desktop');
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const state: { desktop?: DesktopApp; services?: DesktopServices; quitting: boolean } = { quitting: false };
  app.on('second-instance', () => state.desktop?.show());
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, APP_ORIGIN));
  app.on('before-quit', (event) => {
    const { services } = state;
    if (state.quitting || !services) return;
    // Let the journal and the engine close cleanly: a half-written part resumes, but a clean stop is faster.
    event.preventDefault();
    state.quitting = true;
    state.desktop?.dispose();
    void services.close().finally(() => app.quit());
  });
  await app.whenReady();
  const userDataDir = app.getPath('userData');
  const services = await startServices({
    userDataDir,
    nativeBinding: electronNativeBinding(),
    secretStore: new SafeStorageSecretStore(join(userDataDir, 'engine-token.bin')),
  });
  state.services = services;
  const desktop = await createDesktopApp({
    services,
    rendererDir: join(import.meta.dirname, '..', 'renderer'),
    preloadPath: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
    iconPath: join(import.meta.dirname, '..', 'icon.png'),
    quit: () => app.quit(),
  });
  state.desktop = desktop;
  // Closing the window keeps uploads running in the tray; quitting is in the tray and app menus.
  desktop.window.on('close', (event) => {
    if (state.quitting) return;
    event.preventDefault();
    desktop.window.hide();
  });
  app.on('activate', () => (BrowserWindow.getAllWindows().length ? desktop.show() : undefined));
}
