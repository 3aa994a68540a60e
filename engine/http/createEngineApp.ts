import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Writable } from 'node:stream';
import { StorageFullError } from '../blob/BlobStore';
import { ENGINE_MODULES } from '../modules/engineModules';
import { registerAssetManagerRoutes } from '../routes/assetManagerRoutes';
import { registerIdentityRoutes } from '../routes/identityRoutes';
import { registerJobRoutes } from '../routes/jobRoutes';
import { registerSceneEngineRoutes } from '../routes/sceneEngineRoutes';
import { registerStatusRoutes } from '../routes/statusRoutes';
import { registerStorageRoutes } from '../routes/storageRoutes';
import type { EngineServices } from '../services/EngineServices';
import { HttpError } from './HttpError';
import { redactUrl } from './redactUrl';
import { tokenOf } from './requestContext';

export interface EngineLogOptions {
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  destination?: Writable;
}

/** JSON bodies up to this size; bytes travel through the storage routes, not JSON. */
const JSON_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * The engine's HTTP face. Both spellings of every route (with and without the trailing slash)
 * are accepted, because the newest Python client strips the slash where older ones sent it.
 */
export function createEngineApp(services: EngineServices, log: EngineLogOptions = { level: 'warn' }): FastifyInstance {
  const app = Fastify({
    logger: { level: log.level, ...(log.destination ? { stream: log.destination } : {}) },
    // Request lines are logged by the hook below, with secrets redacted; Fastify's own would log the token.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: JSON_BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 2048 },
  });
  app.decorateRequest('identity', undefined);

  // The Python client posts some routes with `json=None` and a JSON content type: an empty body is no body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(new HttpError(400, 'bad_request', 'body is not valid JSON'), undefined);
    }
  });

  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public) return;
    const token = tokenOf(request);
    request.identity = token ? services.identity.authenticate(token) : undefined;
    if (!request.identity) throw new HttpError(401, 'unauthorized', token ? 'invalid token' : 'missing token');
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.setErrorHandler(async (error, request, reply) => {
    const status = errorStatus(error);
    if (status >= 500) request.log.error({ err: error, method: request.method, url: redactUrl(request.url) }, 'request failed');
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof HttpError ? error.code : status === 413 ? 'payload_too_large' : status === 507 ? 'insufficient_storage' : status >= 500 ? 'internal_error' : 'bad_request';
    return reply.status(status).send({ error: code, message: status >= 500 && status !== 507 ? 'internal error' : message });
  });

  app.setNotFoundHandler(async (request, reply) => reply.status(404).send({ error: 'not_found', message: `no route ${request.method} ${redactUrl(request.url).split('?')[0]}` }));

  registerStatusRoutes(app, services);
  registerIdentityRoutes(app, services);
  registerSceneEngineRoutes(app, services);
  registerAssetManagerRoutes(app, services);
  registerJobRoutes(app, services);
  for (const register of ENGINE_MODULES) register(app, services);
  void app.register((scope, _opts, done) => {
    registerStorageRoutes(scope, services);
    done();
  });
  return app;
}

function errorStatus(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof StorageFullError) return 507;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
