import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneEngineClient } from '../../../client/index';
import { NotFoundError, PermissionError } from '../../../client/index';
import { connectClient } from '../../helpers/connectClient';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

let engine: TestEngine;
let root: SceneEngineClient;
const users: Record<string, SceneEngineClient> = {};
let otherOrgId: string;
let ownOrgId: string;
const secretBytes = Buffer.from('bytes of the other organization');
let secretUri: string;

const as = (name: string): SceneEngineClient => {
  const c = users[name];
  if (!c) throw new Error(`no user ${name}`);
  return c;
};

beforeAll(async () => {
  engine = await startTestEngine();
  root = connectClient(engine).client;
  ownOrgId = (await root.whoami()).organization_id;
  otherOrgId = (await root.addOrganization('other')).id;
  const roles = [['org_admin', 'admin', ownOrgId], ['provider', 'data_provider', ownOrgId], ['viewer', 'read_only_user', ownOrgId], ['analyst', 'data_user', ownOrgId],
    ['other_admin', 'admin', otherOrgId], ['other_provider', 'data_provider', otherOrgId]] as const;
  for (const [username, role, organizationId] of roles) {
    users[username] = root.withAuth((await root.addUser({ username, role, organizationId })).token);
  }
  await as('provider').getAssetManager('images').putAsset({ id: 'shared_id', owner_note: 'own' }, Buffer.from('own bytes'));
  const other = as('other_provider').getAssetManager('images');
  await other.putAsset({ id: 'shared_id', owner_note: 'other' });
  const { upload } = await other.putAsset({ id: 'secret', sensor: 'hidden' }, secretBytes);
  secretUri = upload?.uri ?? '';
});
afterAll(async () => engine.dispose());

describe('roles', () => {
  it('a read-only user reads but cannot write anything (403), and nothing changes', async () => {
    const viewer = as('viewer');
    const images = viewer.getAssetManager('images');
    expect(await images.searchAssets()).toEqual(['shared_id']);
    await expect(images.putAsset({ id: 'x' })).rejects.toBeInstanceOf(PermissionError);
    await expect(images.updateMetadata('shared_id', { owner_note: 'changed' })).rejects.toBeInstanceOf(PermissionError);
    await expect(images.putFile(Buffer.from('x'), { id: 'x.bin' })).rejects.toBeInstanceOf(PermissionError);
    await expect(images.deleteWithList(['shared_id'])).rejects.toBeInstanceOf(PermissionError);
    await expect(images.delete('shared_id')).rejects.toMatchObject({ status: 403, serverMessage: 'role read_only_user may not write' });
    await expect(viewer.addCommentToAssets('images', ['shared_id'], 'hi')).rejects.toBeInstanceOf(PermissionError);
    await expect(viewer.getJobManager().createJob({ jobType: 'ingestion' })).rejects.toBeInstanceOf(PermissionError);
    await expect(viewer.clearCache()).rejects.toBeInstanceOf(PermissionError);
    expect(await root.getAssetManager('images').getMetadata('shared_id')).toMatchObject({ owner_note: 'own' });
    expect(await images.count()).toBe(1);
  });

  it('a data_user reads, and a data_provider writes, but neither manages users (403)', async () => {
    await expect(as('analyst').getAssetManager('images').putAsset({ id: 'y' })).rejects.toBeInstanceOf(PermissionError);
    const provider = as('provider');
    await provider.getAssetManager('images').putAsset({ id: 'provided' });
    await expect(provider.addUser({ username: 'sneaky', role: 'admin' })).rejects.toBeInstanceOf(PermissionError);
    await expect(provider.listUsers()).rejects.toBeInstanceOf(PermissionError);
    await expect(provider.deleteUser('viewer')).rejects.toBeInstanceOf(PermissionError);
    await expect(provider.addOwnership({ owner: 'x', access: 'y' })).rejects.toBeInstanceOf(PermissionError);
    expect((await root.listUsers()).map((u) => u.username)).not.toContain('sneaky');
  });

  it('an admin manages its own organization only and cannot mint a superadmin', async () => {
    const admin = as('org_admin');
    const added = await admin.addUser({ username: 'new_tester', role: 'tester' });
    expect(added.organization_id).toBe(ownOrgId);
    expect((await admin.listUsers()).map((u) => u.username).sort()).toEqual(['admin', 'analyst', 'new_tester', 'org_admin', 'provider', 'viewer']);
    await expect(admin.addUser({ username: 'boss', role: 'superadmin' })).rejects.toBeInstanceOf(PermissionError);
    await expect(admin.modifyUser('new_tester', { role: 'superadmin' })).rejects.toBeInstanceOf(PermissionError);
    await expect(admin.addUser({ username: 'spy', role: 'tester', organizationId: otherOrgId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.modifyUser('other_provider', { role: 'read_only_user' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.deleteUser('other_admin')).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.modifyUser('new_tester', { organizationId: otherOrgId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.addOrganization('mine')).rejects.toBeInstanceOf(PermissionError);
    await expect(admin.clearCache({ allOrganizations: true })).rejects.toBeInstanceOf(PermissionError);
    expect(await admin.listOrganizations()).toEqual([{ id: ownOrgId, name: 'default' }]);
    const untouched = (await root.listUsers()).filter((u) => u.organization_id === otherOrgId);
    expect(untouched.map((u) => [u.username, u.role])).toEqual([['other_admin', 'admin'], ['other_provider', 'data_provider']]);
    expect((await root.listUsers()).map((u) => u.username)).not.toContain('spy');
  });
});

describe('organization isolation', () => {
  it("another organization's asset is 404 for get, absent for exists and search, never leaked", async () => {
    const mine = as('provider');
    const images = mine.getAssetManager('images');
    await expect(images.getMetadata('secret')).rejects.toBeInstanceOf(NotFoundError);
    await expect(mine.getMetadata('secret', 'images')).rejects.toBeInstanceOf(NotFoundError);
    expect(await images.exists('secret')).toBe(false);
    expect(await images.existsMultiple(['secret'])).toEqual({ secret: false });
    expect(await images.searchAssets({ filters: [{ field: 'sensor', values: ['hidden'] }] })).toEqual([]);
    expect(await mine.searchAssets('images')).toEqual(['provided', 'shared_id']);
    expect(await images.getMetadataInBatch(['secret'])).toEqual([]);
    expect(await mine.getComments('images', ['secret'])).toEqual({});
    expect(await images.count()).toBe(2);
    expect((await images.getMetadata('shared_id')).owner_note).toBe('own');
    expect((await as('other_provider').getAssetManager('images').getMetadata('shared_id')).owner_note).toBe('other');
  });

  it("another organization's bytes have no URL, no sha256 match and no listing", async () => {
    const images = as('provider').getAssetManager('images');
    await expect(images.getUrl('secret')).rejects.toBeInstanceOf(NotFoundError);
    await expect(images.getUrlFromObjectAccess({ uri: secretUri })).rejects.toBeInstanceOf(NotFoundError);
    expect(await images.getUrlsFromObjectAccesses(['s'], [{ uri: secretUri }])).toEqual({ s: null });
    expect(await images.findObjectBySha256(createHash('sha256').update(secretBytes).digest('hex'))).toEqual({ exists: false });
    expect((await images.listObjects('scenedock')).map((o) => o.key)).toEqual(['shared_id']);
    expect(await images.deleteIfExistsInStorage('secret')).toBe(false);
    expect((await as('other_provider').getAssetManager('images').getBytes('secret')).equals(secretBytes)).toBe(true);
  });

  it("another organization's uploads and jobs are 404", async () => {
    const other = as('other_provider');
    const uploadId = await other.getAssetManager('images').createMultipartUpload('theirs.bin');
    const jobId = await other.getJobManager().createJob({ jobType: 'ingestion' });
    const mine = as('provider');
    await expect(mine.getAssetManager('images').listUploadedParts(uploadId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(mine.getAssetManager('images').getPartUploadUrl('theirs.bin', 1, uploadId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(mine.getAssetManager('images').abortMultipartUpload(uploadId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(mine.getJob(jobId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(mine.cancelJob(jobId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(mine.getJobManager(jobId).finish()).rejects.toBeInstanceOf(NotFoundError);
    expect(await other.getJob(jobId)).toMatchObject({ status: 'queued' });
    expect(await other.getAssetManager('images').listUploadedParts(uploadId)).toEqual([]);
  });

  it('only a superadmin stores bytes for another organization', async () => {
    const { SceneBoxHttp } = await import('../../../client/index');
    const { storageWire } = await import('../../../shared/wire/storageWire');
    const base = await root.assetManagerUrl();
    const body = { id: 'placed.bin', owner_organization_id: otherOrgId };
    const asProvider = new SceneBoxHttp({ baseUrl: base, authToken: (await root.addUser({ username: 'p2', role: 'data_provider' })).token });
    await expect(asProvider.post('/assets/multipart_upload_id', { schema: storageWire.uploadId, query: { asset_type: 'images' }, body })).rejects.toBeInstanceOf(PermissionError);
    const asRoot = new SceneBoxHttp({ baseUrl: base, authToken: engine.adminToken });
    const { upload_id: uploadId } = await asRoot.post('/assets/multipart_upload_id', { schema: storageWire.uploadId, query: { asset_type: 'images' }, body });
    expect(await as('other_provider').getAssetManager('images').listUploadedParts(uploadId)).toEqual([]);
  });
});
