import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native module, and Electron's ABI differs from Node's: one `npm ci` cannot
 * serve both. The Node build stays where npm put it (tests, the agent); `npm run build:native`
 * rebuilds a copy for Electron into out/native/electron/, which electron-builder ships under
 * resources/native/. The journal and the engine open SQLite with this file as `nativeBinding`.
 */
export function electronNativeBinding(): string | undefined {
  const candidates = [
    // Packaged: electron-builder's extraResources.
    join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    // From a checkout: `npm run build:native` output beside the bundles.
    join(import.meta.dirname, '..', 'native', 'electron', 'better_sqlite3.node'),
  ];
  return candidates.find((file) => existsSync(file));
}
