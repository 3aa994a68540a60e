import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { ingestSettingsSchema, type IngestSettings } from '../../../shared/ingest/ingestSettings';
import { THEMES, type SettingsView } from '../../../shared/ipc/viewModels';

/** Where a secret (the remote engine's token) is kept: Electron's safeStorage, or a 0600 file for the agent. */
export interface SecretStore {
  load(): Promise<string | undefined>;
  save(secret: string): Promise<void>;
}

const storedSchema = z.object({
  engineMode: z.enum(['embedded', 'remote']).default('embedded'),
  engineUrl: z.string().nullable().default(null),
  theme: z.enum(THEMES).default('system'),
  upload: ingestSettingsSchema.partial().default({}),
});
type Stored = z.infer<typeof storedSchema>;

const KEY = 'app_settings';

/** The app's settings, kept in the journal's settings table (the token apart, in a SecretStore). */
export class SettingsStore {
  readonly #db: Database;
  readonly #secrets: SecretStore;

  public constructor(db: Database, secrets: SecretStore) {
    this.#db = db;
    this.#secrets = secrets;
  }

  public stored(): Stored {
    const row = this.#db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    // A settings row from a newer or broken version is ignored rather than trusted.
    const parsed = storedSchema.safeParse(row ? (JSON.parse(row.value) as unknown) : {});
    return parsed.success ? parsed.data : storedSchema.parse({});
  }

  public upload(): Partial<IngestSettings> {
    return this.stored().upload;
  }

  public async token(): Promise<string | undefined> {
    return this.#secrets.load();
  }

  public async update(patch: { engineMode?: Stored['engineMode']; engineUrl?: string | null; engineToken?: string; theme?: Stored['theme']; upload?: Partial<IngestSettings> }): Promise<Stored> {
    const current = this.stored();
    const next: Stored = {
      engineMode: patch.engineMode ?? current.engineMode,
      engineUrl: patch.engineUrl !== undefined ? patch.engineUrl : current.engineUrl,
      theme: patch.theme ?? current.theme,
      upload: { ...current.upload, ...patch.upload },
    };
    if (patch.engineToken !== undefined) await this.#secrets.save(patch.engineToken);
    this.#db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
    return next;
  }

  public async view(effective: IngestSettings): Promise<SettingsView> {
    const s = this.stored();
    return {
      engineMode: s.engineMode, engineUrl: s.engineUrl, hasToken: (await this.#secrets.load()) !== undefined,
      concurrency: effective.concurrency, partSize: effective.partSize, multipartThreshold: effective.multipartThreshold,
      bandwidthLimit: effective.bandwidthLimit, theme: s.theme,
    };
  }
}
