import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { JobStatus } from '../../shared/scenebox/constants';
import { badRequest } from '../http/HttpError';
import { assetIdOf, parseBody, queryNumber, queryString, type Query } from '../http/parseInput';
import { caller } from '../http/requestContext';
import type { Identity } from '../identity/IdentityStore';
import type { EngineServices } from '../services/EngineServices';

const JOBS = '/am/v1/jobs';
type IdParams = { Params: { id: string } };

const addJobSchema = z.looseObject({
  asset_type: z.string().nullish(),
  asset_id: z.string().nullish(),
  user: z.string().nullish(),
  job_type: z.string().min(1).max(128),
  notes: z.array(z.string()).nullish(),
  description: z.string().max(10_000).nullish(),
  stage: z.string().max(1024).nullish(),
  tags: z.array(z.string()).nullish(),
});
const metaSchema = z.object({ key: z.string().min(1).max(256), value: z.unknown() });
const PROTECTED_KEYS = new Set(['id', 'owner', 'status']);

function job(request: FastifyRequest<IdParams>, permission: 'read' | 'write'): { me: Identity; id: string; q: Query } {
  return { me: caller(request, permission), id: assetIdOf(request.params.id), q: request.query as Query };
}

/**
 * The job manager (wire protocol §1.10). Workers outside the engine drive their own jobs through
 * these routes (add, run, progress, stage, finish or abort); the engine's jobs are read the same way.
 */
export function registerJobRoutes(app: FastifyInstance, { jobs }: EngineServices): void {
  app.post(`${JOBS}/add`, async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(addJobSchema, request.body);
    const jobId = jobs.createExternal(me.organization_id, body.job_type, {
      description: body.description ?? body.job_type,
      user: body.user ?? me.username,
      ...(body.asset_type ? { assetType: body.asset_type } : {}),
      ...(body.asset_id ? { assetId: body.asset_id } : {}),
      extra: { stage: body.stage ?? 'queued', tags: body.tags ?? [], notes: body.notes ?? [] },
    });
    return { job_id: jobId };
  });

  const setStatus = (status: JobStatus, extra: (q: Query) => Record<string, unknown>, note?: (q: Query) => string | undefined) =>
    async (request: FastifyRequest<IdParams>) => {
      const { me, id, q } = job(request, 'write');
      return jobs.update(me.organization_id, id, { status, ...extra(q) }, note?.(q));
    };
  app.put<IdParams>(`${JOBS}/queue/:id`, setStatus('queued', () => ({ stage: 'queued' })));
  app.put<IdParams>(`${JOBS}/run/:id`, setStatus('running', () => ({ stage: 'running', started_at: new Date().toISOString() })));
  app.put<IdParams>(`${JOBS}/finish/:id`, setStatus('finished', () => ({ progress: 100, stage: 'finished', finished_at: new Date().toISOString() })));
  app.put<IdParams>(`${JOBS}/abort/:id`, setStatus(
    'aborted',
    (q) => ({ stage: `Error :${(queryString(q, 'error_string') ?? '').slice(0, 1024)}`, finished_at: new Date().toISOString() }),
    (q) => queryString(q, 'error_string')?.slice(0, 1024),
  ));

  app.put<IdParams>(`${JOBS}/append_note/:id`, async (request) => {
    const { me, id, q } = job(request, 'write');
    const note = queryString(q, 'note');
    if (!note) throw badRequest('note is required');
    return jobs.update(me.organization_id, id, {}, note.slice(0, 10_000));
  });

  app.put<IdParams>(`${JOBS}/meta/:id`, async (request) => {
    const { me, id } = job(request, 'write');
    const body = parseBody(metaSchema, request.body);
    if (PROTECTED_KEYS.has(body.key)) throw badRequest(`key ${body.key} cannot be set this way`);
    return jobs.update(me.organization_id, id, { [body.key]: body.value });
  });

  app.put<IdParams>(`${JOBS}/stage/:id`, async (request) => {
    const { me, id, q } = job(request, 'write');
    return jobs.update(me.organization_id, id, { stage: (queryString(q, 'stage') ?? '').slice(0, 1024) });
  });

  app.put<IdParams>(`${JOBS}/progress/:id`, async (request) => {
    const { me, id, q } = job(request, 'write');
    const progress = queryNumber(q, 'progress', Number.NaN);
    if (!(progress >= 0 && progress <= 100)) throw badRequest('progress must be a number from 0 to 100');
    return jobs.update(me.organization_id, id, { progress });
  });

  app.get<IdParams>(`${JOBS}/status/:id`, async (request) => {
    const { me, id } = job(request, 'read');
    return { status: jobs.get(me.organization_id, id).status };
  });

  app.get<IdParams>(`${JOBS}/progress/:id`, async (request) => {
    const { me, id } = job(request, 'read');
    return { progress: jobs.get(me.organization_id, id).progress };
  });

  app.get<IdParams>(`${JOBS}/comprehensive_status/:id`, async (request) => {
    const { me, id } = job(request, 'read');
    const doc = jobs.get(me.organization_id, id);
    return { status: doc.status, progress: doc.progress, stage: doc.stage, notes: doc.notes, description: doc.description, job_type: doc.job_type };
  });

  app.put<IdParams>(`${JOBS}/resubmit/:id`, async (request) => {
    const { me, id } = job(request, 'write');
    return jobs.resubmit(me.organization_id, id);
  });

  // Tasks: this engine's task ids are job ids (update_by_query answers with them).
  app.get<IdParams>(`${JOBS}/query_task/:id`, async (request) => {
    const { me, id } = job(request, 'read');
    const doc = jobs.get(me.organization_id, id);
    const status = doc.status as JobStatus;
    return {
      completed: status === 'finished' || status === 'aborted',
      ...(status === 'aborted' ? { error: (doc.notes as string[] | undefined)?.at(-1) ?? 'aborted' } : {}),
      response: { status, progress: doc.progress },
    };
  });
  const cancel = async (request: FastifyRequest<IdParams>) => {
    const { me, id } = job(request, 'write');
    return jobs.cancel(me.organization_id, id);
  };
  app.delete<IdParams>(`${JOBS}/query_task/:id`, cancel);
  app.get<IdParams>(`${JOBS}/query_task/:id/abort`, cancel);
  app.put<IdParams>(`${JOBS}/jobs/cancel/:id`, cancel);
}
