import type { FastifyInstance } from 'fastify';
import { parseBody } from '../http/parseInput';
import { caller } from '../http/requestContext';
import { submitRecordingFolder } from './folder/submitRecordingFolder';
import type { IndexingDeps } from './IndexingDeps';
import { indexRecordingSchema, indexRosbagSchema, registerRosbagSessionSchema } from './indexingRequestSchemas';
import { submitRecordingIndexing } from './submitRecordingIndexing';
import { submitRosbagSession } from './submitRosbagSession';

/** `/v1/indexing/...` (wire protocol §1.7); every route queues a job and answers its id. */
export function registerIndexingRoutes(app: FastifyInstance, deps: IndexingDeps): void {
  app.post('/v1/indexing/index_rosbag', async (request) =>
    submitRecordingIndexing(deps, caller(request, 'write'), 'index_rosbag', parseBody(indexRosbagSchema, request.body)));

  app.post('/v1/indexing/index_rosbag2', async (request) =>
    submitRecordingIndexing(deps, caller(request, 'write'), 'index_rosbag2', parseBody(indexRosbagSchema, request.body)));

  app.post('/v1/indexing/register_rosbag_session', async (request) =>
    submitRosbagSession(deps, caller(request, 'write'), parseBody(registerRosbagSessionSchema, request.body)));

  app.post('/v1/indexing/index_recording', async (request) =>
    submitRecordingFolder(deps, caller(request, 'write'), parseBody(indexRecordingSchema, request.body)));
}
