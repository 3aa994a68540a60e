import { safeStorage } from 'electron';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from '../services/host/SettingsStore';

/**
 * The remote engine token, encrypted with the OS key store (Keychain, DPAPI, libsecret/kwallet)
 * through Electron's safeStorage, in a file of the app's user-data folder (0600). Where Linux has
 * no key store, safeStorage falls back to a fixed key ('basic_text'); the token is then refused
 * rather than stored as if it were protected.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly #file: string;

  public constructor(file: string) {
    this.#file = file;
  }

  public async load(): Promise<string | undefined> {
    const bytes = await readFile(this.#file).catch(() => undefined);
    if (!bytes || bytes.length === 0) return undefined;
    return safeStorage.decryptString(bytes);
  }

  public async save(secret: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable() || (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')) {
      throw new Error('no OS key store is available (on Linux: a running secret service such as gnome-keyring or kwallet): the engine token is not stored');
    }
    await mkdir(dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.tmp`;
    await writeFile(temp, safeStorage.encryptString(secret), { mode: 0o600 });
    await rename(temp, this.#file);
  }
}
