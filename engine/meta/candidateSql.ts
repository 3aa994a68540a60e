import type { Condition } from './compileConditions';
import type { IndexValue } from './normalizeIndexValue';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** How many index entries the cost probe counts at most before it calls a condition "large". */
const PROBE_LIMIT = 20_000;

/** SQL text of a value list: `= ?` for one value (keeps index order by id), a JSON-array `IN` otherwise. */
function valueMatch(column: string, values: readonly IndexValue[]): SqlFragment {
  if (values.length === 1) return { sql: `${column} = ?`, params: [values[0]] };
  return { sql: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(values)] };
}

/**
 * Bounds of a range. SQLite orders every number before every text, so an open bound is closed
 * with a sentinel of the same kind: numbers stop before '' and texts start at ''.
 */
function rangeMatch(column: string, lo: IndexValue | undefined, hi: IndexValue | undefined): SqlFragment {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (lo !== undefined) {
    parts.push(`${column} >= ?`);
    params.push(lo);
  } else if (typeof hi === 'string') {
    parts.push(`${column} >= ''`);
  }
  if (hi !== undefined) {
    parts.push(`${column} <= ?`);
    params.push(hi);
  } else if (typeof lo === 'number') {
    parts.push(`${column} < ''`);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/** A condition evaluated against a candidate id `d.id`. */
function predicate(scope: number, c: Condition): SqlFragment {
  switch (c.kind) {
    case 'nothing':
      return { sql: '0', params: [] };
    case 'ids':
      return { sql: `d.id ${c.negate ? 'NOT IN' : 'IN'} (SELECT value FROM json_each(?))`, params: [JSON.stringify(c.ids)] };
    case 'values': {
      const m = valueMatch('x.v', c.values);
      return {
        sql: `${c.negate ? 'NOT ' : ''}EXISTS (SELECT 1 FROM field_values x WHERE x.scope = ? AND x.path = ? AND ${m.sql} AND x.id = d.id)`,
        params: [scope, c.path, ...m.params],
      };
    }
    case 'exists':
      return {
        sql: 'EXISTS (SELECT 1 FROM field_values x WHERE x.scope = ? AND x.id = d.id AND x.path IN (SELECT value FROM json_each(?)))',
        params: [scope, JSON.stringify(c.paths)],
      };
    case 'range': {
      const m = rangeMatch('x.v', c.lo, c.hi);
      return {
        sql: `EXISTS (SELECT 1 FROM field_values x WHERE x.scope = ? AND x.id = d.id AND x.path = ? AND ${m.sql})`,
        params: [scope, c.path, ...m.params],
      };
    }
  }
}

/** The rows a positive condition matches on its own, as `SELECT d.id FROM ... d WHERE ...`; undefined if it cannot drive. */
function driver(scope: number, c: Condition): SqlFragment | undefined {
  switch (c.kind) {
    case 'ids':
      if (c.negate) return undefined;
      return { sql: 'SELECT d.id FROM assets d WHERE d.scope = ? AND d.id IN (SELECT value FROM json_each(?))', params: [scope, JSON.stringify(c.ids)] };
    case 'values': {
      if (c.negate) return undefined;
      const m = valueMatch('d.v', c.values);
      const distinct = c.values.length > 1 ? 'DISTINCT ' : '';
      return { sql: `SELECT ${distinct}d.id FROM field_values d WHERE d.scope = ? AND d.path = ? AND ${m.sql}`, params: [scope, c.path, ...m.params] };
    }
    case 'exists':
      return {
        sql: 'SELECT DISTINCT d.id FROM field_values d WHERE d.scope = ? AND d.path IN (SELECT value FROM json_each(?))',
        params: [scope, JSON.stringify(c.paths)],
      };
    case 'range': {
      const m = rangeMatch('d.v', c.lo, c.hi);
      return { sql: `SELECT DISTINCT d.id FROM field_values d WHERE d.scope = ? AND d.path = ? AND ${m.sql}`, params: [scope, c.path, ...m.params] };
    }
    case 'nothing':
      return undefined;
  }
}

/** The count of index entries a driver would read, capped, to pick the cheapest driver. */
export function probeSql(scope: number, c: Condition): SqlFragment | undefined {
  const d = driver(scope, c);
  if (!d || c.kind === 'ids') return undefined;
  return { sql: `SELECT count(*) AS n FROM (${d.sql} LIMIT ${PROBE_LIMIT})`, params: d.params };
}

/**
 * The ids matching every condition, as one SELECT with a single `id` column. The driver (the
 * condition expected to match fewest ids) is scanned; every other condition is an indexed
 * lookup per candidate.
 */
export function candidateSql(scope: number, conditions: readonly Condition[], estimate: (c: Condition) => number): SqlFragment {
  if (conditions.some((c) => c.kind === 'nothing')) return { sql: 'SELECT NULL AS id WHERE 0', params: [] };
  const drivable = conditions.filter((c) => driver(scope, c) !== undefined);
  let best: { c: Condition; cost: number } | undefined;
  for (const c of drivable) {
    // Probing costs an index scan; with a single candidate there is nothing to choose.
    const cost = c.kind === 'ids' ? c.ids.length : drivable.length > 1 ? estimate(c) : 0;
    if (!best || cost < best.cost) best = { c, cost };
  }
  const base = best ? driver(scope, best.c) : undefined;
  const drive = base ?? { sql: 'SELECT d.id FROM assets d WHERE d.scope = ?', params: [scope] };
  const rest = conditions.filter((c) => c !== best?.c).map((c) => predicate(scope, c));
  if (rest.length === 0) return drive;
  const joiner = drive.sql.includes(' WHERE ') ? ' AND ' : ' WHERE ';
  return {
    sql: drive.sql + joiner + rest.map((r) => r.sql).join(' AND '),
    params: [...drive.params, ...rest.flatMap((r) => r.params)],
  };
}
