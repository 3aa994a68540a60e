import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from '../../shared/ingest/SecretStore';

/**
 * The headless agent's token store: a file in its state folder, readable by its user only (0600).
 * A server has no OS key store to unlock without a person, so this is what a service account gets;
 * `encrypted()` says so honestly. The desktop app uses SafeStorageSecretStore instead.
 */
export class FileSecretStore implements SecretStore {
  readonly #file: string;

  public constructor(file: string) {
    this.#file = file;
  }

  public encrypted(): boolean {
    return false;
  }

  public async read(): Promise<string | undefined> {
    const text = await readFile(this.#file, 'utf8').catch(() => undefined);
    const secret = text?.trim();
    return secret ? secret : undefined;
  }

  public async write(secret: string | undefined): Promise<void> {
    if (secret === undefined) {
      await rm(this.#file, { force: true });
      return;
    }
    await mkdir(dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.tmp`;
    await writeFile(temp, `${secret}\n`, { mode: 0o600 });
    // mode applies only when the file is created; a leftover temp file keeps its old mode otherwise.
    await chmod(temp, 0o600);
    await rename(temp, this.#file);
  }
}
