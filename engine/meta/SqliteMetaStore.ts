import type { Database, Statement } from 'better-sqlite3';
import type { AssetType } from '../../shared/scenebox/constants';
import type {
  AggregationRequest, SearchPage, SearchQuery, SummaryRequest, SummaryResponse,
} from '../../shared/search/searchQuery';
import { candidateSql, probeSql, type SqlFragment } from './candidateSql';
import { compileConditions, type Condition } from './compileConditions';
import { FieldPathRegistry } from './FieldPathRegistry';
import { entryKey, flattenDocument, type IndexEntry } from './flattenDocument';
import { listUpdateSql } from './listUpdateSql';
import { mergeDocuments, type Doc, type WriteMode } from './mergeDocuments';
import { normalizeIndexValue } from './normalizeIndexValue';
import type { AggregationKind, FieldInfo, FieldStatistics, ListChange, MetaStore, Scope } from './MetaStore';
import { projectFields } from './projectFields';

const DEFAULT_BUCKETS = 100;
/** `updateList` edits top-level fields only: the name goes into a JSON path, so it must be plain. */
const PLAIN_FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** MetaStore over the engine's SQLite file (see migration 0001 for the layout). */
export class SqliteMetaStore implements MetaStore {
  readonly #db: Database;
  readonly #paths: FieldPathRegistry;
  readonly #scopeIds = new Map<string, number>();
  readonly #stmt: {
    scopeGet: Statement<[string, string]>;
    scopeInsert: Statement<[string, string]>;
    docGet: Statement<[number, string]>;
    docPut: Statement<[number, string, string, string]>;
    docDelete: Statement<[number, string]>;
    valueInsert: Statement<[number, number, string | number, string]>;
    valueDelete: Statement<[number, number, string | number, string]>;
    typesOfOrg: Statement<[string]>;
    listAdd: Statement<[ListParams]>;
    listAddIndex: Statement<[ListParams]>;
    listRemove: Statement<[ListParams]>;
    listRemoveIndex: Statement<[ListParams]>;
  };

  public constructor(db: Database) {
    this.#db = db;
    this.#paths = new FieldPathRegistry(db);
    this.#stmt = {
      scopeGet: db.prepare('SELECT id FROM scopes WHERE organization_id = ? AND asset_type = ?'),
      scopeInsert: db.prepare('INSERT INTO scopes (organization_id, asset_type) VALUES (?, ?)'),
      docGet: db.prepare('SELECT doc FROM assets WHERE scope = ? AND id = ?'),
      docPut: db.prepare('INSERT INTO assets (scope, id, doc, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (scope, id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at'),
      docDelete: db.prepare('DELETE FROM assets WHERE scope = ? AND id = ?'),
      valueInsert: db.prepare('INSERT OR IGNORE INTO field_values (scope, path, v, id) VALUES (?, ?, ?, ?)'),
      valueDelete: db.prepare('DELETE FROM field_values WHERE scope = ? AND path = ? AND v = ? AND id = ?'),
      typesOfOrg: db.prepare('SELECT s.asset_type AS t FROM scopes s WHERE s.organization_id = ? AND EXISTS (SELECT 1 FROM assets a WHERE a.scope = s.id)'),
      listAdd: db.prepare(listUpdateSql.add).pluck(),
      listAddIndex: db.prepare(listUpdateSql.addIndex),
      listRemove: db.prepare(listUpdateSql.remove).pluck(),
      listRemoveIndex: db.prepare(listUpdateSql.removeIndex),
    };
  }

  public get(scope: Scope, id: string): Doc | undefined {
    const s = this.#scope(scope, false);
    if (s === undefined) return undefined;
    const row = this.#stmt.docGet.get(s, id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as Doc) : undefined;
  }

  public getMany(scope: Scope, ids: readonly string[]): Doc[] {
    const s = this.#scope(scope, false);
    if (s === undefined) return [];
    const out: Doc[] = [];
    for (const id of ids) {
      const row = this.#stmt.docGet.get(s, id) as { doc: string } | undefined;
      if (row) out.push(JSON.parse(row.doc) as Doc);
    }
    return out;
  }

  public exists(scope: Scope, id: string): boolean {
    const s = this.#scope(scope, false);
    return s !== undefined && this.#stmt.docGet.get(s, id) !== undefined;
  }

  public write(scope: Scope, items: readonly { id: string; doc: Doc }[], mode: WriteMode): Doc[] {
    const run = this.#db.transaction(() => {
      const s = this.#scope(scope, true);
      const now = new Date().toISOString();
      return items.map(({ id, doc }) => {
        const row = this.#stmt.docGet.get(s, id) as { doc: string } | undefined;
        const old = row ? (JSON.parse(row.doc) as Doc) : undefined;
        const merged: Doc = { ...mergeDocuments(old, doc, mode), id };
        this.#reindex(s, id, old ? flattenDocument(old) : [], flattenDocument(merged));
        this.#stmt.docPut.run(s, id, JSON.stringify(merged), now);
        return merged;
      });
    });
    return this.#guarded(run);
  }

  public updateList(scope: Scope, field: string, operation: 'add' | 'remove', changes: readonly ListChange[]): number {
    if (!PLAIN_FIELD.test(field)) throw new Error(`updateList: field ${JSON.stringify(field)} is not a plain top-level name`);
    for (const { value } of changes) {
      // The index must hold the value as written, or the membership test of listUpdateSql would miss it.
      if (normalizeIndexValue(value) !== value) throw new Error(`updateList: value ${JSON.stringify(value.slice(0, 64))} is not indexed as itself`);
    }
    const run = this.#db.transaction(() => {
      const s = operation === 'add' ? this.#scope(scope, true) : this.#scope(scope, false);
      let path = this.#paths.lookup(field);
      if (s === undefined || (path === undefined && operation === 'remove')) return 0;
      path ??= this.#paths.idFor(field);
      if (operation === 'add') this.#paths.noteScopeField(s, path);
      const [edit, index] = operation === 'add' ? [this.#stmt.listAdd, this.#stmt.listAddIndex] : [this.#stmt.listRemove, this.#stmt.listRemoveIndex];
      const now = new Date().toISOString();
      let changed = 0;
      // One transaction for every change: a page shared by several changes is written to the WAL once.
      for (const { value, ids } of changes) {
        if (ids.length === 0) continue;
        const params: ListParams = { scope: s, path, jpath: `$.${field}`, jappend: `$.${field}[#]`, v: value, ids: JSON.stringify(ids), now, changed: '[]' };
        const edited = edit.all(params) as string[];
        if (edited.length === 0) continue;
        changed += edited.length;
        index.run({ ...params, changed: JSON.stringify(edited) });
      }
      return changed;
    });
    return this.#guarded(run);
  }

  public delete(scope: Scope, ids: readonly string[]): number {
    const s = this.#scope(scope, false);
    if (s === undefined) return 0;
    const run = this.#db.transaction(() => {
      let n = 0;
      for (const id of ids) {
        const row = this.#stmt.docGet.get(s, id) as { doc: string } | undefined;
        if (!row) continue;
        this.#reindex(s, id, flattenDocument(JSON.parse(row.doc) as Doc), []);
        this.#stmt.docDelete.run(s, id);
        n += 1;
      }
      return n;
    });
    return this.#guarded(run);
  }

  public searchIds(scope: Scope, query: SearchQuery, page: SearchPage): string[] {
    const s = this.#scope(scope, false);
    if (s === undefined) return [];
    const q = this.#pageSql(s, query, page);
    return (this.#db.prepare(q.sql).pluck().all(...q.params) as string[]);
  }

  public searchDocsJson(scope: Scope, query: SearchQuery, page: SearchPage, fields?: readonly string[]): string {
    const s = this.#scope(scope, false);
    if (s === undefined) return '[]';
    const texts: string[] = [];
    for (const id of this.searchIds(scope, query, page)) {
      const row = this.#stmt.docGet.get(s, id) as { doc: string } | undefined;
      if (!row) continue;
      // Stored documents are JSON already: without a projection they are sent as stored, unparsed.
      texts.push(fields?.length ? JSON.stringify(projectFields(JSON.parse(row.doc) as Doc, fields)) : row.doc);
    }
    return `[${texts.join(',')}]`;
  }

  public count(scope: Scope, query: SearchQuery): number {
    const s = this.#scope(scope, false);
    if (s === undefined) return 0;
    const c = this.#candidates(s, query);
    return this.#db.prepare(`SELECT count(*) FROM (${c.sql})`).pluck().get(...c.params) as number;
  }

  public summary(scope: Scope, request: SummaryRequest): SummaryResponse {
    const query = request.search ?? {};
    const total = this.count(scope, query);
    const s = this.#scope(scope, false);
    const dimensions = [...(request.dimensions ?? []), ...(request.nested_dimensions ?? [])];
    const limit = request.max_size_for_agg ?? DEFAULT_BUCKETS;
    const aggregations = dimensions.map((dimension) => {
      const path = this.#paths.lookup(dimension.replace(/\.keyword$/, ''));
      if (s === undefined || path === undefined || total === 0) return { dimension, buckets: [] };
      const within = this.#within(s, query);
      const rows = this.#db.prepare(
        `SELECT s.v AS key, count(*) AS doc_count FROM field_values s WHERE s.scope = ? AND s.path = ?${within.sql} GROUP BY s.v ORDER BY doc_count DESC, key ASC LIMIT ?`,
      ).all(s, path, ...within.params, limit) as { key: string | number; doc_count: number }[];
      return { dimension, buckets: rows };
    });
    return { total, aggregations };
  }

  public aggregate(scope: Scope, request: AggregationRequest, kind: AggregationKind): number | null {
    const s = this.#scope(scope, false);
    const path = this.#paths.lookup(request.field_name.replace(/\.keyword$/, ''));
    if (s === undefined || path === undefined) return kind === 'cardinality' ? 0 : null;
    const within = this.#within(s, request.search ?? {});
    const expr = kind === 'sum' ? 'sum(s.v)' : kind === 'average' ? 'avg(s.v)' : 'count(DISTINCT s.v)';
    const numeric = kind === 'cardinality' ? '' : " AND typeof(s.v) IN ('integer', 'real')";
    return this.#db.prepare(
      `SELECT ${expr} FROM field_values s WHERE s.scope = ? AND s.path = ?${numeric}${within.sql}`,
    ).pluck().get(s, path, ...within.params) as number | null;
  }

  public fields(scope: Scope): FieldInfo[] {
    const s = this.#scope(scope, false);
    if (s === undefined) return [];
    const rows = this.#db.prepare(
      `SELECT p.path AS field,
              (SELECT v FROM field_values x WHERE x.scope = f.scope AND x.path = f.path ORDER BY v ASC LIMIT 1) AS lo,
              (SELECT v FROM field_values x WHERE x.scope = f.scope AND x.path = f.path ORDER BY v DESC LIMIT 1) AS hi
       FROM scope_fields f JOIN field_paths p ON p.id = f.path WHERE f.scope = ? ORDER BY p.path`,
    ).all(s) as { field: string; lo: string | number | null; hi: string | number | null }[];
    return rows.filter((r) => r.lo !== null).map((r) => ({ field: r.field, type: fieldType(r.lo, r.hi) }));
  }

  public fieldStatistics(scope: Scope): Record<string, FieldStatistics> {
    const s = this.#scope(scope, false);
    const out: Record<string, FieldStatistics> = {};
    if (s === undefined) return out;
    const stat = this.#db.prepare(
      `SELECT (SELECT v FROM field_values x WHERE x.scope = ? AND x.path = ? ORDER BY v ASC LIMIT 1) AS min,
              (SELECT v FROM field_values x WHERE x.scope = ? AND x.path = ? ORDER BY v DESC LIMIT 1) AS max,
              (SELECT count(DISTINCT id) FROM field_values x WHERE x.scope = ? AND x.path = ?) AS count`,
    );
    for (const { field } of this.fields(scope)) {
      const path = this.#paths.lookup(field);
      if (path === undefined) continue;
      out[field] = stat.get(s, path, s, path, s, path) as FieldStatistics;
    }
    return out;
  }

  public assetTypes(organizationId: string): AssetType[] {
    return this.#stmt.typesOfOrg.pluck().all(organizationId) as AssetType[];
  }

  /** Runs a write transaction; on failure the path cache may hold ids the rollback removed. */
  #guarded<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.#paths.reload(this.#db);
      throw error;
    }
  }

  #reindex(scope: number, id: string, before: IndexEntry[], after: IndexEntry[]): void {
    const keep = new Set(after.map(entryKey));
    const had = new Set(before.map(entryKey));
    for (const e of before) {
      if (keep.has(entryKey(e))) continue;
      const path = this.#paths.lookup(e.path);
      if (path !== undefined) this.#stmt.valueDelete.run(scope, path, e.value, id);
    }
    for (const e of after) {
      if (had.has(entryKey(e))) continue;
      const path = this.#paths.idFor(e.path);
      this.#paths.noteScopeField(scope, path);
      this.#stmt.valueInsert.run(scope, path, e.value, id);
    }
  }

  #scope(scope: Scope, create: true): number;
  #scope(scope: Scope, create: false): number | undefined;
  #scope(scope: Scope, create: boolean): number | undefined {
    const key = `${scope.organizationId}\u0000${scope.assetType}`;
    const cached = this.#scopeIds.get(key);
    if (cached !== undefined) return cached;
    const row = this.#stmt.scopeGet.get(scope.organizationId, scope.assetType) as { id: number } | undefined;
    let id = row?.id;
    if (id === undefined && create) id = Number(this.#stmt.scopeInsert.run(scope.organizationId, scope.assetType).lastInsertRowid);
    if (id !== undefined) this.#scopeIds.set(key, id);
    return id;
  }

  #candidates(scope: number, query: SearchQuery): SqlFragment {
    const conditions = compileConditions(query, this.#paths);
    return candidateSql(scope, conditions, (c) => this.#estimate(scope, c));
  }

  /** ` AND s.id IN (candidates)`, or nothing when the query matches the whole scope. */
  #within(scope: number, query: SearchQuery): SqlFragment {
    const conditions = compileConditions(query, this.#paths);
    if (conditions.length === 0) return { sql: '', params: [] };
    const c = candidateSql(scope, conditions, (x) => this.#estimate(scope, x));
    return { sql: ` AND s.id IN (${c.sql})`, params: c.params };
  }

  #estimate(scope: number, c: Condition): number {
    const probe = probeSql(scope, c);
    if (!probe) return Number.MAX_SAFE_INTEGER;
    return this.#db.prepare(probe.sql).pluck().get(...probe.params) as number;
  }

  #pageSql(scope: number, query: SearchQuery, page: SearchPage): SqlFragment {
    const c = this.#candidates(scope, query);
    const dir = page.sortOrder === 'desc' ? 'DESC' : 'ASC';
    const cmp = page.sortOrder === 'desc' ? '<' : '>';
    if (page.sortField === 'id') {
      const after = page.searchAfter !== undefined ? ` WHERE c.id ${cmp} ?` : '';
      return {
        sql: `SELECT c.id FROM (${c.sql}) c${after} ORDER BY c.id ${dir} LIMIT ? OFFSET ?`,
        params: [...c.params, ...(page.searchAfter !== undefined ? [page.searchAfter] : []), page.size, page.offset],
      };
    }
    const path = this.#paths.lookup(page.sortField.replace(/\.keyword$/, ''));
    // Multi-valued fields sort by their smallest value ascending and their largest descending,
    // as Elasticsearch does; documents without the field come last.
    const agg = page.sortOrder === 'desc' ? 'max' : 'min';
    const sortValue = path === undefined
      ? { sql: 'NULL', params: [] as unknown[] }
      : { sql: `(SELECT ${agg}(s.v) FROM field_values s WHERE s.scope = ? AND s.id = c.id AND s.path = ?)`, params: [scope, path] as unknown[] };
    const inner = `SELECT c.id AS id, ${sortValue.sql} AS sv FROM (${c.sql}) c`;
    const params: unknown[] = [...sortValue.params, ...c.params];
    let where = '';
    if (page.searchAfter !== undefined) {
      const afterValue = path === undefined ? null : this.#db.prepare(
        `SELECT ${agg}(v) FROM field_values WHERE scope = ? AND id = ? AND path = ?`,
      ).pluck().get(scope, page.searchAfter, path) as string | number | null;
      if (afterValue === null) {
        where = ` WHERE sv IS NULL AND id ${cmp} ?`;
        params.push(page.searchAfter);
      } else {
        where = ` WHERE sv IS NULL OR sv ${cmp} ? OR (sv = ? AND id ${cmp} ?)`;
        params.push(afterValue, afterValue, page.searchAfter);
      }
    }
    return {
      sql: `SELECT id FROM (${inner})${where} ORDER BY sv IS NULL, sv ${dir}, id ${dir} LIMIT ? OFFSET ?`,
      params: [...params, page.size, page.offset],
    };
  }
}

interface ListParams {
  scope: number;
  path: number;
  jpath: string;
  jappend: string;
  v: string;
  ids: string;
  now: string;
  changed: string;
}

function fieldType(lo: string | number | null, hi: string | number | null): FieldInfo['type'] {
  if (typeof lo === 'number' && typeof hi === 'number') return 'number';
  if (typeof lo === 'string' && typeof hi === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/.test(lo) && /^\d{4}-\d{2}-\d{2}T/.test(hi)) return 'time';
    if ((lo === 'false' || lo === 'true') && (hi === 'false' || hi === 'true')) return 'boolean';
  }
  return 'text';
}
