import type { FastifyInstance } from 'fastify';
import type { EngineServices } from '../services/EngineServices';
import { registerAmMetaRoutes } from './amMetaRoutes';
import { registerAmStorageRoutes } from './amStorageRoutes';

/** The asset manager, under `/am/v1` (the URL `/status` advertises). */
export function registerAssetManagerRoutes(app: FastifyInstance, services: EngineServices): void {
  registerAmMetaRoutes(app, services);
  registerAmStorageRoutes(app, services);
}
