import type { Database } from 'better-sqlite3';
import type { IdentityStore } from '../identity/IdentityStore';
import type { JobService } from '../jobs/JobService';
import type { MetaStore } from '../meta/MetaStore';
import type { ObjectStorage } from '../storage/ObjectStorage';
import type { AssetService } from './AssetService';

/** Everything a route may use; built once by the host and handed to every route module. */
export interface EngineServices {
  version: string;
  /** Overrides the URL the engine advertises (status, presigned URLs) when it sits behind a proxy. */
  publicUrl: string | undefined;
  /** The engine's SQLite file, for modules with tables of their own (added by numbered migrations). */
  db: Database;
  /** The engine's data directory (scratch space for jobs lives under it, in `tmp/`). */
  dataDir: string;
  identity: IdentityStore;
  meta: MetaStore;
  storage: ObjectStorage;
  jobs: JobService;
  assets: AssetService;
}
