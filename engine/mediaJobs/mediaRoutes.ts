import type { FastifyInstance } from 'fastify';
import type { AssetType } from '../../shared/scenebox/constants';
import { standardizeName } from '../../shared/scenebox/standardizeName';
import { textOf } from '../annotations/textOf';
import { badRequest, notFound } from '../http/HttpError';
import { assetIdOf, parseBody } from '../http/parseInput';
import { caller } from '../http/requestContext';
import type { Identity } from '../identity/IdentityStore';
import type { SubmitOptions } from '../jobs/JobService';
import type { EngineServices } from '../services/EngineServices';
import { MEDIA_JOB_KINDS, type MediaJobKind } from './mediaJobKinds';
import {
  annotatedVideoSchema, compressImagesSchema, compressLidarsSchema, compressVideosSchema, concatenateSchema, extractImagesSchema,
  frameThumbnailsSchema, subclipSchema, videoFromFramesSchema,
} from './mediaRequestSchemas';

/**
 * A set assets are added to must be a set of the caller's organization holding that type (if it
 * says); answers the body with the set's id as stored, which the new assets then carry in `sets`.
 */
function withTargetSet<B extends { set_id?: string | null | undefined }>({ meta }: EngineServices, me: Identity, body: B, assetType: AssetType): B {
  if (!body.set_id) return body;
  const setId = standardizeName(body.set_id);
  const set = meta.get({ organizationId: me.organization_id, assetType: 'sets' }, setId);
  if (!set) throw notFound(`no set ${body.set_id}`);
  if (set.assets_type !== undefined && set.assets_type !== null && set.assets_type !== assetType) {
    throw badRequest(`body: set_id: set ${body.set_id} holds ${textOf(set.assets_type)}, not ${assetType}`);
  }
  return { ...body, set_id: setId };
}

/** Frames are read from this engine's storage only: `s3://<its bucket>/...`. */
function requireOwnStorage({ storage }: EngineServices, bucket: string | null | undefined, cloudStorage: string | null | undefined): void {
  if (cloudStorage && cloudStorage.toLowerCase() !== 's3') throw badRequest(`body: cloud_storage: this engine stores objects as s3://${storage.bucket}/...; ${cloudStorage} is not served`);
  if (bucket && bucket !== storage.bucket) throw badRequest(`body: bucket: this engine's bucket is ${storage.bucket}, not ${bucket}`);
}

/**
 * The SceneEngine media routes (wire protocol §1.6). Each answers `{job_id}` at once; ids are
 * looked up by the job, which notes an id that is not an asset of the caller's organization as
 * not found (unknown and foreign ids read alike) and goes on with the others.
 */
export function registerMediaRoutes(app: FastifyInstance, services: EngineServices): void {
  const submit = (me: Identity, kind: MediaJobKind, payload: unknown, description: string, assetType: AssetType, options: SubmitOptions = {}) =>
    ({ job_id: services.jobs.submit(me.organization_id, MEDIA_JOB_KINDS[kind], payload, { description, user: me.username, assetType, ...options }) });

  app.post('/v1/images/compress_images', async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(compressImagesSchema, request.body);
    return submit(me, 'compress_images', body, `compress ${body.ids.length} images (${body.use_preset ?? body.desired_shape?.join('x')})`, 'images');
  });

  app.post('/v1/videos/compress_videos', async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(compressVideosSchema, request.body);
    return submit(me, 'compress_videos', body, `compress ${body.ids.length} videos (${body.use_preset ?? body.desired_shape?.join('x')})`, 'videos');
  });

  app.post('/v1/lidars/compress_lidars', async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(compressLidarsSchema, request.body);
    return submit(me, 'compress_lidars', body, `compress ${body.ids.length} lidars`, 'lidars');
  });

  app.post('/v1/videos/extract_frame_thumbnails', async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(frameThumbnailsSchema, request.body);
    return submit(me, 'frame_thumbnails', body, `frame thumbnails of ${body.ids.length} videos`, 'videos');
  });

  app.post('/v1/videos/extract_images', async (request) => {
    const me = caller(request, 'write');
    const body = withTargetSet(services, me, parseBody(extractImagesSchema, request.body), 'images');
    return submit(me, 'extract_images', body, `extract images from video ${body.id}`, 'videos', { assetId: standardizeName(body.id) });
  });

  app.post('/v1/videos/extract_subclip_video', async (request) => {
    const me = caller(request, 'write');
    const body = withTargetSet(services, me, parseBody(subclipSchema, request.body), 'videos');
    return submit(me, 'extract_subclip', body, `extract a subclip of video ${body.id}`, 'videos', { assetId: standardizeName(body.id) });
  });

  app.post('/v1/videos/concatenate_videos', async (request) => {
    const me = caller(request, 'write');
    const body = parseBody(concatenateSchema, request.body);
    const outputId = assetIdOf(body.output_video_id, 'output_video_id');
    const jobId = body.job_id ? assetIdOf(body.job_id, 'job_id') : undefined;
    return submit(me, 'concatenate_videos', body, `concatenate ${body.ids.length} videos into ${outputId}`, 'videos', { assetId: outputId, ...(jobId ? { jobId } : {}) });
  });

  app.post('/v1/videos/make_video_from_image_uris', async (request) => {
    const me = caller(request, 'write');
    const body = withTargetSet(services, me, parseBody(videoFromFramesSchema, request.body), 'videos');
    requireOwnStorage(services, body.bucket, body.cloud_storage);
    return submit(me, 'video_from_frames', body, `make a video of the frames in ${body.folder}`, 'videos');
  });

  app.post('/v1/videos/make_video_with_annotations_from_uris', async (request) => {
    const me = caller(request, 'write');
    const body = withTargetSet(services, me, parseBody(annotatedVideoSchema, request.body), 'videos');
    requireOwnStorage(services, body.bucket, body.cloud_storage);
    return submit(me, 'annotated_video_from_frames', body, 'make a video with annotations', 'videos');
  });
}
