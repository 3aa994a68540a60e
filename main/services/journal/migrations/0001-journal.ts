import type { Migration } from '../../engine/sqlite';

/**
 * The ingestion journal. One row per unit of ingestion (a file, or a ROS 2 bag folder), moving
 * through the states of shared/ingest/itemStates.ts; its files, and the parts of their multipart
 * uploads the engine acknowledged, are rows of their own, so that a restart resumes from them.
 */
export const journalMigration0001: Migration = {
  version: 1,
  name: '0001-journal',
  up(db) {
    db.exec(`
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('watch', 'drop')),
        path TEXT NOT NULL,
        set_name TEXT,
        session_mode TEXT NOT NULL DEFAULT 'per_recording' CHECK (session_mode IN ('per_recording', 'named', 'none')),
        session_name TEXT,
        sensor_rule TEXT,
        sensor TEXT,
        index_bags INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        removed_at TEXT
      );
      CREATE UNIQUE INDEX sources_active_watch ON sources(path) WHERE kind = 'watch' AND removed_at IS NULL;

      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES sources(id),
        path TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT,
        state TEXT NOT NULL,
        failed_in TEXT,
        size INTEGER NOT NULL DEFAULT 0,
        mtime_ms INTEGER NOT NULL DEFAULT 0,
        sha256 TEXT,
        probe TEXT,
        asset_type TEXT,
        asset_id TEXT,
        file_id TEXT,
        bytes_done INTEGER NOT NULL DEFAULT 0,
        session_uid TEXT,
        set_id TEXT,
        job_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_retry_at INTEGER,
        reason TEXT,
        paused INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        state_changed_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX items_by_state ON items(state, id);
      CREATE INDEX items_by_source ON items(source_id);
      CREATE INDEX items_retry ON items(next_retry_at) WHERE state = 'failed';

      -- The files of a unit: one for a plain file, several for a ROS 2 bag folder. Each is hashed
      -- and uploaded on its own; its object URI is what registration records.
      CREATE TABLE item_files (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        file_no INTEGER NOT NULL,
        rel_path TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        sha256 TEXT,
        upload_id TEXT,
        part_size INTEGER,
        object_uri TEXT,
        bytes_done INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (item_id, file_no)
      ) WITHOUT ROWID;

      CREATE TABLE item_parts (
        item_id INTEGER NOT NULL,
        file_no INTEGER NOT NULL,
        part_no INTEGER NOT NULL,
        size INTEGER NOT NULL,
        etag TEXT NOT NULL,
        PRIMARY KEY (item_id, file_no, part_no),
        FOREIGN KEY (item_id, file_no) REFERENCES item_files(item_id, file_no) ON DELETE CASCADE
      ) WITHOUT ROWID;

      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  },
};
