import type { Database } from 'better-sqlite3';
import type { Migration } from './Migration';

/**
 * Brings the database to the newest version, one migration per transaction, so that a crash
 * between two migrations leaves a database at a known version. Refuses a database written by a
 * newer SceneDock rather than guessing at its schema.
 */
export function runMigrations(db: Database, migrations: readonly Migration[]): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = sorted.length;
  if (current > newest) {
    throw new Error(`database schema version ${current} is newer than this SceneDock (${newest}); upgrade SceneDock`);
  }
  for (const m of sorted.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return newest;
}
