import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { UserRole } from '../../shared/scenebox/constants';
import { conflict, notFound } from '../http/HttpError';

export interface Organization {
  id: string;
  name: string;
}

export interface User {
  username: string;
  email: string | null;
  role: UserRole;
  organization_id: string;
}

export interface Identity extends User {
  organization: string;
}

export interface Ownership {
  owner: string;
  access: string;
}

/** Tokens are stored as their sha256 only: a copy of the database does not let anyone in. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** UUID-shaped, because the Python client splits tokens on `-` and uses the first two parts. */
export function newToken(): string {
  return randomUUID();
}

function prepare(db: Database) {
  return {
    orgInsert: db.prepare('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)'),
    orgByName: db.prepare('SELECT id, name FROM organizations WHERE name = ?'),
    orgById: db.prepare('SELECT id, name FROM organizations WHERE id = ?'),
    orgList: db.prepare('SELECT id, name FROM organizations ORDER BY name'),
    orgRename: db.prepare('UPDATE organizations SET name = ? WHERE id = ?'),
    orgDelete: db.prepare('DELETE FROM organizations WHERE id = ?'),
    orgCount: db.prepare('SELECT count(*) FROM organizations'),
    userInsert: db.prepare('INSERT INTO users (username, email, role, organization_id, token_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    userByToken: db.prepare(`SELECT u.username, u.email, u.role, u.organization_id, o.name AS organization
      FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.token_sha256 = ?`),
    userByName: db.prepare('SELECT username, email, role, organization_id FROM users WHERE username = ?'),
    userList: db.prepare('SELECT username, email, role, organization_id FROM users WHERE organization_id = ? ORDER BY username'),
    userListAll: db.prepare('SELECT username, email, role, organization_id FROM users ORDER BY username'),
    userUpdate: db.prepare('UPDATE users SET email = ?, role = ?, organization_id = ? WHERE username = ?'),
    userToken: db.prepare('UPDATE users SET token_sha256 = ? WHERE username = ?'),
    userDelete: db.prepare('DELETE FROM users WHERE username = ?'),
    ownInsert: db.prepare('INSERT OR IGNORE INTO ownerships (organization_id, owner, access) VALUES (?, ?, ?)'),
    ownDelete: db.prepare('DELETE FROM ownerships WHERE organization_id = ? AND owner = ? AND access = ?'),
    ownList: db.prepare('SELECT owner, access FROM ownerships WHERE organization_id = ? ORDER BY owner, access'),
  };
}

/** Organizations, users with their roles and tokens, and ownership records (SQLite). */
export class IdentityStore {
  readonly #s: ReturnType<typeof prepare>;

  public constructor(db: Database) {
    this.#s = prepare(db);
  }

  public isEmpty(): boolean {
    return (this.#s.orgCount.pluck().get() as number) === 0;
  }

  public authenticate(token: string): Identity | undefined {
    return this.#s.userByToken.get(tokenDigest(token)) as Identity | undefined;
  }

  public addOrganization(name: string): Organization {
    if (this.#s.orgByName.get(name)) throw conflict(`organization ${JSON.stringify(name)} exists`);
    const org = { id: randomUUID().replace(/-/g, '_'), name };
    this.#s.orgInsert.run(org.id, name, new Date().toISOString());
    return org;
  }

  public organization(id: string): Organization | undefined {
    return this.#s.orgById.get(id) as Organization | undefined;
  }

  public organizations(): Organization[] {
    return this.#s.orgList.all() as Organization[];
  }

  public renameOrganization(id: string, name: string): void {
    if (!this.organization(id)) throw notFound(`no organization ${id}`);
    const clash = this.#s.orgByName.get(name) as Organization | undefined;
    if (clash && clash.id !== id) throw conflict(`organization ${JSON.stringify(name)} exists`);
    this.#s.orgRename.run(name, id);
  }

  public deleteOrganization(id: string): void {
    if (this.#s.orgDelete.run(id).changes === 0) throw notFound(`no organization ${id}`);
  }

  /** Creates a user and returns its token, the only time the token is known in clear. */
  public addUser(user: User, token = newToken()): { user: User; token: string } {
    if (this.#s.userByName.get(user.username)) throw conflict(`user ${JSON.stringify(user.username)} exists`);
    if (!this.organization(user.organization_id)) throw notFound(`no organization ${user.organization_id}`);
    this.#s.userInsert.run(user.username, user.email, user.role, user.organization_id, tokenDigest(token), new Date().toISOString());
    return { user, token };
  }

  public user(username: string): User | undefined {
    return this.#s.userByName.get(username) as User | undefined;
  }

  public users(organizationId?: string): User[] {
    return (organizationId === undefined ? this.#s.userListAll.all() : this.#s.userList.all(organizationId)) as User[];
  }

  public updateUser(username: string, patch: Partial<Pick<User, 'email' | 'role' | 'organization_id'>>): User {
    const current = this.user(username);
    if (!current) throw notFound(`no user ${username}`);
    const next: User = {
      ...current,
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.organization_id !== undefined ? { organization_id: patch.organization_id } : {}),
    };
    if (!this.organization(next.organization_id)) throw notFound(`no organization ${next.organization_id}`);
    this.#s.userUpdate.run(next.email, next.role, next.organization_id, username);
    return next;
  }

  public setToken(username: string, token: string): void {
    if (this.#s.userToken.run(tokenDigest(token), username).changes === 0) throw notFound(`no user ${username}`);
  }

  public deleteUser(username: string): void {
    if (this.#s.userDelete.run(username).changes === 0) throw notFound(`no user ${username}`);
  }

  public addOwnership(organizationId: string, ownership: Ownership): void {
    this.#s.ownInsert.run(organizationId, ownership.owner, ownership.access);
  }

  public revokeOwnership(organizationId: string, ownership: Ownership): boolean {
    return this.#s.ownDelete.run(organizationId, ownership.owner, ownership.access).changes > 0;
  }

  public ownerships(organizationId: string): Ownership[] {
    return this.#s.ownList.all(organizationId) as Ownership[];
  }
}
