import type { Migration } from '../Migration';

/**
 * The engine's first schema. Assets are JSON documents keyed by (scope, id), where a scope is one
 * organization's asset type. Every scalar leaf of every document is also a row of
 * `field_values`, ordered (scope, path, value, id): a filter on any field is an index range, and
 * for one value its ids come out already sorted, which is what paging with `search_after` needs.
 */
export const migration0001: Migration = {
  version: 1,
  name: '0001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE organizations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE users (
        username TEXT PRIMARY KEY,
        email TEXT,
        role TEXT NOT NULL,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        token_sha256 TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE INDEX users_by_org ON users(organization_id);
      CREATE TABLE ownerships (
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        owner TEXT NOT NULL,
        access TEXT NOT NULL,
        PRIMARY KEY (organization_id, owner, access)
      ) WITHOUT ROWID;

      CREATE TABLE scopes (
        id INTEGER PRIMARY KEY,
        organization_id TEXT NOT NULL,
        asset_type TEXT NOT NULL,
        UNIQUE (organization_id, asset_type)
      );
      CREATE TABLE assets (
        scope INTEGER NOT NULL,
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (scope, id)
      ) WITHOUT ROWID;
      CREATE TABLE field_paths (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
      -- v has no declared type: SQLite keeps numbers as numbers and text as text.
      CREATE TABLE field_values (
        scope INTEGER NOT NULL,
        path INTEGER NOT NULL,
        v,
        id TEXT NOT NULL,
        PRIMARY KEY (scope, path, v, id)
      ) WITHOUT ROWID;
      -- Per-asset lookups: a range filter on a candidate, the sort value of a candidate.
      CREATE INDEX field_values_by_asset ON field_values(scope, id, path);
      CREATE TABLE scope_fields (
        scope INTEGER NOT NULL,
        path INTEGER NOT NULL,
        PRIMARY KEY (scope, path)
      ) WITHOUT ROWID;

      CREATE TABLE objects (
        bucket TEXT NOT NULL,
        key TEXT NOT NULL,
        organization_id TEXT NOT NULL,
        blob TEXT NOT NULL,
        parts INTEGER NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        content_type TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (bucket, key)
      );
      CREATE INDEX objects_by_sha256 ON objects(organization_id, sha256);
      CREATE TABLE uploads (
        upload_id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        bucket TEXT NOT NULL,
        key TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE upload_parts (
        upload_id TEXT NOT NULL REFERENCES uploads(upload_id) ON DELETE CASCADE,
        part_no INTEGER NOT NULL,
        size INTEGER NOT NULL,
        etag TEXT NOT NULL,
        PRIMARY KEY (upload_id, part_no)
      ) WITHOUT ROWID;

      CREATE TABLE job_queue (
        job_id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done')),
        enqueued_at TEXT NOT NULL
      );
    `);
  },
};
