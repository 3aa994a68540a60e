import type { UserRole } from './constants';

/** What a role may do. Reads never cross an organization; only a superadmin manages organizations. */
export type Permission = 'read' | 'write' | 'manage_users' | 'manage_organizations';

const GRANTS: Record<UserRole, readonly Permission[]> = {
  superadmin: ['read', 'write', 'manage_users', 'manage_organizations'],
  admin: ['read', 'write', 'manage_users'],
  data_provider: ['read', 'write'],
  tester: ['read', 'write'],
  data_user: ['read'],
  health_checker: ['read'],
  public_user: ['read'],
  read_only_user: ['read'],
};

export function roleAllows(role: UserRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
