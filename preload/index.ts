// The bridge and nothing else. Sandboxed preloads can require only `electron` (and a few Node
// shims), so this file is bundled into one CommonJS file by esbuild. It exposes named functions
// built from the contract — never ipcRenderer itself — and listens only on `scenedock:` channels.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { bridgeCommands } from '../shared/ipc/bridgeCommands';
import {
  EVENT_NAMES, ipcChannel, NAVIGATE_CHANNEL, type BridgeApi, type DesktopExtras, type EventName, type EventPayload, type Result,
} from '../shared/ipc/contract';
import { isScreen, type Screen } from '../shared/ipc/screens';

const commands = bridgeCommands((name, request) => ipcRenderer.invoke(ipcChannel(name), request) as Promise<Result<unknown>>);

const api = {
  ...commands,
  subscribe<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
    if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`);
    const channel = ipcChannel(event);
    // The renderer validates payloads against the contract; here they are only passed along.
    const listener = (_event: IpcRendererEvent, payload: EventPayload<E>): void => handler(payload);
    ipcRenderer.on(channel, listener);
    return () => {
      ipcRenderer.removeListener(channel, listener);
    };
  },
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
  onNavigate(handler: (screen: Screen) => void): () => void {
    const listener = (_event: IpcRendererEvent, screen: unknown): void => {
      if (isScreen(screen)) handler(screen);
    };
    ipcRenderer.on(NAVIGATE_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(NAVIGATE_CHANNEL, listener);
    };
  },
} satisfies BridgeApi & DesktopExtras<File>;

contextBridge.exposeInMainWorld('scenedock', api);
