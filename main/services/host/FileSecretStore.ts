import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SecretStore } from './SettingsStore';

/**
 * A secret in a file only its owner may read (mode 0600): the headless agent's way to keep the
 * remote engine's token. The desktop app uses Electron's safeStorage instead.
 */
export class FileSecretStore implements SecretStore {
  readonly #path: string;

  public constructor(path: string) {
    this.#path = path;
  }

  public async load(): Promise<string | undefined> {
    if (!existsSync(this.#path)) return undefined;
    const value = readFileSync(this.#path, 'utf8').trim();
    return value === '' ? undefined : value;
  }

  public async save(secret: string): Promise<void> {
    writeFileSync(this.#path, `${secret}\n`, { mode: 0o600 });
    chmodSync(this.#path, 0o600);
  }
}
