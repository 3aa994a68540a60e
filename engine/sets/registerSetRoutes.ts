import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../http/HttpError';
import { MAX_PAGE_SIZE, parseBody, queryBool, queryInt, queryString, searchPageOf, type Query } from '../http/parseInput';
import { caller } from '../http/requestContext';
import { sendJsonText } from '../routes/searchReplies';
import type { MembershipSource, SetService } from './SetService';
import { setRequests } from './setRequests';

const SETS = '/v1/sets';
type IdParams = { Params: { id: string } };

/** A query parameter the Python client may send as `None`, or leave out. */
function optionalQuery(q: Query, name: string): string | undefined {
  const v = queryString(q, name);
  return v === undefined || v === '' || v === 'None' ? undefined : v;
}

/**
 * The SceneEngine set routes (wire protocol §1.3), answered in the shapes the Python client reads.
 * Both trailing-slash spellings reach them (the app ignores the slash).
 */
export function registerSetRoutes(app: FastifyInstance, sets: SetService): void {
  app.post(`${SETS}/add`, async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(setRequests.create, request.body);
    return sets.create(me, body, queryBool(request.query as Query, 'raise_if_exists', false));
  });

  app.put<IdParams>(`${SETS}/:id/lock`, async (request) => sets.setLocked(caller(request, 'write'), request.params.id, true));
  app.delete<IdParams>(`${SETS}/:id/lock`, async (request) => sets.setLocked(caller(request, 'write'), request.params.id, false));
  app.get<IdParams>(`${SETS}/:id/lock`, async (request) => ({ locked: sets.find(caller(request, 'read'), request.params.id).locked }));

  app.get<IdParams>(`${SETS}/:id/status`, async (request) => sets.status(caller(request, 'read'), request.params.id));

  const membershipSource = (request: FastifyRequest, by: 'query' | 'list'): MembershipSource => {
    if (by === 'list') return { ids: parseBody(setRequests.assetList, request.body).asset_list };
    const query = parseBody(setRequests.search, request.body, 'search');
    const limit = optionalQuery(request.query as Query, 'limit');
    return limit === undefined ? { query } : { query, limit: queryInt(request.query as Query, 'limit', 0, 1, Number.MAX_SAFE_INTEGER) };
  };
  for (const by of ['query', 'list'] as const) {
    app.post<IdParams>(`${SETS}/:id/add_assets_${by}`, async (request) => {
      const me = caller(request, 'write');
      return { job_id: sets.addAssets(me, request.params.id, membershipSource(request, by)) };
    });
    app.post<IdParams>(`${SETS}/:id/remove_assets_${by}`, async (request) => {
      const me = caller(request, 'write');
      const source = membershipSource(request, by);
      if ('limit' in source) throw badRequest('limit applies to additions only');
      return { job_id: sets.removeAssets(me, request.params.id, source) };
    });
  }

  // `assets_in_set` posts `{}` with no size and reads every id, so ids are unpaged unless a size is given.
  app.post<IdParams>(`${SETS}/:id/list_assets`, async (request) => {
    const me = caller(request, 'read');
    const q = request.query as Query;
    return { results: sets.memberIds(me, request.params.id, parseBody(setRequests.search, request.body, 'search'), searchPageOf(q, Number.MAX_SAFE_INTEGER)) };
  });

  // Documents are large: without a size, one search page (MAX_PAGE_SIZE) is answered, as elsewhere.
  app.post<IdParams>(`${SETS}/:id/list_assets_meta`, async (request, reply) => {
    const me = caller(request, 'read');
    const q = request.query as Query;
    const json = sets.memberDocsJson(me, request.params.id, parseBody(setRequests.search, request.body, 'search'), searchPageOf(q, MAX_PAGE_SIZE));
    return sendJsonText(reply, `{"results":${json}}`, queryBool(q, 'compress', false));
  });

  app.delete<IdParams>(`${SETS}/delete_set/:id`, async (request) => {
    const me = caller(request, 'write');
    return { job_id: sets.delete(me, request.params.id, queryBool(request.query as Query, 'delete_content', false)) };
  });

  app.post(`${SETS}/split_sets`, async (request) => sets.split(caller(request, 'write'), parseBody(setRequests.split, request.body)));

  const zip = async (request: FastifyRequest<IdParams>) => {
    const me = caller(request, 'write');
    const q = request.query as Query;
    return sets.zip(me, request.params.id, { version: optionalQuery(q, 'version'), forceRecreate: queryBool(q, 'force_recreate', false) });
  };
  app.post<IdParams>(`${SETS}/:id/zip_all_assets`, zip);
  // The older client asked with GET.
  app.get<IdParams>(`${SETS}/:id/zip_all_assets`, zip);

  // Set versioning (commits, version history) is not implemented: the commit is acknowledged
  // without a job, which the client accepts (it reads `job_id` and may get null).
  app.post<IdParams>(`${SETS}/:id/commit`, async (request) => {
    const me = caller(request, 'write');
    const set = sets.find(me, request.params.id);
    parseBody(setRequests.commit, request.body);
    return { job_id: null, set_id: set.id, versioning: 'not implemented' };
  });
}
