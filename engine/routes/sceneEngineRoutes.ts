import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { searchQuerySchema, summaryRequestSchema } from '../../shared/search/searchQuery';
import { assetIdOf, assetTypeOf, parseBody, queryBool, searchPageOf, type Query } from '../http/parseInput';
import { caller } from '../http/requestContext';
import type { EngineServices } from '../services/EngineServices';
import { sendJsonText } from './searchReplies';

type TypeParams = { Params: { assetType: string } };
type IdParams = { Params: { assetType: string; id: string } };

const commentSchema = z.object({ ids: z.array(z.string()).min(1), comment: z.string().min(1).max(10_000) });
const idsSchema = z.object({ ids: z.array(z.string()) });

/**
 * SceneEngine generic asset routes (wire protocol §1.4) under `/v1/<asset_type>`. They answer
 * in SceneEngine's shapes: a bare list of ids for a search, a bare list of documents for meta.
 * Fixed names (`summary`, `search_fields`, ...) are static routes, which win over `meta/:id`.
 */
export function registerSceneEngineRoutes(app: FastifyInstance, { meta, assets, jobs }: EngineServices): void {
  app.post<TypeParams>('/v1/:assetType', async (request, reply) => {
    const me = caller(request, 'read');
    const scope = assets.scope(me, assetTypeOf(request.params.assetType));
    const ids = meta.searchIds(scope, parseBody(searchQuerySchema, request.body, 'search'), searchPageOf(request.query as Query));
    return reply.send(ids);
  });

  app.post<TypeParams>('/v1/:assetType/meta', async (request, reply) => {
    const me = caller(request, 'read');
    const q = request.query as Query;
    const search = parseBody(searchQuerySchema, request.body, 'search');
    const json = meta.searchDocsJson(assets.scope(me, assetTypeOf(request.params.assetType)), search, searchPageOf(q), search.source_selected_fields ?? undefined);
    return sendJsonText(reply, json, queryBool(q, 'compress', false));
  });

  app.post<TypeParams>('/v1/:assetType/meta/summary', async (request) => {
    const me = caller(request, 'read');
    return meta.summary(assets.scope(me, assetTypeOf(request.params.assetType)), parseBody(summaryRequestSchema, request.body, 'summary request'));
  });

  app.get<TypeParams>('/v1/:assetType/meta/search_fields', async (request) =>
    meta.fields(assets.scope(caller(request, 'read'), assetTypeOf(request.params.assetType))));

  app.get<TypeParams>('/v1/:assetType/meta/searchable_field_statistics', async (request) =>
    meta.fieldStatistics(assets.scope(caller(request, 'read'), assetTypeOf(request.params.assetType))));

  // SceneBox answers with its Elasticsearch response model; ours is the field list with types.
  app.get<TypeParams>('/v1/:assetType/meta/response_model', async (request) => {
    const fields = meta.fields(assets.scope(caller(request, 'read'), assetTypeOf(request.params.assetType)));
    return { asset_type: request.params.assetType, fields: Object.fromEntries(fields.map((f) => [f.field, f.type])) };
  });

  app.get<IdParams>('/v1/:assetType/meta/:id', async (request) =>
    assets.get(caller(request, 'read'), assetTypeOf(request.params.assetType), request.params.id));

  app.post<TypeParams>('/v1/:assetType/comments', async (request) => {
    const me = caller(request, 'write');
    const type = assetTypeOf(request.params.assetType);
    const body = parseBody(commentSchema, request.body);
    const comment = { comment: body.comment, user: me.username, timestamp: new Date().toISOString() };
    const docs = body.ids.map((id) => assets.get(me, type, id));
    assets.write(me, type, docs.map((d) => String(d.id)), docs.map(() => ({ comments: [comment] })), { replace: false, replaceSets: false });
    return { acknowledged: true, ids: docs.map((d) => d.id) };
  });

  app.post<TypeParams>('/v1/:assetType/delete_comments', async (request) => {
    const me = caller(request, 'write');
    const type = assetTypeOf(request.params.assetType);
    const body = parseBody(commentSchema, request.body);
    const docs = body.ids.map((id) => assets.get(me, type, id));
    const kept = docs.map((d) => ({ comments: (Array.isArray(d.comments) ? d.comments : []).filter((c) => (c as { comment?: unknown }).comment !== body.comment) }));
    assets.write(me, type, docs.map((d) => String(d.id)), kept, { replace: false, replaceSets: true });
    return { acknowledged: true, ids: docs.map((d) => d.id) };
  });

  app.post<TypeParams>('/v1/:assetType/get_comments', async (request) => {
    const me = caller(request, 'read');
    const type = assetTypeOf(request.params.assetType);
    const ids = parseBody(idsSchema, request.body).ids.map((id) => assetIdOf(id));
    return Object.fromEntries(meta.getMany(assets.scope(me, type), ids).map((d) => [d.id, Array.isArray(d.comments) ? d.comments : []]));
  });

  app.put<{ Params: { id: string } }>('/v1/jobs/cancel/:id', async (request) => {
    const me = caller(request, 'write');
    return jobs.cancel(me.organization_id, assetIdOf(request.params.id));
  });
}
