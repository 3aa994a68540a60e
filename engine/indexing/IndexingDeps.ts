import type { EngineServices } from '../services/EngineServices';
import type { EntityIngest } from '../sessions/EntityIngest';
import type { SessionEntityStore } from '../sessions/SessionEntityStore';
import type { SessionService } from '../sessions/SessionService';

/** The engine's core services and the sessions module's own, which indexing writes through. */
export interface IndexingDeps {
  services: EngineServices;
  sessions: SessionService;
  entities: SessionEntityStore;
  ingest: EntityIngest;
}
