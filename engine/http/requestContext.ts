import type { FastifyRequest } from 'fastify';
import { roleAllows, type Permission } from '../../shared/scenebox/roles';
import type { Identity } from '../identity/IdentityStore';
import { forbidden, unauthorized } from './HttpError';

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity | undefined;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a token: discovery and the presigned storage URLs. */
    public?: boolean;
  }
}

export function identityOf(request: FastifyRequest): Identity {
  if (!request.identity) throw unauthorized();
  return request.identity;
}

/** The caller, checked for a permission of its role. */
export function caller(request: FastifyRequest, permission: Permission): Identity {
  const identity = identityOf(request);
  if (!roleAllows(identity.role, permission)) throw forbidden(`role ${identity.role} may not ${permission.replace('_', ' ')}`);
  return identity;
}

/**
 * The URL this request reached the engine at: URLs the engine hands out (discovery, presigned
 * storage) must work for the caller, also through a proxy, unless a public URL is configured.
 */
export function baseUrlOf(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

/** The token of a request: `?token=` (the Python client) or `Authorization: Bearer` (ours). */
export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const q = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof q === 'string' && q !== '' ? q : undefined;
}
