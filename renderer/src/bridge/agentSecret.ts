const STORAGE_KEY = 'scenedock.agentSecret';

/**
 * The agent prints `http://127.0.0.1:PORT/#secret=...`. The secret is read once from the fragment,
 * kept in sessionStorage (per tab and per origin, so per agent port) so that a reload still works,
 * and the fragment is then removed so it does not linger in history, bookmarks or screenshots.
 */
export function readAgentSecret(): string | undefined {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('secret');
  if (fromHash) {
    sessionStorage.setItem(STORAGE_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
}
