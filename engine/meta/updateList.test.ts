import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINE_MIGRATIONS } from '../db/engineMigrations';
import { openSqlite } from '../db/openSqlite';
import { flattenDocument } from './flattenDocument';
import { SqliteMetaStore } from './SqliteMetaStore';

const scope = { organizationId: 'org_a', assetType: 'images' as const };
const other = { organizationId: 'org_b', assetType: 'images' as const };
let dir: string;
let db: Database;
let meta: SqliteMetaStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'update-list-'));
  db = openSqlite(join(dir, 'engine.db'), { migrations: ENGINE_MIGRATIONS });
  meta = new SqliteMetaStore(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (value: string, s = scope) => meta.searchIds(s, { filters: [{ field: 'sets', values: [value], filter_out: false }] }, { size: 100, offset: 0, sortField: 'id', sortOrder: 'asc' });

/** The field index rows of a document, and the ones the generic write path would compute for it. */
function indexRows(id: string): string[] {
  const scopeId = db.prepare('SELECT id FROM scopes WHERE organization_id = ? AND asset_type = ?').pluck().get(scope.organizationId, scope.assetType);
  const rows = db.prepare('SELECT p.path AS path, f.v AS v FROM field_values f JOIN field_paths p ON p.id = f.path WHERE f.scope = ? AND f.id = ?').all(scopeId, id) as { path: string; v: string | number }[];
  return rows.map((r) => `${r.path}=${typeof r.v}:${r.v}`).sort();
}
const expectedRows = (doc: Record<string, unknown>) => flattenDocument(doc).map((e) => `${e.path}=${typeof e.value}:${e.value}`).sort();

describe('SqliteMetaStore.updateList', () => {
  it('appends to lists of every shape, skips members and unknown ids, and keeps the index equal to a full re-index', () => {
    const docs: Record<string, Record<string, unknown>> = {
      a: { sensor: 'cam', sets: ['s1'], aux: { k: true, n: 1.5 } },
      b: { sensor: 'cam', sets: [] },
      c: { sensor: 'lidar' },
      d: { sets: null, width: 3 },
      e: { sets: 'solo' },
      f: { sets: ['s2', 's1'] },
    };
    meta.write(scope, Object.entries(docs).map(([id, doc]) => ({ id, doc })), { replace: true, replaceSets: true });
    meta.write(other, [{ id: 'a', doc: { sets: ['x'] } }], { replace: true, replaceSets: true });

    const changed = meta.updateList(scope, 'sets', 'add', [{ value: 's2', ids: ['a', 'b', 'c', 'd', 'e', 'f', 'nope'] }]);

    expect(changed).toBe(5);
    expect(meta.get(scope, 'a')).toEqual({ id: 'a', sensor: 'cam', sets: ['s1', 's2'], aux: { k: true, n: 1.5 } });
    expect(meta.get(scope, 'b')?.sets).toEqual(['s2']);
    expect(meta.get(scope, 'c')?.sets).toEqual(['s2']);
    expect(meta.get(scope, 'd')).toEqual({ id: 'd', sets: ['s2'], width: 3 });
    expect(meta.get(scope, 'e')?.sets).toEqual(['solo', 's2']);
    expect(meta.get(scope, 'f')?.sets).toEqual(['s2', 's1']);
    expect(meta.exists(scope, 'nope')).toBe(false);
    expect(meta.get(other, 'a')?.sets).toEqual(['x']);
    expect(ids('s2')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(ids('s2', other)).toEqual([]);
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) expect(indexRows(id)).toEqual(expectedRows(meta.get(scope, id) ?? {}));
  });

  it('removes every occurrence, keeps the other items with their JSON types, and leaves non-members alone', () => {
    meta.write(scope, [
      { id: 'a', doc: { sets: ['s1', true, 's2', { k: [1, 'x'] }, null, 2, 's1', ['n'], false], tag: 'keep' } },
      { id: 'b', doc: { sets: ['s3'] } },
      { id: 'c', doc: { sets: 's1' } },
    ], { replace: true, replaceSets: true });

    const changed = meta.updateList(scope, 'sets', 'remove', [{ value: 's1', ids: ['a', 'b', 'c'] }]);

    expect(changed).toBe(2);
    expect(meta.get(scope, 'a')).toEqual({ id: 'a', sets: [true, 's2', { k: [1, 'x'] }, null, 2, ['n'], false], tag: 'keep' });
    expect(meta.get(scope, 'b')?.sets).toEqual(['s3']);
    expect(meta.get(scope, 'c')?.sets).toEqual([]);
    expect(ids('s1')).toEqual([]);
    expect(ids('s3')).toEqual(['b']);
    for (const id of ['a', 'b', 'c']) expect(indexRows(id)).toEqual(expectedRows(meta.get(scope, id) ?? {}));
  });

  it('is idempotent and does nothing for an unknown scope or field', () => {
    meta.write(scope, [{ id: 'a', doc: { sets: ['s1'] } }], { replace: true, replaceSets: true });
    expect(meta.updateList(scope, 'sets', 'add', [{ value: 's1', ids: ['a'] }])).toBe(0);
    expect(meta.updateList(scope, 'other_list', 'remove', [{ value: 's1', ids: ['a'] }])).toBe(0);
    expect(meta.updateList({ organizationId: 'nobody', assetType: 'images' }, 'sets', 'remove', [{ value: 's1', ids: ['a'] }])).toBe(0);
    expect(meta.get(scope, 'a')).toEqual({ id: 'a', sets: ['s1'] });
  });

  it('applies several values in one call, each to its own documents', () => {
    meta.write(scope, ['a', 'b', 'c', 'd'].map((id) => ({ id, doc: { sets: ['parent'] } })), { replace: true, replaceSets: true });
    const changed = meta.updateList(scope, 'sets', 'add', [{ value: 'train', ids: ['a', 'c'] }, { value: 'val', ids: ['b'] }, { value: 'test', ids: [] }]);
    expect(changed).toBe(3);
    expect(ids('train')).toEqual(['a', 'c']);
    expect(ids('val')).toEqual(['b']);
    expect(ids('test')).toEqual([]);
    expect(meta.get(scope, 'd')?.sets).toEqual(['parent']);
  });

  it('changes nothing when one value of a call is refused', () => {
    meta.write(scope, [{ id: 'a', doc: { sets: [] } }], { replace: true, replaceSets: true });
    expect(() => meta.updateList(scope, 'sets', 'add', [{ value: 'ok', ids: ['a'] }, { value: '2026-01-01', ids: ['a'] }])).toThrow(/not indexed as itself/);
    expect(meta.get(scope, 'a')?.sets).toEqual([]);
  });

  it('refuses a dotted field and a value the index would store in another form', () => {
    expect(() => meta.updateList(scope, 'aux.list', 'add', [{ value: 'x', ids: ['a'] }])).toThrow(/plain top-level/);
    expect(() => meta.updateList(scope, 'sets', 'add', [{ value: '2026-01-01T00:00:00Z', ids: ['a'] }])).toThrow(/not indexed as itself/);
  });

  it('a later whole-document write sees the edited list (merge keeps it, replace_sets drops it)', () => {
    meta.write(scope, [{ id: 'a', doc: { sets: ['s1'], w: 1 } }], { replace: true, replaceSets: true });
    meta.updateList(scope, 'sets', 'add', [{ value: 's2', ids: ['a'] }]);
    meta.write(scope, [{ id: 'a', doc: { w: 2 } }], { replace: true, replaceSets: false });
    expect(meta.get(scope, 'a')).toEqual({ id: 'a', w: 2, sets: ['s1', 's2'] });
    meta.write(scope, [{ id: 'a', doc: { w: 3, sets: ['s9'] } }], { replace: true, replaceSets: true });
    expect(ids('s2')).toEqual([]);
    expect(ids('s9')).toEqual(['a']);
  });
});
