import type { Database, Statement } from 'better-sqlite3';

/**
 * Dotted field paths are stored once and referred to by integer everywhere else, which keeps the
 * field index small. The whole table is cached: a deployment has thousands of paths, not millions.
 */
export class FieldPathRegistry {
  readonly #ids = new Map<string, number>();
  readonly #insert: Statement<[string]>;
  readonly #known = new Set<string>();
  readonly #insertScopeField: Statement<[number, number]>;

  public constructor(db: Database) {
    this.reload(db);
    this.#insert = db.prepare('INSERT INTO field_paths (path) VALUES (?)');
    this.#insertScopeField = db.prepare('INSERT OR IGNORE INTO scope_fields (scope, path) VALUES (?, ?)');
  }

  /** The id of a path, created when missing (call inside the write transaction). */
  public idFor(path: string): number {
    const known = this.#ids.get(path);
    if (known !== undefined) return known;
    const id = Number(this.#insert.run(path).lastInsertRowid);
    this.#ids.set(path, id);
    return id;
  }

  public lookup(path: string): number | undefined {
    return this.#ids.get(path);
  }

  /** Path ids equal to `path` or below it (`aux` → `aux.x`, `aux.y.z`), for exists filters on objects. */
  public withDescendants(path: string): number[] {
    const out: number[] = [];
    const prefix = `${path}.`;
    for (const [p, id] of this.#ids) {
      if (p === path || p.startsWith(prefix)) out.push(id);
    }
    return out;
  }

  public noteScopeField(scope: number, pathId: number): void {
    const key = `${scope}:${pathId}`;
    if (this.#known.has(key)) return;
    this.#insertScopeField.run(scope, pathId);
    this.#known.add(key);
  }

  /** (Re)reads the tables; also used after a rolled-back transaction may have cached ids that no longer exist. */
  public reload(db: Database): void {
    this.#ids.clear();
    this.#known.clear();
    for (const row of db.prepare('SELECT id, path FROM field_paths').all() as { id: number; path: string }[]) {
      this.#ids.set(row.path, row.id);
    }
    for (const row of db.prepare('SELECT scope, path FROM scope_fields').all() as { scope: number; path: number }[]) {
      this.#known.add(`${row.scope}:${row.path}`);
    }
  }
}
