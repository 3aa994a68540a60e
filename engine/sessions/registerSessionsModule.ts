import type { EngineModule } from '../modules/engineModules';
import { EntityIngest } from './EntityIngest';
import { SessionEntityStore } from './SessionEntityStore';
import { SessionJobs } from './SessionJobs';
import { registerSessionManagerRoutes } from './sessionManagerRoutes';
import { SessionQueries } from './SessionQueries';
import { registerSessionRoutes } from './sessionRoutes';
import { SessionService } from './SessionService';
import { SessionTimelineStore } from './SessionTimelineStore';

/**
 * Sessions: documents (assets of type `sessions`), their entities and their resolved timelines
 * (tables of migration 0002), the `/v1/sessions/` and `/v1/session_manager/` routes, and the
 * session job kinds.
 */
export const registerSessionsModule: EngineModule = (app, services) => {
  const entities = new SessionEntityStore(services.db);
  const timelines = new SessionTimelineStore(services.db);
  const sessions = new SessionService(services.meta, entities, timelines);
  const ingest = new EntityIngest(services.db, services.meta, entities, sessions);
  const queries = new SessionQueries(sessions, entities, timelines);
  const jobs = new SessionJobs(services.jobs, services.meta, sessions, entities, ingest, queries);
  registerSessionRoutes(app, sessions, jobs);
  registerSessionManagerRoutes(app, { sessions, ingest, queries, jobs });
};
