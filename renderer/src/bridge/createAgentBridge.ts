import type { EventName } from '../../../shared/ipc/contract';
import { BRIDGE_PATH } from '../../../shared/ipc/wsMessages';
import type { AppBridge } from './AppBridge';
import { stageFiles } from './stageFiles';
import { validatedBridge } from './validatedBridge';
import { walkEntries } from './walkEntries';
import { WsBridgeConnection, type SocketFactory } from './WsBridgeConnection';

/** The bridge of a browser tab on the agent: the contract over a WebSocket, media and drops over HTTP. */
export function createAgentBridge(secret: string, origin: string = window.location.origin, createSocket?: SocketFactory): AppBridge {
  const wsUrl = `${origin.replace(/^http/, 'ws')}${BRIDGE_PATH}`;
  const connection = new WsBridgeConnection(wsUrl, secret, createSocket);
  const api = validatedBridge(
    (name, request) => connection.call(name, request),
    (event: EventName, handler) => connection.onEvent(event, handler),
  );
  return {
    api,
    mode: 'agent',
    mediaUrl: (itemId) => `${origin}/media/${itemId}?s=${encodeURIComponent(secret)}`,
    resolveDrop: async (drop, onProgress) => {
      const entries = drop.items.flatMap(({ entry }) => (entry ? [entry] : []));
      const loose = drop.items.flatMap(({ file, entry }) => (!entry && file ? [{ file, relativePath: file.webkitRelativePath || file.name }] : []));
      const files = [...(await walkEntries(entries)), ...loose];
      if (files.length === 0) return { paths: [], problems: ['nothing to stage: the drop held no files'] };
      const { roots, problems } = await stageFiles(origin, files, secret, onProgress);
      return { paths: roots, problems };
    },
    connectionStatus: () => connection.status(),
    onConnectionStatus: (listener) => connection.onStatus(listener),
    // Navigation comes from the desktop menu only; in a browser the page's own shortcuts do it.
    onNavigate: () => () => undefined,
  };
}
