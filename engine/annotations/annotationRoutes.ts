import type { FastifyInstance } from 'fastify';
import { searchQuerySchema } from '../../shared/search/searchQuery';
import { standardizeName } from '../../shared/scenebox/standardizeName';
import { badRequest, notFound } from '../http/HttpError';
import { parseBody, queryString, type Query } from '../http/parseInput';
import { caller } from '../http/requestContext';
import type { Identity } from '../identity/IdentityStore';
import type { EngineServices } from '../services/EngineServices';
import {
  cleanupMasksSchema, compressMasksSchema, deleteAnnotationsSchema, mediaTypeSchema, removeSourcesSchema, toObjectsSchema,
} from './annotationRequestSchemas';
import { annotationLabels, annotationSources } from './annotationSources';
import { ANNOTATION_JOB_KINDS, type AnnotationJobKind } from './annotationJobKinds';
import { requireOwnAnnotations } from './selectAnnotations';
import { textOf } from './textOf';

const BASE = '/v1/annotations';

/** `?asset_type=` of the sources and labels routes: the media type searched, images by default. */
function mediaTypeOf(q: Query) {
  const parsed = mediaTypeSchema.safeParse(queryString(q, 'asset_type') ?? 'images');
  if (!parsed.success) throw badRequest(`query parameter asset_type: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** The set objects go to must be a set of the caller's organization (and hold objects, if it says). */
function requireOutputSet({ meta }: EngineServices, me: Identity, setId: string | null | undefined): void {
  if (!setId) return;
  const set = meta.get({ organizationId: me.organization_id, assetType: 'sets' }, standardizeName(setId));
  if (!set) throw notFound(`no set ${setId}`);
  if (set.assets_type !== undefined && set.assets_type !== null && set.assets_type !== 'objects') {
    throw badRequest(`body: output_set_id: set ${setId} holds ${textOf(set.assets_type)}, not objects`);
  }
}

/** The SceneEngine annotation routes (wire protocol §1.8); every long one answers `{job_id}`. */
export function registerAnnotationRoutes(app: FastifyInstance, services: EngineServices): void {
  const { meta, jobs } = services;
  const submit = (me: Identity, kind: AnnotationJobKind, payload: unknown, description: string) =>
    ({ job_id: jobs.submit(me.organization_id, ANNOTATION_JOB_KINDS[kind], payload, { description, user: me.username, assetType: 'annotations' }) });

  app.post(`${BASE}/annotation_sources`, async (request) => {
    const me = caller(request, 'read');
    return annotationSources(meta, me.organization_id, mediaTypeOf(request.query as Query), parseBody(searchQuerySchema, request.body, 'search'));
  });

  app.post(`${BASE}/annotation_labels`, async (request) => {
    const me = caller(request, 'read');
    return annotationLabels(meta, me.organization_id, mediaTypeOf(request.query as Query), parseBody(searchQuerySchema, request.body, 'search'));
  });

  app.post(`${BASE}/remove_sources`, async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(removeSourcesSchema, request.body);
    return submit(me, 'remove_sources', body, `remove ${body.annotation_sources.map((s) => s.provider).join(', ')} annotations from ${body.asset_type}`);
  });

  app.post(`${BASE}/delete_annotations`, async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(deleteAnnotationsSchema, request.body);
    requireOwnAnnotations(meta, me.organization_id, body.ids);
    return submit(me, 'delete', body, 'delete annotations');
  });

  app.post(`${BASE}/cleanup_annotation_masks`, async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(cleanupMasksSchema, request.body);
    requireOwnAnnotations(meta, me.organization_id, body.ids);
    return submit(me, 'cleanup_masks', body, 'clean up annotation masks');
  });

  app.post(`${BASE}/annotations_to_objects`, async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(toObjectsSchema, request.body);
    requireOwnAnnotations(meta, me.organization_id, body.ids);
    requireOutputSet(services, me, body.output_set_id);
    return submit(me, 'to_objects', body, 'annotations to objects');
  });

  app.post(`${BASE}/compress_masks_batch`, async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(compressMasksSchema, request.body);
    requireOwnAnnotations(meta, me.organization_id, body.ids);
    return submit(me, 'compress_masks', body, `make ${body.thumbnail_tag} mask thumbnails`);
  });
}

