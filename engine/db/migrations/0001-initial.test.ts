import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../runMigrations';
import { migration0001 } from './0001-initial';

// This file tests migration 0001 alone; later migrations have tests of their own.
const MIGRATIONS = [migration0001];

describe('migration 0001', () => {
  const db = new Database(':memory:');
  runMigrations(db, MIGRATIONS);

  it('sets user_version and creates the tables', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['assets', 'field_values', 'field_paths', 'job_queue', 'objects', 'organizations', 'upload_parts', 'uploads', 'users']));
  });

  it('answers a one-value filter page from the primary key, already in id order (no sort step)', () => {
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT c.id FROM (SELECT d.id FROM field_values d WHERE d.scope = 1 AND d.path = 2 AND d.v = 'x') c WHERE c.id > 'a' ORDER BY c.id LIMIT 50`)
      .all() as { detail: string }[];
    const details = plan.map((r) => r.detail).join(' | ');
    expect(details).toContain('USING PRIMARY KEY (scope=? AND path=? AND v=? AND id>?)');
    expect(details).not.toContain('TEMP B-TREE');
  });

  it('looks up a candidate\'s values through the per-asset index', () => {
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM field_values x WHERE x.scope = 1 AND x.id = 'a' AND x.path = 3 AND x.v >= 1 AND x.v <= 2")
      .all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toContain('field_values_by_asset');
  });

  it('is idempotent and refuses a database from a newer SceneDock', () => {
    expect(runMigrations(db, MIGRATIONS)).toBe(1);
    db.pragma('user_version = 7');
    expect(() => runMigrations(db, MIGRATIONS)).toThrow(/newer than this SceneDock/);
  });
});
