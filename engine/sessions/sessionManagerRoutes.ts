import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ACK_OK_RESPONSE } from '../../shared/scenebox/constants';
import { searchQuerySchema } from '../../shared/search/searchQuery';
import { badRequest } from '../http/HttpError';
import { parseBody, queryBool, queryString, type Query } from '../http/parseInput';
import { caller } from '../http/requestContext';
import type { Identity } from '../identity/IdentityStore';
import type { EntityIngest } from './EntityIngest';
import type { SessionJobs } from './SessionJobs';
import type { SessionQueries } from './SessionQueries';
import {
  addEntitiesSchema, addEntitySchema, deleteEventsSchema, entitySummarySchema, eventWithSearchSchema, fieldDataSchema, resolutionSchema,
} from './sessionSchemas';
import type { SessionService } from './SessionService';
import { isoToMicros } from './timeIndex';

const SM = '/v1/session_manager';
type UidParams = { Params: { uid: string } };

export interface SessionManagerParts {
  sessions: SessionService;
  ingest: EntityIngest;
  queries: SessionQueries;
  jobs: SessionJobs;
}

/** `/v1/session_manager/...`: entities, resolution, timeline reads, deletions (wire protocol §1.5). */
export function registerSessionManagerRoutes(app: FastifyInstance, { sessions, ingest, queries, jobs }: SessionManagerParts): void {
  /** Stores a batch; with urgent=True each session it touched is resolved right away (as a job). */
  const addEntities = (request: FastifyRequest, me: Identity, dicts: readonly unknown[], what: string) => {
    const uids = ingest.ingest(me.organization_id, dicts, what);
    if (queryBool(request.query as Query, 'urgent', false)) {
      for (const uid of uids) jobs.submitResolution(me.organization_id, uid, undefined, me.username);
    }
    return ACK_OK_RESPONSE;
  };

  app.post(`${SM}/add_entities`, async (request) => {
    const me = caller(request, 'write');
    return addEntities(request, me, parseBody(addEntitiesSchema, request.body).entity_dicts, 'entity_dicts');
  });

  app.post(`${SM}/add_entity`, async (request) => {
    const me = caller(request, 'write');
    return addEntities(request, me, [parseBody(addEntitySchema, request.body).entity_dict], 'entity_dict');
  });

  app.post<UidParams>(`${SM}/resolve_session/:uid`, async (request) => {
    const me = caller(request, 'write');
    const doc = sessions.doc(me.organization_id, request.params.uid);
    const uid = String(doc.id);
    const raw = queryString(request.query as Query, 'resolution');
    let resolution: number | undefined;
    if (raw !== undefined && raw !== '' && raw !== 'None') {
      const parsed = resolutionSchema.safeParse(Number(raw));
      if (!parsed.success) throw badRequest(`query parameter resolution must be a number of seconds from 0.000001 to 86400, not ${JSON.stringify(raw)}`);
      resolution = parsed.data;
      // Refuse now, not in the job, a resolution too fine for the session's span.
      sessions.frame(me.organization_id, uid, doc, resolution);
    }
    return { job_id: jobs.submitResolution(me.organization_id, uid, resolution, me.username) };
  });

  app.get<UidParams>(`${SM}/resolution_status/:uid`, async (request) => {
    const me = caller(request, 'read');
    const doc = sessions.doc(me.organization_id, request.params.uid);
    return { status: doc.status ?? 'ready', job_id: doc.resolution_job_id ?? null, resolved_at: doc.resolved_at ?? null };
  });

  app.post(`${SM}/search`, async (request) => {
    const me = caller(request, 'read');
    return queries.search(me.organization_id, parseBody(searchQuerySchema, request.body, 'search'));
  });

  app.post<UidParams>(`${SM}/field_data/:uid`, async (request) => {
    const me = caller(request, 'read');
    const body = parseBody(fieldDataSchema, request.body);
    const fields = !body.session_fields || body.session_fields === 'all' ? ['*'] : body.session_fields;
    return queries.fieldData(me.organization_id, request.params.uid, body.search_dic ?? {}, fields);
  });

  app.post<UidParams>(`${SM}/entity_summary/:uid`, async (request) => {
    const me = caller(request, 'read');
    const body = parseBody(entitySummarySchema, request.body);
    return queries.entitySummary(me.organization_id, request.params.uid, body.entity_names ?? undefined, body.start_time, body.end_time);
  });

  app.delete<UidParams>(`${SM}/delete_session/:uid`, async (request) => {
    const me = caller(request, 'write');
    const uid = String(sessions.doc(me.organization_id, request.params.uid).id);
    const withAssets = queryBool(request.query as Query, 'delete_assets_contents', true);
    return { job_id: jobs.submitDeletion(me.organization_id, uid, withAssets, me.username) };
  });

  app.delete(`${SM}/delete_event`, async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(deleteEventsSchema, request.body);
    for (const [name, value] of [['start_time', body.start_time], ['end_time', body.end_time]] as const) {
      if (value && isoToMicros(value) === undefined) throw badRequest(`${name}: not an ISO-8601 time: ${JSON.stringify(value)}`);
    }
    const uids = body.session_uids.map((u) => String(sessions.doc(me.organization_id, u).id));
    return { job_id: jobs.submitEventDeletion(me.organization_id, { ...body, session_uids: uids }, me.username) };
  });

  app.post(`${SM}/add_event_with_search`, async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(eventWithSearchSchema, request.body);
    return { job_id: jobs.submitEventWithSearch(me.organization_id, body.search, body.event_title, me.username) };
  });
}
