import { z } from 'zod';
import type { AssetType } from '../../shared/scenebox/constants';
import { searchQuerySchema, type SearchQuery } from '../../shared/search/searchQuery';
import { badRequest, notFound } from '../http/HttpError';
import { assetIdOf } from '../http/parseInput';
import type { Identity } from '../identity/IdentityStore';
import type { JobContext, JobService } from '../jobs/JobService';
import type { Doc, WriteMode } from '../meta/mergeDocuments';
import type { MetaStore, Scope } from '../meta/MetaStore';
import type { ObjectStorage } from '../storage/ObjectStorage';

const BATCH = 1000;

export const objectAccessSchema = z.looseObject({
  uri: z.string().nullish(),
  url: z.string().nullish(),
  filename: z.string().nullish(),
});

const removeByListPayload = z.object({ assetType: z.string(), ids: z.array(z.string()) });
const removeByQueryPayload = z.object({ assetType: z.string(), query: searchQuerySchema });
const updateByQueryPayload = z.object({
  assetType: z.string(), query: searchQuerySchema, field: z.string(), value: z.unknown(), operation: z.enum(['add', 'remove']),
  limit: z.number().int().positive().nullish(),
});
const removeKeyPayload = z.object({ assetType: z.string(), key: z.string() });

/** Asset rules both the SceneEngine and the asset-manager routes follow. */
export class AssetService {
  readonly #meta: MetaStore;
  readonly #storage: ObjectStorage;
  readonly #jobs: JobService;

  public constructor(meta: MetaStore, storage: ObjectStorage, jobs: JobService) {
    this.#meta = meta;
    this.#storage = storage;
    this.#jobs = jobs;
    this.#registerJobs();
  }

  public scope(identity: Identity, assetType: AssetType): Scope {
    return { organizationId: identity.organization_id, assetType };
  }

  public get(identity: Identity, assetType: AssetType, rawId: string): Doc {
    const id = assetIdOf(rawId);
    const doc = this.#meta.get(this.scope(identity, assetType), id);
    if (!doc) throw notFound(`no ${assetType} asset ${id}`);
    return doc;
  }

  /**
   * Writes metadata documents. Ids are standardized as the client does, the document's `id`
   * follows the key it is stored under, and `owner` is always the caller's organization.
   */
  public write(identity: Identity, assetType: AssetType, rawIds: readonly unknown[], docs: readonly unknown[], mode: WriteMode): Doc[] {
    if (rawIds.length !== docs.length) throw badRequest(`ids has ${rawIds.length} entries but metadata has ${docs.length}`);
    const items = rawIds.map((raw, i) => {
      const doc = docs[i];
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw badRequest(`metadata.${i}: must be an object`);
      const id = assetIdOf(raw, `ids.${i}`);
      return { id, doc: { ...(doc as Doc), id, owner: identity.organization_id } };
    });
    return this.#meta.write(this.scope(identity, assetType), items, mode);
  }

  public copy(identity: Identity, assetType: AssetType, rawId: string, rawNewId: string): Doc {
    const doc = this.get(identity, assetType, rawId);
    return this.write(identity, assetType, [rawNewId], [doc], { replace: true, replaceSets: true })[0] ?? doc;
  }

  /** A presigned download URL of an asset's bytes, from its `object_access` (or a stored file of that id). */
  public downloadUrl(identity: Identity, assetType: AssetType, rawId: string, baseUrl: string, expiration: number): string {
    const id = assetIdOf(rawId);
    const doc = this.#meta.get(this.scope(identity, assetType), id);
    const access = objectAccessSchema.safeParse(doc?.object_access);
    if (access.success && access.data.url && !access.data.uri) return access.data.url;
    const record = access.success && access.data.uri
      ? this.#storage.objectForUri(identity.organization_id, access.data.uri)
      : this.#storage.objectForFileId(identity.organization_id, rawId);
    if (!record) throw notFound(`no ${assetType} asset ${id} with stored bytes`);
    return this.#storage.presignGet(baseUrl, record, expiration);
  }

  public urlForObjectAccess(identity: Identity, access: unknown, baseUrl: string): string {
    const parsed = objectAccessSchema.safeParse(access);
    if (!parsed.success) throw badRequest('object access must be an object with uri or url');
    if (parsed.data.url) return parsed.data.url;
    if (!parsed.data.uri) throw badRequest('object access has neither uri nor url');
    return this.#storage.presignGet(baseUrl, this.#storage.objectForUri(identity.organization_id, parsed.data.uri));
  }

  public removeByList(identity: Identity, assetType: AssetType, ids: readonly string[]): string {
    return this.#jobs.submit(identity.organization_id, 'remove_with_list', { assetType, ids: ids.map((id) => assetIdOf(id)) }, {
      description: `remove ${ids.length} ${assetType}`, user: identity.username, assetType,
    });
  }

  public removeByQuery(identity: Identity, assetType: AssetType, query: SearchQuery): string {
    return this.#jobs.submit(identity.organization_id, 'remove_with_query', { assetType, query }, {
      description: `remove ${assetType} by query`, user: identity.username, assetType,
    });
  }

  public updateByQuery(identity: Identity, assetType: AssetType, payload: Omit<z.input<typeof updateByQueryPayload>, 'assetType'>): string {
    return this.#jobs.submit(identity.organization_id, 'update_by_query', { ...payload, assetType }, {
      description: `${payload.operation} ${payload.field} on ${assetType} by query`, user: identity.username, assetType,
    });
  }

  public removeKey(identity: Identity, assetType: AssetType, key: string): string {
    return this.#jobs.submit(identity.organization_id, 'remove_key_from_index', { assetType, key }, {
      description: `remove ${key} from ${assetType}`, user: identity.username, assetType,
    });
  }

  #registerJobs(): void {
    this.#jobs.register('remove_with_list', {
      jobType: 'media_removal',
      resumable: true,
      run: async (ctx) => {
        const p = removeByListPayload.parse(ctx.payload);
        const scope = { organizationId: ctx.organizationId, assetType: p.assetType as AssetType };
        await this.#inBatches(ctx, p.ids, (ids) => this.#meta.delete(scope, ids));
      },
    });
    this.#jobs.register('remove_with_query', {
      jobType: 'media_removal',
      resumable: true,
      run: async (ctx) => {
        const p = removeByQueryPayload.parse(ctx.payload);
        const scope = { organizationId: ctx.organizationId, assetType: p.assetType as AssetType };
        const ids = this.#allIds(scope, p.query);
        await this.#inBatches(ctx, ids, (batch) => this.#meta.delete(scope, batch));
      },
    });
    this.#jobs.register('update_by_query', {
      jobType: 'entity_modification',
      resumable: true,
      run: async (ctx) => {
        const p = updateByQueryPayload.parse(ctx.payload);
        const scope = { organizationId: ctx.organizationId, assetType: p.assetType as AssetType };
        const ids = this.#allIds(scope, p.query).slice(0, p.limit ?? undefined);
        await this.#inBatches(ctx, ids, (batch) => {
          const docs = this.#meta.getMany(scope, batch).map((doc) => ({ id: String(doc.id), doc: applyListOperation(doc, p.field, p.value, p.operation) }));
          this.#meta.write(scope, docs, { replace: true, replaceSets: true });
        });
      },
    });
    this.#jobs.register('remove_key_from_index', {
      jobType: 'entity_modification',
      resumable: true,
      run: async (ctx) => {
        const p = removeKeyPayload.parse(ctx.payload);
        const scope = { organizationId: ctx.organizationId, assetType: p.assetType as AssetType };
        const ids = this.#allIds(scope, { exists_filters: [{ field: p.key }] });
        await this.#inBatches(ctx, ids, (batch) => {
          const docs = this.#meta.getMany(scope, batch).map((doc) => ({ id: String(doc.id), doc: withoutPath(doc, p.key) }));
          this.#meta.write(scope, docs, { replace: true, replaceSets: true });
        });
      },
    });
  }

  #allIds(scope: Scope, query: SearchQuery): string[] {
    const ids: string[] = [];
    for (;;) {
      const last = ids[ids.length - 1];
      const page = this.#meta.searchIds(scope, query, { size: 5000, offset: 0, sortField: 'id', sortOrder: 'asc', ...(last !== undefined ? { searchAfter: last } : {}) });
      if (page.length === 0) return ids;
      ids.push(...page);
    }
  }

  async #inBatches(ctx: JobContext, ids: readonly string[], apply: (batch: string[]) => unknown): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH) {
      ctx.signal.throwIfAborted();
      apply(ids.slice(i, i + BATCH));
      ctx.progress(((i + BATCH) / ids.length) * 100);
      // Yield between batches so that requests are served while a large job runs.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** `update_by_query`: adds a value to (or removes it from) a list field, creating the list if needed. */
function applyListOperation(doc: Doc, field: string, value: unknown, operation: 'add' | 'remove'): Doc {
  const parts = field.split('.');
  const out = structuredClone(doc);
  let node: Doc = out;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = next !== null && typeof next === 'object' && !Array.isArray(next) ? (next as Doc) : (node[part] = {});
  }
  const leaf = parts[parts.length - 1] ?? field;
  const current = node[leaf];
  const list: unknown[] = Array.isArray(current) ? (current as unknown[]) : current === undefined || current === null ? [] : [current];
  const key = JSON.stringify(value);
  node[leaf] = operation === 'add'
    ? (list.some((x) => JSON.stringify(x) === key) ? list : [...list, value])
    : list.filter((x) => JSON.stringify(x) !== key);
  return out;
}

function withoutPath(doc: Doc, path: string): Doc {
  const parts = path.split('.');
  const out = structuredClone(doc);
  let node: unknown = out;
  for (const part of parts.slice(0, -1)) node = node !== null && typeof node === 'object' ? (node as Doc)[part] : undefined;
  if (node !== null && typeof node === 'object') delete (node as Doc)[parts[parts.length - 1] ?? path];
  return out;
}
