import type { JobStatus } from '../../shared/scenebox/constants';
import type { SearchQuery } from '../../shared/search/searchQuery';
import { conflict } from '../http/HttpError';
import type { JobService } from '../jobs/JobService';
import type { Doc } from '../meta/mergeDocuments';
import type { MetaStore, Scope } from '../meta/MetaStore';
import { setDocumentSchema, type SetDocument, type SetOperation } from './setDocument';

const ID_PAGE = 50_000;
const REPLACE: { replace: boolean; replaceSets: boolean } = { replace: true, replaceSets: true };

/**
 * Sets of one organization in the MetaStore: set documents (type `sets`) and their members, which
 * are the assets of the set's `assets_type` whose `sets` list holds the set id. A set's `status`
 * follows the jobs working on it (`operations`); an entry whose job ended without removing it (the
 * engine stopped) is dropped the next time the set is read.
 */
export class SetStore {
  readonly #meta: MetaStore;
  readonly #jobs: JobService;

  public constructor(meta: MetaStore, jobs: JobService) {
    this.#meta = meta;
    this.#jobs = jobs;
  }

  public static setsScope(organizationId: string): Scope {
    return { organizationId, assetType: 'sets' };
  }

  public static memberScope(organizationId: string, set: SetDocument): Scope {
    return { organizationId, assetType: set.assets_type };
  }

  /** A set, checked; undefined when there is none. A document too broken to use is a 409. */
  public get(organizationId: string, id: string): SetDocument | undefined {
    const doc = this.#meta.get(SetStore.setsScope(organizationId), id);
    if (!doc) return undefined;
    const parsed = setDocumentSchema.safeParse(doc);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw conflict(`set ${id} cannot be used: ${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`);
    }
    const live = parsed.data.operations.filter((op) => this.#jobActive(organizationId, op.job_id));
    return live.length === parsed.data.operations.length ? parsed.data : this.#withOperations(organizationId, parsed.data, live);
  }

  public exists(organizationId: string, id: string): boolean {
    return this.#meta.exists(SetStore.setsScope(organizationId), id);
  }

  public put(organizationId: string, doc: Doc & { id: string }): void {
    this.#meta.write(SetStore.setsScope(organizationId), [{ id: doc.id, doc: { ...doc, owner: organizationId } }], REPLACE);
  }

  public remove(organizationId: string, id: string): void {
    this.#meta.delete(SetStore.setsScope(organizationId), [id]);
  }

  public findByName(organizationId: string, name: string): string | undefined {
    const query: SearchQuery = { filters: [{ field: 'name', values: [name], filter_out: false }] };
    // The index also matches the same name written as a number or a timestamp; names are compared exactly.
    const candidates = this.#meta.searchIds(SetStore.setsScope(organizationId), query, { size: 100, offset: 0, sortField: 'id', sortOrder: 'asc' });
    return this.#meta.getMany(SetStore.setsScope(organizationId), candidates).find((d) => d.name === name)?.id as string | undefined;
  }

  /** Records that a job works on the set (idempotent), putting the set in `state`. */
  public beginOperation(organizationId: string, setId: string, jobId: string, state: SetOperation['state']): void {
    const set = this.get(organizationId, setId);
    if (!set || set.operations.some((op) => op.job_id === jobId)) return;
    this.#withOperations(organizationId, set, [...set.operations, { job_id: jobId, state }]);
  }

  public endOperation(organizationId: string, setId: string, jobId: string): void {
    const set = this.get(organizationId, setId);
    if (!set) return;
    this.#withOperations(organizationId, set, set.operations.filter((op) => op.job_id !== jobId));
  }

  public setLocked(organizationId: string, set: SetDocument, locked: boolean): void {
    this.put(organizationId, { ...set, locked });
  }

  /** Member assets matching a search (all of them by default). */
  public memberQuery(set: SetDocument, search: SearchQuery = {}): SearchQuery {
    return { ...search, filters: [...(search.filters ?? []), { field: 'sets', values: [set.id], filter_out: false }] };
  }

  public count(organizationId: string, set: SetDocument): number {
    return this.#meta.count(SetStore.memberScope(organizationId, set), this.memberQuery(set));
  }

  /** Every id a query matches in a scope, in id order (byte order, so the same on every machine). */
  public allIds(scope: Scope, query: SearchQuery): string[] {
    const ids: string[] = [];
    for (;;) {
      const last = ids[ids.length - 1];
      const page = this.#meta.searchIds(scope, query, { size: ID_PAGE, offset: 0, sortField: 'id', sortOrder: 'asc', ...(last !== undefined ? { searchAfter: last } : {}) });
      for (const id of page) ids.push(id);
      if (page.length < ID_PAGE) return ids;
    }
  }

  #withOperations(organizationId: string, set: SetDocument, operations: SetOperation[]): SetDocument {
    const next: SetDocument = { ...set, operations, status: operations[operations.length - 1]?.state ?? 'ready' };
    this.put(organizationId, next);
    return next;
  }

  #jobActive(organizationId: string, jobId: string): boolean {
    try {
      const status = this.#jobs.get(organizationId, jobId).status as JobStatus;
      return status !== 'finished' && status !== 'aborted';
    } catch {
      return false;
    }
  }
}
