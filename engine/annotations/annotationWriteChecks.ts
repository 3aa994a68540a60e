import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { annotationDocumentSchema, annotationUpdateSchema } from '../../shared/annotations/annotationDocumentSchema';
import { badRequest } from '../http/HttpError';
import { queryBool, queryString, type Query } from '../http/parseInput';

const batchBody = z.looseObject({ metadata: z.array(z.unknown()) });
const WRITE_ROUTES = new Set(['/am/v1/assets/meta_batch', '/am/v1/assets/meta/:id']);

/** The first problem of a document, as `<what>: <path>: <message>`. */
function check(doc: unknown, whole: boolean, what: string): void {
  const result = (whole ? annotationDocumentSchema : annotationUpdateSchema).safeParse(doc);
  if (result.success) return;
  const issue = result.error.issues[0];
  throw badRequest(`${what}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
}

/**
 * Annotation documents reach the engine through the asset manager's generic metadata writes, as
 * the Python client sends them. This hook checks them against the annotation schemas before the
 * write: a whole document (`replace=True`) must be a valid annotation, an update may carry only
 * valid annotation fields. A bad one is a 400 naming the item and the field; nothing is written.
 */
export function registerAnnotationWriteChecks(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' && request.method !== 'PUT') return;
    if (!WRITE_ROUTES.has(request.routeOptions.url ?? '')) return;
    const q = request.query as Query;
    if (queryString(q, 'asset_type') !== 'annotations') return;
    const whole = queryBool(q, 'replace', true);
    if (request.routeOptions.url === '/am/v1/assets/meta/:id') {
      check(request.body, whole, 'annotation');
      return;
    }
    const body = batchBody.safeParse(request.body);
    // A malformed batch is left to the route, which answers it with its own 400.
    if (!body.success) return;
    body.data.metadata.forEach((doc, i) => check(doc, whole, `metadata.${i}`));
  });
}
