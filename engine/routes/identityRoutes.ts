import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ACK_OK_RESPONSE, USER_ROLES } from '../../shared/scenebox/constants';
import { forbidden, notFound } from '../http/HttpError';
import { parseBody, queryBool, type Query } from '../http/parseInput';
import { caller } from '../http/requestContext';
import type { Identity } from '../identity/IdentityStore';
import type { EngineServices } from '../services/EngineServices';

const newUserSchema = z.object({
  username: z.string().min(1).max(128),
  email: z.string().max(256).nullish(),
  role: z.enum(USER_ROLES),
  organization_id: z.string().nullish(),
});
const userPatchSchema = z.object({
  email: z.string().max(256).nullish(),
  role: z.enum(USER_ROLES).nullish(),
  organization_id: z.string().nullish(),
});
const organizationSchema = z.object({ organization_name: z.string().min(1).max(256) });
const ownershipSchema = z.object({ owner: z.string().min(1), access: z.string().min(1) });

/**
 * An admin manages its own organization's users and may not mint superadmins; only a superadmin
 * manages organizations or reaches across them.
 */
function checkUserScope(me: Identity, organizationId: string, role?: string): void {
  if (me.role === 'superadmin') return;
  if (organizationId !== me.organization_id) throw notFound(`no organization ${organizationId}`);
  if (role === 'superadmin') throw forbidden('only a superadmin may grant the superadmin role');
}

/**
 * The user a request names, if the caller may manage it. Usernames are global, so a user of
 * another organization is answered exactly as one that does not exist: naming the organization
 * would tell an admin which usernames exist elsewhere and where.
 */
function managedUser(identity: EngineServices['identity'], me: Identity, username: string): NonNullable<ReturnType<EngineServices['identity']['user']>> {
  const current = identity.user(username);
  if (!current || (me.role !== 'superadmin' && current.organization_id !== me.organization_id)) throw notFound(`no user ${username}`);
  // An admin may not mint a superadmin, nor demote or delete one: either would hand an
  // organization's admin the power over every organization, or take it from its holder.
  if (current.role === 'superadmin' && me.role !== 'superadmin') throw forbidden('only a superadmin may change or delete a superadmin');
  return current;
}

/** Identity manager (wire protocol §1.2): users, organizations, ownerships, cache clearing. */
export function registerIdentityRoutes(app: FastifyInstance, { identity, meta }: EngineServices): void {
  app.post('/identity_manager/user', async (request) => {
    const me = caller(request, 'manage_users');
    const body = parseBody(newUserSchema, request.body);
    const organizationId = body.organization_id ?? me.organization_id;
    checkUserScope(me, organizationId, body.role);
    const { user, token } = identity.addUser({ username: body.username, email: body.email ?? null, role: body.role, organization_id: organizationId });
    return { username: user.username, organization_id: user.organization_id, token, role: user.role, email: user.email };
  });

  app.put<{ Params: { username: string } }>('/identity_manager/user/:username', async (request) => {
    const me = caller(request, 'manage_users');
    const current = managedUser(identity, me, request.params.username);
    const patch = parseBody(userPatchSchema, request.body);
    if (patch.organization_id) checkUserScope(me, patch.organization_id);
    checkUserScope(me, current.organization_id, patch.role ?? undefined);
    const next = identity.updateUser(current.username, {
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.role ? { role: patch.role } : {}),
      ...(patch.organization_id ? { organization_id: patch.organization_id } : {}),
    });
    return next;
  });

  app.delete<{ Params: { username: string } }>('/identity_manager/user/:username', async (request) => {
    const me = caller(request, 'manage_users');
    const current = managedUser(identity, me, request.params.username);
    identity.deleteUser(current.username);
    return ACK_OK_RESPONSE;
  });

  app.get('/identity_manager/user', async (request) => {
    const me = caller(request, 'manage_users');
    return identity.users(me.role === 'superadmin' ? undefined : me.organization_id);
  });

  app.post('/identity_manager/organization', async (request) => {
    caller(request, 'manage_organizations');
    return identity.addOrganization(parseBody(organizationSchema, request.body).organization_name);
  });

  app.get('/identity_manager/organization', async (request) => {
    const me = caller(request, 'read');
    if (me.role === 'superadmin') return identity.organizations();
    const own = identity.organization(me.organization_id);
    return own ? [own] : [];
  });

  app.put<{ Params: { id: string } }>('/identity_manager/organization/:id', async (request) => {
    caller(request, 'manage_organizations');
    identity.renameOrganization(request.params.id, parseBody(organizationSchema, request.body).organization_name);
    return ACK_OK_RESPONSE;
  });

  app.delete<{ Params: { id: string } }>('/identity_manager/organization/:id', async (request, reply) => {
    const me = caller(request, 'manage_organizations');
    if (request.params.id === me.organization_id) throw forbidden('an organization cannot delete itself');
    const holding = meta.assetTypes(request.params.id);
    if (holding.length > 0) {
      return reply.status(409).send({ error: 'conflict', message: `organization still holds ${holding.join(', ')} assets; delete them first` });
    }
    identity.deleteOrganization(request.params.id);
    return ACK_OK_RESPONSE;
  });

  app.post('/identity_manager/ownership', async (request) => {
    const me = caller(request, 'manage_users');
    identity.addOwnership(me.organization_id, parseBody(ownershipSchema, request.body));
    return ACK_OK_RESPONSE;
  });
  app.delete('/identity_manager/ownership', async (request) => {
    const me = caller(request, 'manage_users');
    if (!identity.revokeOwnership(me.organization_id, parseBody(ownershipSchema, request.body))) throw notFound('no such ownership');
    return ACK_OK_RESPONSE;
  });
  app.get('/identity_manager/ownership', async (request) => identity.ownerships(caller(request, 'manage_users').organization_id));

  // SceneBox clears a Redis cache here. This engine reads SQLite directly and keeps no cache, so
  // there is nothing to clear; the route answers as SceneBox does, with the same permission checks.
  const clearCache = async (request: Parameters<typeof caller>[0]): Promise<typeof ACK_OK_RESPONSE> => {
    if (queryBool(request.query as Query, 'all_organizations', false)) caller(request, 'manage_organizations');
    else caller(request, 'write');
    return ACK_OK_RESPONSE;
  };
  app.post('/clear_cache', clearCache);
  app.post('/am/clear_cache', clearCache);
}
