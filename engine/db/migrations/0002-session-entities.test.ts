import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ENGINE_MIGRATIONS } from '../engineMigrations';
import { runMigrations } from '../runMigrations';

function plan(db: Database.Database, sql: string): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('migration 0002', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  runMigrations(db, ENGINE_MIGRATIONS);

  it('sets user_version 2 and creates the session tables', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['session_keys', 'session_entities', 'session_timelines', 'session_timeline_fields']));
  });

  it('reads a session\'s entities for resolution in primary-key order, with no sort step', () => {
    const p = plan(db, 'SELECT name, t, entity_id, start_us, end_us, entity_type, influence, value FROM session_entities WHERE session = 1 ORDER BY name, t, entity_id');
    expect(p).toContain('USING PRIMARY KEY (session=?)');
    expect(p).not.toContain('TEMP B-TREE');
  });

  it('finds an entity to replace by its id through the unique index', () => {
    expect(plan(db, "DELETE FROM session_entities WHERE session = 1 AND entity_id = 'e'")).toContain('session_entities_by_id');
  });

  it('answers one name\'s time range (summary) from the primary key', () => {
    const p = plan(db, "SELECT t, value FROM session_entities WHERE session = 1 AND name = 'speed' AND t >= 0 AND t <= 10 ORDER BY t, entity_id");
    expect(p).toContain('USING PRIMARY KEY (session=? AND name=? AND t>? AND t<?)');
    expect(p).not.toContain('TEMP B-TREE');
  });

  it('reads a timeline column by key and finds sessions by field through the field index', () => {
    expect(plan(db, "SELECT encoding, data FROM session_timeline_fields WHERE session = 1 AND field = 'speed'")).toContain('USING PRIMARY KEY (session=? AND field=?)');
    const p = plan(db, `SELECT k.id, k.session_uid FROM session_timeline_fields f JOIN session_keys k ON k.id = f.session
      WHERE f.field = 'weather' AND k.organization_id = 'org' ORDER BY k.session_uid`);
    expect(p).toMatch(/session_timeline_fields_by_field|sqlite_autoindex_session_keys_1/);
    expect(p).not.toMatch(/SCAN f\b/);
  });

  it('removes entities and timeline with the session key (cascade)', () => {
    const key = Number(db.prepare("INSERT INTO session_keys (organization_id, session_uid) VALUES ('org', 's1')").run().lastInsertRowid);
    db.prepare("INSERT INTO session_entities (session, name, t, entity_id, entity_type, influence) VALUES (?, 'speed', 0, 'e1', 'scalar', 'point')").run(key);
    db.prepare("INSERT INTO session_timelines (session, resolution_us, first_index, length, resolved_at) VALUES (?, 1000000, 0, 1, 'now')").run(key);
    db.prepare("INSERT INTO session_timeline_fields (session, field, encoding, data) VALUES (?, 'speed', 'f64', x'0000000000000000')").run(key);
    db.prepare('DELETE FROM session_keys WHERE id = ?').run(key);
    for (const table of ['session_entities', 'session_timelines', 'session_timeline_fields']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
  });

  it('keeps numeric entity values as numbers and others as text (value has no declared type)', () => {
    const key = Number(db.prepare("INSERT INTO session_keys (organization_id, session_uid) VALUES ('org', 'typed')").run().lastInsertRowid);
    const put = db.prepare("INSERT INTO session_entities (session, name, t, entity_id, entity_type, influence, value) VALUES (?, 'v', ?, ?, 'scalar', 'point', ?)");
    put.run(key, 1, 'n', 1.5);
    put.run(key, 2, 's', '["rain"]');
    expect(db.prepare('SELECT typeof(value) FROM session_entities WHERE session = ? ORDER BY t').pluck().all(key)).toEqual(['real', 'text']);
  });

  it('reads a resolved session list of an organization through its keys', () => {
    const p = plan(db, "SELECT k.id, k.session_uid FROM session_keys k JOIN session_timelines t ON t.session = k.id WHERE k.organization_id = 'org' ORDER BY k.session_uid");
    expect(p).toContain('sqlite_autoindex_session_keys_1 (organization_id=?)');
    expect(p).not.toContain('TEMP B-TREE');
  });

  it('refuses an unknown column encoding', () => {
    const key = Number(db.prepare("INSERT INTO session_keys (organization_id, session_uid) VALUES ('org', 's2')").run().lastInsertRowid);
    db.prepare("INSERT INTO session_timelines (session, resolution_us, first_index, length, resolved_at) VALUES (?, 1000000, 0, 1, 'now')").run(key);
    expect(() => db.prepare("INSERT INTO session_timeline_fields (session, field, encoding, data) VALUES (?, 'x', 'csv', 'a')").run(key)).toThrow(/CHECK/);
  });
});
