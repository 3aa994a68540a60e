import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError, ConflictError, NotFoundError, SceneEngineClient, ValidationError,
} from '../../../client/index';
import { connectClient } from '../../helpers/connectClient';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

let engine: TestEngine;
let client: SceneEngineClient;
let requests: ReturnType<typeof connectClient>['requests'];

beforeAll(async () => {
  engine = await startTestEngine();
  ({ client, requests } = connectClient(engine));
});
afterAll(async () => engine.dispose());

describe('discovery', () => {
  it('finds the asset manager through GET /status lazily, once, and accepts a URL ending in /v1', async () => {
    const { client: fresh, requests: seen } = connectClient(engine);
    expect(seen).toHaveLength(0);
    expect(await fresh.assetManagerUrl()).toBe(`${engine.url}/am/v1`);
    expect(await fresh.assetManagerUrl()).toBe(`${engine.url}/am/v1`);
    expect(seen.filter((r) => r.url.endsWith('/status'))).toHaveLength(1);
    const withV1 = new SceneEngineClient({ authToken: engine.adminToken, sceneEngineUrl: `${engine.url}/v1/` });
    expect((await withV1.whoami()).username).toBe('admin');
  });

  it('reports the platform version and never puts the token in a URL', async () => {
    expect(await client.getPlatformVersion()).toBe(engine.services.version);
    await client.whoami();
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect(r.url).not.toContain(engine.adminToken);
  });

  it('uses a given asset-manager URL without asking /status', async () => {
    const seen: string[] = [];
    const c = new SceneEngineClient({ authToken: engine.adminToken, sceneEngineUrl: engine.url, assetManagerUrl: `${engine.url}/am/v1`, onResponse: (e) => seen.push(e.url) });
    await c.getAssetManager('images').count();
    expect(seen.some((u) => u.endsWith('/status'))).toBe(false);
  });

  it('answers the asset-manager status and identity routes', async () => {
    const am = client.getAssetManager('images');
    expect(await am.apiStatus()).toBe('ok');
    const me = await am.whoami();
    expect(me).toMatchObject({ username: 'admin', role: 'superadmin' });
    expect(me.organization_id).toBe((await client.whoami()).organization_id);
  });
});

describe('whoami and withAuth', () => {
  it('says who the token belongs to', async () => {
    const me = await client.whoami();
    expect(me).toMatchObject({ username: 'admin', role: 'superadmin', organization: 'default' });
    expect(me.organization_id).toMatch(/\S/);
  });

  it('withAuth swaps the token and keeps the discovered asset manager', async () => {
    const created = await client.addUser({ username: 'viewer1', email: 'v@example.org', role: 'read_only_user' });
    const viewer = client.withAuth(created.token);
    expect((await viewer.whoami()).username).toBe('viewer1');
    expect(await viewer.getAssetManager('images').count()).toBe(0);
  });

  it('refuses a bad or missing token with 401', async () => {
    const bad = client.withAuth('00000000-0000-0000-0000-000000000000');
    await expect(bad.whoami()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(bad.whoami()).rejects.toMatchObject({ status: 401, serverMessage: 'invalid token' });
    const anonymous = new SceneEngineClient({ authToken: '', sceneEngineUrl: engine.url });
    await expect(anonymous.whoami()).rejects.toMatchObject({ status: 401, serverMessage: 'missing token' });
  });
});

describe('users', () => {
  it('adds, lists, modifies and deletes users', async () => {
    const org = (await client.whoami()).organization_id;
    const added = await client.addUser({ username: 'alice', email: 'alice@example.org', role: 'data_provider', organizationId: org });
    expect(added).toMatchObject({ username: 'alice', role: 'data_provider', organization_id: org, email: 'alice@example.org' });
    expect(added.token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect((await client.listUsers()).map((u) => u.username)).toContain('alice');

    const changed = await client.modifyUser('alice', { role: 'data_user', email: 'a2@example.org' });
    expect(changed).toMatchObject({ username: 'alice', role: 'data_user', email: 'a2@example.org' });
    expect((await client.withAuth(added.token).whoami()).role).toBe('data_user');

    await client.deleteUser('alice');
    expect((await client.listUsers()).map((u) => u.username)).not.toContain('alice');
    await expect(client.withAuth(added.token).whoami()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client.deleteUser('alice')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a duplicate username (409) and an unknown role (400 naming the field)', async () => {
    await client.addUser({ username: 'bob', role: 'tester' });
    await expect(client.addUser({ username: 'bob', role: 'tester' })).rejects.toBeInstanceOf(ConflictError);
    const wrong = client.addUser({ username: 'carol', role: 'emperor' as 'tester' });
    await expect(wrong).rejects.toBeInstanceOf(ValidationError);
    await expect(wrong).rejects.toMatchObject({ serverMessage: expect.stringContaining('role') as unknown });
  });
});

describe('organizations', () => {
  it('adds, lists, renames and deletes an organization', async () => {
    const org = await client.addOrganization('acme');
    expect(org.name).toBe('acme');
    expect((await client.listOrganizations()).map((o) => o.name).sort()).toEqual(['acme', 'default']);
    await client.modifyOrganization(org.id, 'acme robotics');
    expect((await client.listOrganizations()).find((o) => o.id === org.id)?.name).toBe('acme robotics');
    await expect(client.addOrganization('acme robotics')).rejects.toBeInstanceOf(ConflictError);
    await client.deleteOrganization(org.id);
    expect((await client.listOrganizations()).map((o) => o.id)).not.toContain(org.id);
    await expect(client.deleteOrganization(org.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to delete an organization that still holds assets (409)', async () => {
    const org = await client.addOrganization('holding');
    const { token } = await client.addUser({ username: 'holder', role: 'admin', organizationId: org.id });
    await client.withAuth(token).getAssetManager('images').putAsset({ id: 'kept', sensor: 'cam' });
    await expect(client.deleteOrganization(org.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it('names the field of a body that fails its schema', async () => {
    const org = await client.addOrganization('named');
    await expect(client.modifyOrganization(org.id, '')).rejects.toMatchObject({ status: 400, serverMessage: expect.stringContaining('organization_name') as unknown });
  });
});

describe('ownerships and cache', () => {
  it('adds, lists and revokes ownerships', async () => {
    await client.addOwnership({ owner: 'team-a', access: 'read' });
    await client.addOwnership({ owner: 'team-b', access: 'write' });
    expect(await client.listOwnerships()).toEqual([{ owner: 'team-a', access: 'read' }, { owner: 'team-b', access: 'write' }]);
    await client.revokeOwnership({ owner: 'team-a', access: 'read' });
    expect(await client.listOwnerships()).toEqual([{ owner: 'team-b', access: 'write' }]);
    await expect(client.revokeOwnership({ owner: 'team-a', access: 'read' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('clears the cache on both servers', async () => {
    expect(await client.clearCache()).toMatchObject({ acknowledged: true });
    expect(await client.clearCache({ allOrganizations: true, partitions: ['images'] })).toMatchObject({ acknowledged: true });
    expect(await client.getAssetManager('images').clearCache()).toMatchObject({ acknowledged: true });
  });
});
