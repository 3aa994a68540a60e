import type { AssetType } from '../../shared/scenebox/constants';
import type {
  AggregationRequest, SearchPage, SearchQuery, SummaryRequest, SummaryResponse,
} from '../../shared/search/searchQuery';
import type { Doc, WriteMode } from './mergeDocuments';

/** One organization's documents of one asset type: the unit every read and write is confined to. */
export interface Scope {
  organizationId: string;
  assetType: AssetType;
}

/** One value for a list field, and the documents to add it to (or remove it from). */
export interface ListChange {
  value: string;
  ids: readonly string[];
}

export type AggregationKind = 'sum' | 'average' | 'cardinality';

export interface FieldInfo {
  field: string;
  type: 'number' | 'time' | 'boolean' | 'text';
}

export interface FieldStatistics {
  min: string | number | null;
  max: string | number | null;
  count: number;
}

/**
 * Metadata storage behind the SceneBox routes. The embedded engine keeps it in SQLite; a team
 * deployment can put it elsewhere without touching the routes.
 */
export interface MetaStore {
  get(scope: Scope, id: string): Doc | undefined;
  getMany(scope: Scope, ids: readonly string[]): Doc[];
  exists(scope: Scope, id: string): boolean;
  /** Writes documents in one transaction; returns the stored (merged) documents. */
  write(scope: Scope, items: readonly { id: string; doc: Doc }[], mode: WriteMode): Doc[];
  /**
   * Adds each change's `value` to (or removes it from) the top-level list `field` of the change's
   * documents, all in one transaction, leaving the rest of every document as it is; ids with no
   * document are skipped. Returns how many documents changed. Set membership rewrites millions of
   * `sets` lists, which a read-merge-write of whole documents cannot do in the time a split allows.
   */
  updateList(scope: Scope, field: string, operation: 'add' | 'remove', changes: readonly ListChange[]): number;
  /** Deletes documents; returns how many existed. */
  delete(scope: Scope, ids: readonly string[]): number;
  searchIds(scope: Scope, query: SearchQuery, page: SearchPage): string[];
  /** A page of documents as a JSON array text, projected to `fields` when given. */
  searchDocsJson(scope: Scope, query: SearchQuery, page: SearchPage, fields?: readonly string[]): string;
  count(scope: Scope, query: SearchQuery): number;
  summary(scope: Scope, request: SummaryRequest): SummaryResponse;
  aggregate(scope: Scope, request: AggregationRequest, kind: AggregationKind): number | null;
  fields(scope: Scope): FieldInfo[];
  fieldStatistics(scope: Scope): Record<string, FieldStatistics>;
  /** Organizations' asset types that hold at least one document (used when an organization is deleted). */
  assetTypes(organizationId: string): AssetType[];
}
