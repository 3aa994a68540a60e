import { safeStorage } from 'electron';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from '../../shared/ingest/SecretStore';

/**
 * The remote engine token, encrypted with the OS key store (Keychain, DPAPI, libsecret/kwallet)
 * through Electron's safeStorage, in a file of the app's user-data folder. Where Linux has no key
 * store safeStorage falls back to a hard-coded key ('basic_text'): still written, but `encrypted()`
 * says false so the Settings screen can tell the person.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly #file: string;

  public constructor(file: string) {
    this.#file = file;
  }

  public encrypted(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  }

  public async read(): Promise<string | undefined> {
    const bytes = await readFile(this.#file).catch(() => undefined);
    if (!bytes || bytes.length === 0) return undefined;
    return safeStorage.decryptString(bytes);
  }

  public async write(secret: string | undefined): Promise<void> {
    if (secret === undefined) {
      await rm(this.#file, { force: true });
      return;
    }
    if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS key store is not available: the token cannot be stored');
    await mkdir(dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.tmp`;
    await writeFile(temp, safeStorage.encryptString(secret), { mode: 0o600 });
    await rename(temp, this.#file);
  }
}
