import type { UserRole } from '../../shared/scenebox/constants';
import {
  identityWire, type WireNewUser, type WireOrganization, type WireOwnership, type WireStatus, type WireUser, type WireWhoami,
} from '../../shared/wire/identityWire';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import { pathSegment } from '../http/pathSegment';

export interface NewUser {
  username: string;
  email?: string | null;
  role: UserRole;
  /** Defaults, on the server, to the caller's organization. */
  organizationId?: string;
}

export interface UserPatch {
  email?: string | null;
  role?: UserRole;
  organizationId?: string;
}

export interface Ownership {
  owner: string;
  access: string;
}

export interface ClearCacheOptions {
  /** Every organization's cache; needs the right to manage organizations. */
  allOrganizations?: boolean;
  partitions?: readonly string[];
}

type Ack = { acknowledged: true };

/** Discovery and the identity manager (wire protocol §1.1, §1.2), on the SceneEngine root. */
export const identityApi = {
  status: async (http: SceneBoxHttp): Promise<WireStatus> => http.get('/status', { schema: identityWire.status }),

  whoami: async (http: SceneBoxHttp): Promise<WireWhoami> => http.get('/auth', { schema: identityWire.whoami }),

  addUser: async (http: SceneBoxHttp, user: NewUser): Promise<WireNewUser> => http.post('/identity_manager/user', {
    schema: identityWire.newUser,
    body: { username: user.username, email: user.email ?? null, role: user.role, organization_id: user.organizationId ?? null },
  }),

  modifyUser: async (http: SceneBoxHttp, username: string, patch: UserPatch): Promise<WireUser> => http.put(`/identity_manager/user/${pathSegment(username)}`, {
    schema: identityWire.user,
    body: {
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.organizationId !== undefined ? { organization_id: patch.organizationId } : {}),
    },
  }),

  deleteUser: async (http: SceneBoxHttp, username: string): Promise<Ack> =>
    http.delete(`/identity_manager/user/${pathSegment(username)}`, { schema: identityWire.ack }),

  listUsers: async (http: SceneBoxHttp): Promise<WireUser[]> => http.get('/identity_manager/user', { schema: identityWire.users }),

  addOrganization: async (http: SceneBoxHttp, name: string): Promise<WireOrganization> =>
    http.post('/identity_manager/organization', { schema: identityWire.organization, body: { organization_name: name } }),

  listOrganizations: async (http: SceneBoxHttp): Promise<WireOrganization[]> =>
    http.get('/identity_manager/organization', { schema: identityWire.organizations }),

  modifyOrganization: async (http: SceneBoxHttp, id: string, name: string): Promise<Ack> =>
    http.put(`/identity_manager/organization/${pathSegment(id)}`, { schema: identityWire.ack, body: { organization_name: name } }),

  deleteOrganization: async (http: SceneBoxHttp, id: string): Promise<Ack> =>
    http.delete(`/identity_manager/organization/${pathSegment(id)}`, { schema: identityWire.ack }),

  addOwnership: async (http: SceneBoxHttp, ownership: Ownership): Promise<Ack> =>
    http.post('/identity_manager/ownership', { schema: identityWire.ack, body: ownership }),

  /** The Python client sends this DELETE with a JSON body, and so does this one. */
  revokeOwnership: async (http: SceneBoxHttp, ownership: Ownership): Promise<Ack> =>
    http.delete('/identity_manager/ownership', { schema: identityWire.ack, body: ownership }),

  listOwnerships: async (http: SceneBoxHttp): Promise<WireOwnership[]> =>
    http.get('/identity_manager/ownership', { schema: identityWire.ownerships }),

  clearCache: async (http: SceneBoxHttp, options: ClearCacheOptions = {}): Promise<Ack> => http.post('/clear_cache', {
    schema: identityWire.ack,
    query: { all_organizations: options.allOrganizations ?? false },
    body: options.partitions ? { partitions: options.partitions } : {},
  }),
};
