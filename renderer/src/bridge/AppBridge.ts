import type { BridgeApi } from '../../../shared/ipc/contract';
import type { Screen } from '../../../shared/ipc/screens';
import type { ConnectionStatus } from './WsBridgeConnection';

/** What a drop resolved to: local paths to pass to dropPaths, and what could not be taken. */
export interface ResolvedDrop {
  paths: string[];
  problems: string[];
}

/**
 * What a drop (or a file picker) gave, taken while its DataTransfer is still readable (it empties
 * after the event). Electron reads paths from the files; a browser walks the entries, and uses a
 * file's own relative path where there is no entry (file pickers, synthetic drops).
 */
export interface CollectedDrop {
  items: Array<{ file: File | null; entry: FileSystemEntry | null }>;
}

export interface DropProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/**
 * Everything a screen may use to reach the services: the contract's API (validated), plus what
 * differs between the Electron window and a browser on the agent.
 */
export interface AppBridge {
  api: BridgeApi;
  mode: 'desktop' | 'agent';
  /** Where the page reads an item's local bytes (range requests supported). */
  mediaUrl(itemId: number): string;
  /** Turns dropped files and folders into local paths (Electron knows them; the agent stages the bytes). */
  resolveDrop(drop: CollectedDrop, onProgress?: (progress: DropProgress) => void): Promise<ResolvedDrop>;
  connectionStatus(): ConnectionStatus;
  onConnectionStatus(listener: (status: ConnectionStatus) => void): () => void;
  onNavigate(handler: (screen: Screen) => void): () => void;
}
