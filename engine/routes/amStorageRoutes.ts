import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ACK_OK_RESPONSE } from '../../shared/scenebox/constants';
import { badRequest, forbidden } from '../http/HttpError';
import { assetTypeOf, parseBody, queryBool, queryInt, queryString, type Query } from '../http/parseInput';
import { baseUrlOf, caller } from '../http/requestContext';
import type { Identity } from '../identity/IdentityStore';
import { objectAccessSchema } from '../services/AssetService';
import type { EngineServices } from '../services/EngineServices';

const AM = '/am/v1/assets';
const MAX_EXPIRATION = 7 * 24 * 3600;

const ownerField = { owner_organization_id: z.string().nullish() };
const temporaryUrlSchema = z.object({
  ids: z.array(z.string()).nullish(),
  // The oldest client named them `filenames`.
  filenames: z.array(z.string()).nullish(),
  content_type: z.string().max(256).nullish(),
  content_encoding: z.string().max(256).nullish(),
  ...ownerField,
});
const uploadIdSchema = z.object({ id: z.string().min(1), ...ownerField });
const partUrlSchema = z.object({ id: z.string().min(1), part_no: z.number().int(), upload_id: z.string().min(1), ...ownerField });
const completeSchema = z.object({
  id: z.string().min(1),
  upload_id: z.string().min(1),
  parts: z.array(z.object({ ETag: z.string({ error: 'ETag is required' }), PartNumber: z.number().int() })),
  ...ownerField,
});
const batchUrlSchema = z.object({ object_accesses: z.array(z.unknown()), ids: z.array(z.string()) });
const listObjectsSchema = z.object({ bucket: z.string(), folder: z.string().nullish(), cloud_storage: z.string().nullish() });
const signedUrlSchema = z.object({ bucket: z.string(), key: z.string(), cloud_storage: z.string().nullish() });

/** Uploads may name an owner organization; only a superadmin may store into another one. */
function ownerOf(me: Identity, requested: string | null | undefined): string {
  if (!requested || requested === me.organization_id) return me.organization_id;
  if (me.role !== 'superadmin') throw forbidden('only a superadmin may upload for another organization');
  return requested;
}

function writer(request: FastifyRequest): { me: Identity; q: Query } {
  const q = request.query as Query;
  // Every asset-manager call names its asset type; checking it keeps the routes uniform.
  if (queryString(q, 'asset_type') !== undefined) assetTypeOf(queryString(q, 'asset_type'));
  return { me: caller(request, 'write'), q };
}

/** Asset-manager byte routes (wire protocol §6): presigned uploads and downloads, multipart. */
export function registerAmStorageRoutes(app: FastifyInstance, { storage, assets, publicUrl }: EngineServices): void {
  app.post(`${AM}/temporary_upload_url`, async (request) => {
    const { me } = writer(request);
    const body = parseBody(temporaryUrlSchema, request.body);
    const ids = body.ids ?? body.filenames;
    if (!ids?.length) throw badRequest('body: ids: at least one id is required');
    const organizationId = ownerOf(me, body.owner_organization_id);
    const base = baseUrlOf(request, publicUrl);
    return Object.fromEntries(ids.map((id) => [id, storage.presignPost(base, organizationId, id, body.content_type ?? undefined)]));
  });

  // SceneBox keeps recently uploaded bytes in a cache; this engine has none, so there is nothing to clear.
  app.delete(`${AM}/clear_bytes_from_cache`, async (request) => {
    writer(request);
    return ACK_OK_RESPONSE;
  });

  app.delete(`${AM}/delete_if_exists_in_storage`, async (request) => {
    const { me, q } = writer(request);
    const id = queryString(q, 'id');
    if (!id) throw badRequest('id is required');
    const record = storage.objectForFileId(ownerOf(me, queryString(q, 'owner_organization_id')), id);
    const deleted = record ? await storage.deleteObject(record.organizationId, `s3://${record.bucket}/${record.key}`) : false;
    return { ...ACK_OK_RESPONSE, deleted };
  });

  app.post(`${AM}/multipart_upload_id`, async (request) => {
    const { me } = writer(request);
    const body = parseBody(uploadIdSchema, request.body);
    return { upload_id: storage.createMultipart(ownerOf(me, body.owner_organization_id), body.id) };
  });

  app.post(`${AM}/multipart_temporary_upload_url`, async (request) => {
    const { me } = writer(request);
    const body = parseBody(partUrlSchema, request.body);
    return { url: storage.presignPart(baseUrlOf(request, publicUrl), ownerOf(me, body.owner_organization_id), body.upload_id, body.part_no) };
  });

  app.post(`${AM}/multipart_complete`, async (request) => {
    const { me } = writer(request);
    const body = parseBody(completeSchema, request.body);
    const record = await storage.completeMultipart(ownerOf(me, body.owner_organization_id), body.upload_id, body.id, body.parts);
    return { uri: `s3://${record.bucket}/${record.key}`, size: record.size, sha256: record.sha256 };
  });

  // SceneDock extension: the parts the engine holds, so that a resuming uploader re-sends only what is missing.
  app.get(`${AM}/multipart_parts`, async (request) => {
    const { me, q } = writer(request);
    const uploadId = queryString(q, 'upload_id');
    if (!uploadId) throw badRequest('upload_id is required');
    const { key, parts, partial } = await storage.listParts(ownerOf(me, queryString(q, 'owner_organization_id')), uploadId);
    return {
      upload_id: uploadId,
      key,
      parts: parts.map((p) => ({ PartNumber: p.partNo, ETag: p.etag, Size: p.size })),
      // Interrupted tries: a client may send only the rest (header x-scenedock-resume-from: Size).
      partial: partial.map((p) => ({ PartNumber: p.partNo, Size: p.size })),
    };
  });

  // SceneDock extension: abandon a multipart upload and free its parts.
  app.delete(`${AM}/multipart_upload`, async (request) => {
    const { me, q } = writer(request);
    const uploadId = queryString(q, 'upload_id');
    if (!uploadId) throw badRequest('upload_id is required');
    await storage.abortMultipart(ownerOf(me, queryString(q, 'owner_organization_id')), uploadId);
    return ACK_OK_RESPONSE;
  });

  // SceneDock extension: does the organization already hold these bytes? Lets an uploader skip a file it sent before.
  app.post(`${AM}/object_by_sha256`, async (request) => {
    const me = caller(request, 'read');
    const { sha256 } = parseBody(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits') }), request.body);
    const record = storage.findBySha256(me.organization_id, sha256);
    return record ? { exists: true, uri: `s3://${record.bucket}/${record.key}`, size: record.size, sha256 } : { exists: false };
  });

  app.get<{ Params: { id: string } }>(`${AM}/:id`, async (request, reply) => {
    const q = request.query as Query;
    const me = caller(request, 'read');
    const type = assetTypeOf(queryString(q, 'asset_type'));
    const url = assets.downloadUrl(me, type, request.params.id, baseUrlOf(request, publicUrl), queryInt(q, 'expiration', 43_200, 1, MAX_EXPIRATION));
    if (queryBool(q, 'return_url', false)) return { url };
    // The oldest client read the bytes from this route itself. A document's `object_access.url`
    // is whatever its writer put there: the engine redirects only to http(s), never to a
    // `javascript:`, `data:` or `file:` address a browser following it would act on.
    if (!/^https?:\/\//i.test(url)) throw badRequest(`asset ${request.params.id} has an object_access.url that is not an http(s) address; ask with return_url=True to read it`);
    return reply.redirect(url, 307);
  });

  const urlFromAccess = async (request: FastifyRequest): Promise<{ url: string }> => {
    const me = caller(request, 'read');
    return { url: assets.urlForObjectAccess(me, request.body, baseUrlOf(request, publicUrl)) };
  };
  app.post('/am/v1/storage/url_from_object_access', urlFromAccess);

  const urlsFromAccesses = async (request: FastifyRequest): Promise<Record<string, string | null>> => {
    const me = caller(request, 'read');
    const body = parseBody(batchUrlSchema, request.body);
    if (body.ids.length !== body.object_accesses.length) throw badRequest('ids and object_accesses must have the same length');
    const base = baseUrlOf(request, publicUrl);
    return Object.fromEntries(body.ids.map((id, i) => {
      try {
        return [id, assets.urlForObjectAccess(me, body.object_accesses[i], base)];
      } catch {
        // One missing object must not fail the batch; the client logs ids without a URL.
        return [id, null];
      }
    }));
  };
  app.post('/am/v1/storage/url_from_object_access_in_batch', urlsFromAccesses);
  app.post(`${AM}/url_from_object_access_in_batch`, urlsFromAccesses);

  app.post('/am/v1/storage/list_objects', async (request) => {
    const me = caller(request, 'read');
    const body = parseBody(listObjectsSchema, request.body);
    if (body.bucket !== storage.bucket) return [];
    return storage.listObjects(me.organization_id, body.folder ?? '');
  });

  app.post('/am/v1/storage/generate_signed_url', async (request) => {
    const me = caller(request, 'read');
    const body = parseBody(signedUrlSchema, request.body);
    return { url: assets.urlForObjectAccess(me, objectAccessSchema.parse({ uri: `s3://${body.bucket}/${body.key}` }), baseUrlOf(request, publicUrl)) };
  });
}
