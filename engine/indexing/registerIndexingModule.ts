import type { EngineModule } from '../modules/engineModules';
import { EntityIngest } from '../sessions/EntityIngest';
import { SessionEntityStore } from '../sessions/SessionEntityStore';
import { SessionService } from '../sessions/SessionService';
import { SessionTimelineStore } from '../sessions/SessionTimelineStore';
import { RECORDING_FOLDER_JOB_KIND } from './folder/recordingFolderPayload';
import { runRecordingFolderJob } from './folder/runRecordingFolderJob';
import { INDEXING_JOB_KIND } from './indexingPayload';
import type { IndexingDeps } from './IndexingDeps';
import { registerIndexingRoutes } from './indexingRoutes';
import { runIndexingJob } from './runIndexingJob';

/**
 * Indexing: recordings (ROS 1 bags, rosbag2 folders with SQLite or MCAP storage, standalone MCAP
 * files, folders of videos and images) become sessions with assets and entities. Sessions are
 * written through the sessions module's own classes over the same tables (they hold no state of
 * their own besides prepared statements), so there is one entity store and one resolution.
 */
export const registerIndexingModule: EngineModule = (app, services) => {
  const entities = new SessionEntityStore(services.db);
  const sessions = new SessionService(services.meta, entities, new SessionTimelineStore(services.db));
  const deps: IndexingDeps = { services, sessions, entities, ingest: new EntityIngest(services.db, services.meta, entities, sessions) };
  services.jobs.register(INDEXING_JOB_KIND, { jobType: 'rosbag_indexing', resumable: true, run: (ctx) => runIndexingJob(ctx, deps) });
  services.jobs.register(RECORDING_FOLDER_JOB_KIND, { jobType: 'video_indexing', resumable: true, run: (ctx) => runRecordingFolderJob(ctx, deps) });
  registerIndexingRoutes(app, deps);
};
