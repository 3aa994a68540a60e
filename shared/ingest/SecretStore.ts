/**
 * Where the remote engine token lives. The services read and write it through this port only: the
 * desktop app backs it with Electron's safeStorage (the OS key store), the headless agent with a
 * file readable by its user. The token never crosses to the UI (settings say only `hasToken`).
 */
export interface SecretStore {
  read(): Promise<string | undefined>;
  /** Undefined clears the stored secret. */
  write(secret: string | undefined): Promise<void>;
  /** Whether the store encrypts at rest (false where the platform offers no key store). */
  encrypted(): boolean;
}
