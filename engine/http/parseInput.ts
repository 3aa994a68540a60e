import type { z } from 'zod';
import { isAssetType, type AssetType } from '../../shared/scenebox/constants';
import { standardizeName } from '../../shared/scenebox/standardizeName';
import type { SearchPage } from '../../shared/search/searchQuery';
import { badRequest } from './HttpError';

export type Query = Record<string, string | string[] | undefined>;

/** Validates a request body; a failure is a 400 that names the field and the reason. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, what = 'body'): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length ? issue.path.join('.') : '(root)';
  throw badRequest(`${what}: ${field}: ${issue?.message ?? 'invalid'}`);
}

export function queryString(query: Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/** Python sends booleans as `True`/`False` (`str(bool)`); JavaScript as `true`/`false`. */
export function queryBool(query: Query, name: string, fallback: boolean): boolean {
  const v = queryString(query, name);
  if (v === undefined || v === '') return fallback;
  const lower = v.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw badRequest(`query parameter ${name} must be True or False, not ${JSON.stringify(v)}`);
}

export function queryInt(query: Query, name: string, fallback: number, min: number, max: number): number {
  const v = queryString(query, name);
  if (v === undefined || v === '' || v === 'None') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw badRequest(`query parameter ${name} must be an integer from ${min} to ${max}`);
  return n;
}

export function queryNumber(query: Query, name: string, fallback: number): number {
  const v = queryString(query, name);
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw badRequest(`query parameter ${name} must be a number`);
  return n;
}

export function assetTypeOf(value: string | undefined): AssetType {
  if (value === undefined || value === '') throw badRequest('asset_type is required');
  if (!isAssetType(value)) throw badRequest(`unknown asset type ${JSON.stringify(value)}`);
  return value;
}

/** Largest page a single search returns; the client's own large loops ask for 5000. */
export const MAX_PAGE_SIZE = 10_000;

export function searchPageOf(query: Query, defaultSize = 50): SearchPage {
  const sortOrder = (queryString(query, 'sort_order') ?? 'asc').toLowerCase();
  if (sortOrder !== 'asc' && sortOrder !== 'desc') throw badRequest('sort_order must be asc or desc');
  const searchAfter = queryString(query, 'search_after');
  const sortField = queryString(query, 'sort_field');
  return {
    size: queryInt(query, 'size', defaultSize, 0, MAX_PAGE_SIZE),
    offset: queryInt(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
    sortField: sortField && sortField !== 'None' ? sortField : 'id',
    sortOrder,
    ...(searchAfter !== undefined && searchAfter !== '' && searchAfter !== 'None' ? { searchAfter } : {}),
  };
}

/**
 * An asset id in the form the Python client stores it (wire protocol §5.1). Ids are keys, never
 * paths; `.` and `..` are refused anyway so that no layer can mistake one for a path.
 */
export function assetIdOf(raw: unknown, what = 'id'): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') throw badRequest(`${what} must be a string`);
  const id = standardizeName(String(raw));
  // eslint-disable-next-line no-control-regex
  if (id.length === 0 || id.length > 512 || id === '.' || id === '..' || /[\u0000-\u001f\u007f]/.test(id)) {
    throw badRequest(`${what} ${JSON.stringify(String(raw))} is not a valid asset id`);
  }
  return id;
}
