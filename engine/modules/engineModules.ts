import type { FastifyInstance } from 'fastify';
import { registerAnnotationsModule } from '../annotations/registerAnnotationsModule';
import { registerMediaJobsModule } from '../mediaJobs/registerMediaJobsModule';
import type { EngineServices } from '../services/EngineServices';
import { registerSessionsModule } from '../sessions/registerSessionsModule';
import { registerSetsModule } from '../sets/registerSetsModule';

/**
 * A feature of the engine (sets, sessions, annotations, indexing, media): it builds its own
 * services from the core ones, registers its routes and its job kinds. Job kinds must be known
 * before the job queue starts, so modules register while the app is built.
 */
export type EngineModule = (app: FastifyInstance, services: EngineServices) => void;

/** Every feature module, in registration order. */
export const ENGINE_MODULES: readonly EngineModule[] = [registerSessionsModule, registerSetsModule, registerAnnotationsModule, registerMediaJobsModule];
