import type { BridgeApi, DesktopExtras } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a browser talking to the agent. */
    scenedock?: BridgeApi & DesktopExtras<File>;
  }
}
