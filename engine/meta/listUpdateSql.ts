/**
 * SQL of `MetaStore.updateList`: set-based, so that SQLite edits each document's JSON in place
 * instead of the engine parsing, merging and re-indexing whole documents one by one. Parameters:
 * `@scope`, `@path` (field path id), `@jpath` (`$.field`), `@jappend` (`$.field[#]`), `@v` (the
 * value), `@ids` (a JSON array of ids), `@now`, and for the index statements `@changed` (the ids
 * the edit returned). Whether a document holds the value is read from its own list (already
 * parsed for the edit), and only changed documents touch the field index: per document, one
 * b-tree search for the row and one insert (or delete) in each of the index's two b-trees.
 */
const HOLDS = `EXISTS (SELECT 1 FROM json_each(assets.doc, @jpath) j WHERE j.type = 'text' AND j.value = @v)`;
const CHOSEN = 'scope = @scope AND id IN (SELECT value FROM json_each(@ids))';

export const listUpdateSql = {
  /**
   * Appends to a list; a missing or null field becomes a one-item list, and a scalar becomes a
   * list of the scalar and the value (as `update_by_query` treats it).
   */
  add: `UPDATE assets SET updated_at = @now, doc = CASE coalesce(json_type(doc, @jpath), 'null')
      WHEN 'array' THEN json_insert(doc, @jappend, @v)
      WHEN 'null' THEN json_set(doc, @jpath, json_array(@v))
      ELSE json_set(doc, @jpath, json_array(json_extract(doc, @jpath), @v)) END
    WHERE ${CHOSEN} AND NOT ${HOLDS} RETURNING id`,
  addIndex: `INSERT OR IGNORE INTO field_values (scope, path, v, id) SELECT @scope, @path, @v, value FROM json_each(@changed)`,
  /**
   * Drops every occurrence of a text value from a list, keeping the other items in order and in
   * their JSON types (json_each reports booleans as 1/0 and nested values as text, hence the CASE);
   * a scalar equal to the value becomes an empty list.
   */
  remove: `UPDATE assets SET updated_at = @now, doc = CASE json_type(doc, @jpath)
      WHEN 'array' THEN json_set(doc, @jpath, json((SELECT json_group_array(CASE j.type
          WHEN 'true' THEN json('true') WHEN 'false' THEN json('false')
          WHEN 'object' THEN json(j.value) WHEN 'array' THEN json(j.value) ELSE j.value END ORDER BY j.key)
        FROM json_each(assets.doc, @jpath) j WHERE NOT (j.type = 'text' AND j.value = @v))))
      ELSE json_set(doc, @jpath, json_array()) END
    WHERE ${CHOSEN} AND ${HOLDS} RETURNING id`,
  removeIndex: `DELETE FROM field_values WHERE scope = @scope AND path = @path AND v = @v AND id IN (SELECT value FROM json_each(@changed))`,
} as const;
