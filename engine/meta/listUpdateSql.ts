/**
 * SQL of `MetaStore.updateList`: set-based, so that SQLite edits each document's JSON in place
 * instead of the engine parsing, merging and re-indexing whole documents one by one. Parameters:
 * `@scope`, `@path` (field path id), `@jpath` (`$.field`), `@jappend` (`$.field[#]`), `@v` (the
 * value), `@ids` (a JSON array of ids), `@now`. The field index is the membership test: a document
 * holds the value in its list exactly when `field_values` has the (path, value, id) row, which
 * every write keeps true.
 */
export const listUpdateSql = {
  /**
   * Appends to a list; a missing or null field becomes a one-item list, and a scalar becomes a
   * list of the scalar and the value (as `update_by_query` treats it).
   */
  add: `UPDATE assets SET updated_at = @now, doc = CASE coalesce(json_type(doc, @jpath), 'null')
      WHEN 'array' THEN json_insert(doc, @jappend, @v)
      WHEN 'null' THEN json_set(doc, @jpath, json_array(@v))
      ELSE json_set(doc, @jpath, json_array(json_extract(doc, @jpath), @v)) END
    WHERE scope = @scope AND id IN (SELECT value FROM json_each(@ids))
      AND NOT EXISTS (SELECT 1 FROM field_values x WHERE x.scope = @scope AND x.id = assets.id AND x.path = @path AND x.v = @v)`,
  addIndex: `INSERT OR IGNORE INTO field_values (scope, path, v, id)
    SELECT @scope, @path, @v, a.id FROM assets a WHERE a.scope = @scope AND a.id IN (SELECT value FROM json_each(@ids))`,
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
    WHERE scope = @scope AND id IN (SELECT value FROM json_each(@ids))
      AND EXISTS (SELECT 1 FROM field_values x WHERE x.scope = @scope AND x.id = assets.id AND x.path = @path AND x.v = @v)`,
  removeIndex: `DELETE FROM field_values WHERE scope = @scope AND path = @path AND v = @v AND id IN (SELECT value FROM json_each(@ids))`,
} as const;
