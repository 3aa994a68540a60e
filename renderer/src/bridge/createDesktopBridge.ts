import type { BridgeApi, DesktopExtras, EventName } from '../../../shared/ipc/contract';
import type { AppBridge } from './AppBridge';
import { validatedBridge } from './validatedBridge';

const MEDIA_SCHEME = 'scenedock-media';

/**
 * The bridge inside the Electron window: the preload's functions, re-checked here like any other
 * input. The IPC channel is up as long as the window exists, so the connection is always open.
 */
export function createDesktopBridge(preload: BridgeApi & DesktopExtras<File>): AppBridge {
  const api = validatedBridge(
    (name, request) => (preload[name] as (r: unknown) => ReturnType<BridgeApi[typeof name]>)(request),
    (event: EventName, handler) => preload.subscribe(event, handler),
  );
  return {
    api,
    mode: 'desktop',
    mediaUrl: (itemId) => `${MEDIA_SCHEME}://item/${itemId}`,
    resolveDrop: async (drop) => {
      const paths: string[] = [];
      const problems: string[] = [];
      for (const { file } of drop.items) {
        if (!file) continue;
        const path = preload.pathForFile(file);
        if (path) paths.push(path);
        else problems.push(`${file.name}: not a file on this computer (dragged from another app?)`);
      }
      return { paths, problems };
    },
    connectionStatus: () => 'open',
    onConnectionStatus: () => () => undefined,
    onNavigate: (handler) => preload.onNavigate(handler),
  };
}
