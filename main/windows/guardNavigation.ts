import type { WebContents } from 'electron';

/**
 * The window shows the app and nothing else: navigation away from the app's origin is cancelled,
 * new windows are refused, and <webview> cannot attach (Electron security checklist, items 13-15).
 */
export function guardNavigation(contents: WebContents, appOrigin: string): void {
  const stayInApp = (event: { preventDefault(): void }, url: string): void => {
    if (!url.startsWith(`${appOrigin}/`)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
