import type { Migration } from '../Migration';

/**
 * Session entities and resolved session timelines.
 *
 * - `session_keys` gives each (organization, session uid) a small integer, so that the large
 *   tables below repeat 8 bytes instead of two strings, and keeps the time cover of the session's
 *   entities (`entities_lo_us`/`entities_hi_us`), so that ingestion checks the session length
 *   without scanning its entities.
 * - `session_entities` is ordered (session, name, t, entity_id): resolution reads a session's
 *   entities name by name in time order straight from the primary key (no sort), and the entity
 *   summary and event deletion are ranges of it. Times are integer microseconds since the epoch,
 *   exact in a double, so that time indices are computed without rounding surprises. A re-sent
 *   entity (same session and entity_id) replaces the stored one, through the unique index.
 * - A resolved timeline is columnar: one row per (session, field) holding the field's values for
 *   every time index of the session. A session spans at most MAX_SESSION_LENGTH × resolution
 *   seconds, so a column has at most 10,801 values; one row per (session, field, index) would be
 *   up to 10,801 rows per field to write on every resolution and to read back for every search.
 */
export const migration0002: Migration = {
  version: 2,
  name: '0002-session-entities',
  up(db) {
    db.exec(`
      CREATE TABLE session_keys (
        id INTEGER PRIMARY KEY,
        organization_id TEXT NOT NULL,
        session_uid TEXT NOT NULL,
        entities_lo_us INTEGER,
        entities_hi_us INTEGER,
        UNIQUE (organization_id, session_uid)
      );

      CREATE TABLE session_entities (
        session INTEGER NOT NULL REFERENCES session_keys(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        t INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        start_us INTEGER,
        end_us INTEGER,
        entity_type TEXT NOT NULL,
        influence TEXT NOT NULL,
        -- No declared type, so that SQLite keeps what it is given: a number for a numeric value
        -- (read back without parsing: most entities are scalar samples), else JSON text; NULL
        -- when the entity carries no value.
        value,
        -- JSON of the entity's other keys (enrichments, geolocation, media_asset_id, ...), NULL when none.
        extra TEXT,
        PRIMARY KEY (session, name, t, entity_id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX session_entities_by_id ON session_entities(session, entity_id);

      CREATE TABLE session_timelines (
        session INTEGER PRIMARY KEY REFERENCES session_keys(id) ON DELETE CASCADE,
        resolution_us INTEGER NOT NULL,
        first_index INTEGER NOT NULL,
        length INTEGER NOT NULL,
        resolved_at TEXT NOT NULL
      );
      CREATE TABLE session_timeline_fields (
        session INTEGER NOT NULL REFERENCES session_timelines(session) ON DELETE CASCADE,
        field TEXT NOT NULL,
        -- 'f64': little-endian float64 per index (NaN = no value); 'geo': lat, lon pairs likewise;
        -- 'runs': JSON [[offset, length, value], ...] for every other kind of value.
        encoding TEXT NOT NULL CHECK (encoding IN ('f64', 'geo', 'runs')),
        data BLOB NOT NULL,
        PRIMARY KEY (session, field)
      ) WITHOUT ROWID;
      -- Search starts from the sessions that have a filtered field.
      CREATE INDEX session_timeline_fields_by_field ON session_timeline_fields(field, session);
    `);
  },
};
