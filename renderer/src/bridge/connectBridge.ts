import type { AppBridge } from './AppBridge';
import { readAgentSecret } from './agentSecret';
import { createAgentBridge } from './createAgentBridge';
import { createDesktopBridge } from './createDesktopBridge';

/**
 * Chooses the transport at startup: the Electron preload when it is there, else the agent's
 * WebSocket (which needs the secret from the URL the agent printed). Throws with what to do when
 * neither is possible, and the entry shell shows it.
 */
export function connectBridge(): AppBridge {
  if (window.scenedock) return createDesktopBridge(window.scenedock);
  const secret = readAgentSecret();
  if (!secret) throw new Error('This page needs the address the agent printed (it ends in #secret=...). Open that address again.');
  return createAgentBridge(secret);
}
