import type { EngineModule } from '../modules/engineModules';
import { registerMembershipJobs } from './registerMembershipJobs';
import { registerSetRoutes } from './registerSetRoutes';
import { registerSplitJob } from './registerSplitJob';
import { registerZipJob } from './registerZipJob';
import { SetService } from './SetService';
import { SetStore } from './SetStore';

/**
 * Sets and zips: sets are assets of type `sets`, membership is the `sets` list of each member
 * asset (which the Python client filters on), and every long change is a job.
 */
export const registerSetsModule: EngineModule = (app, { meta, jobs, storage }) => {
  const store = new SetStore(meta, jobs);
  registerMembershipJobs(jobs, meta, store);
  registerSplitJob(jobs, meta, store);
  registerZipJob(jobs, meta, storage, store);
  registerSetRoutes(app, new SetService(store, meta, jobs));
};
