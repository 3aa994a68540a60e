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
  identity: IdentityStore;
  meta: MetaStore;
  storage: ObjectStorage;
  jobs: JobService;
  assets: AssetService;
}
