import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { baseUrlOf, identityOf } from '../http/requestContext';
import type { EngineServices } from '../services/EngineServices';

/** Discovery (`GET /status`, public) and identity (`GET /auth`, `GET /am/auth`), wire protocol §1.1-1.2. */
export function registerStatusRoutes(app: FastifyInstance, services: EngineServices): void {
  app.get('/status', { config: { public: true } }, async (request) => {
    const base = baseUrlOf(request, services.publicUrl);
    return {
      status: 'ok',
      version: services.version,
      // The client refuses to run when its own version is lower than this; every version is welcome.
      supported_version: '0.0.0',
      asset_manager_url: `${base}/am/v1`,
      frontend_url: base,
      build_host: hostname(),
    };
  });
  app.get('/am/v1/assets/status', { config: { public: true } }, async () => ({ status: 'ok', version: services.version }));

  const whoami = async (request: Parameters<typeof identityOf>[0]): Promise<Record<string, unknown>> => {
    const me = identityOf(request);
    return {
      version: services.version,
      build_host: hostname(),
      username: me.username,
      email: me.email,
      role: me.role,
      organization: me.organization,
      organization_id: me.organization_id,
    };
  };
  app.get('/auth', whoami);
  app.get('/am/auth', whoami);
}
