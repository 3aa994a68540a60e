import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options, apart so that a test can read them without an Electron binary. The
 * page is sandboxed, isolated and without Node; it reaches the services only through the preload's
 * named functions. Dropping a file must never navigate the window away from the app.
 */
export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'SceneDock',
    // Shown on ready-to-show, so the first thing a person sees is the painted app, not a blank frame.
    show: false,
    backgroundColor: '#15181c',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
