import type { Database, Statement } from 'better-sqlite3';

/**
 * `db.prepare` memoized by SQL text. Compiling a statement costs far more than running these
 * small queries, and the scheduler asks the journal for due work after every change: preparing
 * each time made discovering a few thousand files CPU-bound. A cached statement keeps any mode
 * (`pluck`) a caller set, so each SQL text must always be used the same way.
 */
export function statementCache(db: Database): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
