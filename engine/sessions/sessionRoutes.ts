import type { FastifyInstance } from 'fastify';
import { assetIdOf, parseBody } from '../http/parseInput';
import { caller } from '../http/requestContext';
import type { SessionJobs } from './SessionJobs';
import {
  addSessionSchema, auxiliaryDataSchema, commentsSchema, enrichmentsConfigsSchema, sliceSchema, sourceDataSchema, timeSpanSchema,
} from './sessionSchemas';
import type { SessionService } from './SessionService';
import { isoToMicros } from './timeIndex';
import { badRequest } from '../http/HttpError';

type UidParams = { Params: { uid: string } };

/** `/v1/sessions/...`: session documents (wire protocol §1.5). */
export function registerSessionRoutes(app: FastifyInstance, sessions: SessionService, jobs: SessionJobs): void {
  app.post('/v1/sessions/add', async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(addSessionSchema, request.body);
    const uid = sessions.add(me.organization_id, {
      session_name: body.session_name,
      session_type: body.session_type ?? 'generic',
      session_aux_metadata: body.session_aux_metadata ?? {},
      status: body.status ?? 'ready',
      set_id: body.set_id,
      resolution: body.resolution,
    });
    return { session_uid: uid };
  });

  app.post<UidParams>('/v1/sessions/:uid/slice', async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(sliceSchema, request.body);
    return { session_uid: sessions.slice(me.organization_id, request.params.uid, body.start_time, body.end_time, body.session_name ?? undefined) };
  });

  app.post('/v1/sessions/update_time_span', async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(timeSpanSchema, request.body);
    return sessions.updateTimeSpan(me.organization_id, body.session_uid, body.session_start_time, body.session_end_time);
  });

  app.post('/v1/sessions/add_source_data', async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(sourceDataSchema, request.body);
    const lists = { source_data: body.source_data, ...(body.sensors ? { sensors: body.sensors } : {}) };
    return sessions.updateLists(me.organization_id, body.session_uid, lists, body.replace ?? true);
  });

  // The old client's route; the new one writes `auxiliary_data` through the asset manager.
  app.post('/v1/sessions/add_auxiliary_data', async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(auxiliaryDataSchema, request.body);
    return sessions.updateLists(me.organization_id, body.session_uid, { auxiliary_data: body.auxiliary_data }, body.replace ?? true);
  });

  app.post('/v1/sessions/add_enrichments_configs', async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(enrichmentsConfigsSchema, request.body);
    return sessions.updateLists(me.organization_id, body.session_uid, { enrichments_configs: body.enrichments_configs }, body.replace ?? true);
  });

  // Comments become entities named `comment` over each interval (checked here, written by the job).
  app.post<UidParams>('/v1/sessions/:uid/comments', async (request) => {
    const me = caller(request, 'write');
    const uid = String(sessions.doc(me.organization_id, assetIdOf(request.params.uid, 'session_uid')).id);
    const body = parseBody(commentsSchema, request.body);
    body.intervals.forEach((iv, i) => {
      const start = isoToMicros(iv.start_time);
      const end = isoToMicros(iv.end_time);
      if (start === undefined || end === undefined) throw badRequest(`intervals.${i}: start_time and end_time must be ISO-8601 times`);
      if (end < start) throw badRequest(`intervals.${i}: end_time is before start_time`);
    });
    return { job_id: jobs.submitComments(me.organization_id, { session_uid: uid, user: me.username, texts: body.texts, intervals: body.intervals }, me.username) };
  });
}
