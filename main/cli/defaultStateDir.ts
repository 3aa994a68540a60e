import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where SceneDock keeps its journal and embedded engine unless told otherwise. */
export function defaultStateDir(): string {
  return process.env.SCENEDOCK_STATE_DIR ?? join(homedir(), '.scenedock');
}
