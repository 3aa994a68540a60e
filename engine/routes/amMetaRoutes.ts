import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ACK_OK_RESPONSE, type AssetType } from '../../shared/scenebox/constants';
import { aggregationRequestSchema, searchQuerySchema, summaryRequestSchema } from '../../shared/search/searchQuery';
import { badRequest } from '../http/HttpError';
import { assetTypeOf, parseBody, queryBool, queryString, searchPageOf, type Query } from '../http/parseInput';
import { caller } from '../http/requestContext';
import type { Permission } from '../../shared/scenebox/roles';
import type { Identity } from '../identity/IdentityStore';
import type { EngineServices } from '../services/EngineServices';
import { sendJsonText } from './searchReplies';

const AM = '/am/v1/assets';

const metaBatchSchema = z.object({ ids: z.array(z.union([z.string(), z.number()])), metadata: z.array(z.unknown()) });
const removeListSchema = z.object({ assets_list: z.array(z.string()) });
const updateByQuerySchema = z.object({
  update_field: z.string().min(1),
  update_value: z.unknown(),
  operation: z.enum(['add', 'remove']),
  limit: z.number().int().positive().nullish(),
  search: searchQuerySchema.nullish(),
});
const fieldStatisticsSchema = z.object({ field_dicts: z.array(z.looseObject({ field: z.string() })).nullish() }).loose();

type IdParams = { Params: { id: string } };

/** The caller and the asset type every asset-manager request names in its `asset_type` query parameter. */
function typed(request: FastifyRequest, permission: Permission): { me: Identity; type: AssetType; q: Query } {
  const q = request.query as Query;
  return { me: caller(request, permission), type: assetTypeOf(queryString(q, 'asset_type')), q };
}

/** Asset-manager metadata routes (wire protocol §1.9): writes, searches, aggregations, deletes. */
export function registerAmMetaRoutes(app: FastifyInstance, { meta, assets }: EngineServices): void {
  app.post(AM, async (request) => {
    const { me, type, q } = typed(request, 'read');
    return { results: meta.searchIds(assets.scope(me, type), parseBody(searchQuerySchema, request.body, 'search'), searchPageOf(q)) };
  });

  app.post(`${AM}/meta`, async (request, reply) => {
    const { me, type, q } = typed(request, 'read');
    const search = parseBody(searchQuerySchema, request.body, 'search');
    const json = meta.searchDocsJson(assets.scope(me, type), search, searchPageOf(q), search.source_selected_fields ?? undefined);
    return sendJsonText(reply, json, queryBool(q, 'compress', false));
  });

  app.post(`${AM}/count`, async (request) => {
    const { me, type } = typed(request, 'read');
    return meta.count(assets.scope(me, type), parseBody(searchQuerySchema, request.body, 'search'));
  });

  for (const kind of ['sum', 'average', 'cardinality'] as const) {
    app.post(`${AM}/${kind}`, async (request) => {
      const { me, type } = typed(request, 'read');
      return meta.aggregate(assets.scope(me, type), parseBody(aggregationRequestSchema, request.body), kind);
    });
  }

  app.post(`${AM}/meta/summary`, async (request) => {
    const { me, type } = typed(request, 'read');
    return meta.summary(assets.scope(me, type), parseBody(summaryRequestSchema, request.body, 'summary request'));
  });

  app.get(`${AM}/meta/search_fields`, async (request) => {
    const { me, type } = typed(request, 'read');
    return meta.fields(assets.scope(me, type));
  });

  app.post(`${AM}/field_statistics`, async (request) => {
    const { me, type } = typed(request, 'read');
    const wanted = parseBody(fieldStatisticsSchema, request.body).field_dicts?.map((f) => f.field);
    const stats = meta.fieldStatistics(assets.scope(me, type));
    return wanted ? Object.fromEntries(wanted.filter((f) => f in stats).map((f) => [f, stats[f]])) : stats;
  });

  // Elasticsearch needs fields declared before it can map them; the field index here takes any
  // field as it comes, so registering one only checks the request.
  app.post(`${AM}/register_field`, async (request) => {
    typed(request, 'write');
    parseBody(z.looseObject({}), request.body, 'field');
    return ACK_OK_RESPONSE;
  });

  app.get<IdParams>(`${AM}/meta/:id`, async (request) => {
    const { me, type } = typed(request, 'read');
    return assets.get(me, type, request.params.id);
  });

  app.put<IdParams>(`${AM}/meta/:id`, async (request) => {
    const { me, type, q } = typed(request, 'write');
    const [doc] = assets.write(me, type, [request.params.id], [request.body], {
      replace: queryBool(q, 'replace', true),
      replaceSets: queryBool(q, 'replace_sets', false),
    });
    return { ...ACK_OK_RESPONSE, id: doc?.id };
  });

  app.post(`${AM}/meta_batch`, async (request) => {
    const { me, type, q } = typed(request, 'write');
    const body = parseBody(metaBatchSchema, request.body);
    // Both spellings exist with opposite defaults in the client: `meta_batch/` ingests whole
    // documents, `meta_batch` updates; each call says what it wants in `replace`.
    const docs = assets.write(me, type, body.ids, body.metadata, {
      replace: queryBool(q, 'replace', true),
      replaceSets: queryBool(q, 'replace_sets', false),
    });
    return { ...ACK_OK_RESPONSE, ids: docs.map((d) => d.id) };
  });

  app.get<IdParams>(`${AM}/exists/:id`, async (request) => {
    const { me, type } = typed(request, 'read');
    try {
      assets.get(me, type, request.params.id);
      return true;
    } catch {
      return false;
    }
  });

  app.put<IdParams>(`${AM}/copy/:id`, async (request) => {
    const { me, type, q } = typed(request, 'write');
    const newId = queryString(q, 'new_id');
    if (!newId) throw badRequest('new_id is required');
    const doc = assets.copy(me, type, request.params.id, newId);
    return { ...ACK_OK_RESPONSE, id: doc.id };
  });

  app.delete<IdParams>(`${AM}/:id`, async (request) => {
    const { me, type } = typed(request, 'write');
    const id = String(assets.get(me, type, request.params.id).id);
    meta.delete(assets.scope(me, type), [id]);
    return { ...ACK_OK_RESPONSE, id };
  });

  app.post(`${AM}/remove_with_query`, async (request) => {
    const { me, type } = typed(request, 'write');
    return { job_id: assets.removeByQuery(me, type, parseBody(searchQuerySchema, request.body, 'search')) };
  });

  app.post(`${AM}/remove_with_list`, async (request) => {
    const { me, type } = typed(request, 'write');
    return { job_id: assets.removeByList(me, type, parseBody(removeListSchema, request.body).assets_list) };
  });

  app.post(`${AM}/remove_key_from_index`, async (request) => {
    const { me, type } = typed(request, 'write');
    return { job_id: assets.removeKey(me, type, parseBody(z.object({ key: z.string().min(1) }), request.body).key) };
  });

  app.post(`${AM}/update_by_query`, async (request) => {
    const { me, type } = typed(request, 'write');
    const body = parseBody(updateByQuerySchema, request.body);
    const jobId = assets.updateByQuery(me, type, {
      query: body.search ?? {}, field: body.update_field, value: body.update_value, operation: body.operation, limit: body.limit,
    });
    // SceneBox answers with Elasticsearch task ids; here the job id is the task id.
    return { task_ids: [jobId], job_id: jobId };
  });
}
