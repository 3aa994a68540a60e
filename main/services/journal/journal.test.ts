import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from './openJournal';
import { IllegalTransitionError } from './JournalWriter';

const opened: { journal: Journal; dir: string }[] = [];
afterEach(() => {
  for (const { journal, dir } of opened.splice(0)) {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

function fresh(now?: () => number): { journal: Journal; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  const entry = { journal: openJournal(dir, now ? { now } : {}), dir };
  opened.push(entry);
  return entry;
}

const file = (path: string, size = 10, mtimeMs = 1) => ({ path, name: path.split('/').pop() ?? path, sourceId: null, size, mtimeMs });

describe('journal', () => {
  it('walks an item along the forward path and records each finished part', () => {
    const { journal } = fresh();
    const { item, outcome } = journal.writer.discover(file('/data/a.bag', 100));
    expect(outcome).toBe('new');
    journal.writer.transition(item.id, 'stable');
    journal.writer.transition(item.id, 'probed');
    journal.writer.setFiles(item.id, [{ relPath: 'a.bag', size: 100, mtimeMs: 1 }]);
    journal.writer.transition(item.id, 'hashed');
    journal.writer.transition(item.id, 'uploading');
    journal.writer.patchFile(item.id, 0, { uploadId: 'u1', partSize: 60 });
    journal.writer.recordPart(item.id, 0, 1, 60, '"e1"');
    journal.writer.recordPart(item.id, 0, 2, 40, '"e2"');
    expect(journal.reader.get(item.id)?.bytesDone).toBe(100);
    expect(journal.reader.parts(item.id, 0)).toEqual([{ partNo: 1, size: 60, etag: '"e1"' }, { partNo: 2, size: 40, etag: '"e2"' }]);
    journal.writer.patchFile(item.id, 0, { objectUri: 's3://b/a.bag' });
    expect(journal.reader.files(item.id)).toEqual([expect.objectContaining({ relPath: 'a.bag', uploadId: 'u1', objectUri: 's3://b/a.bag', bytesDone: 100 })]);
    for (const state of ['uploaded', 'registered', 'done'] as const) journal.writer.transition(item.id, state);
    const done = journal.reader.get(item.id);
    expect(done?.state).toBe('done');
    expect(done?.finishedAt).not.toBeNull();
  });

  it('refuses an illegal move and leaves the item as it was', () => {
    const { journal } = fresh();
    const { item } = journal.writer.discover(file('/data/b.mcap'));
    expect(() => journal.writer.transition(item.id, 'uploaded', { assetId: 'x' })).toThrow(IllegalTransitionError);
    expect(journal.reader.get(item.id)).toMatchObject({ state: 'discovered', assetId: null });
  });

  it('a failed item remembers where it failed, becomes due at its retry time, and retries into that state', () => {
    let clock = 1_000;
    const { journal } = fresh(() => clock);
    const { item } = journal.writer.discover(file('/data/c.jpg'));
    journal.writer.transition(item.id, 'stable');
    journal.writer.fail(item.id, 'probe timed out', 5_000);
    expect(journal.reader.get(item.id)).toMatchObject({ state: 'failed', failedIn: 'stable', attempts: 1, lastError: 'probe timed out' });
    expect(journal.reader.dueIds(['stable'], clock, 10)).toEqual([]);
    clock = 5_000;
    expect(journal.reader.dueIds(['stable'], clock, 10)).toEqual([item.id]);
    expect(journal.reader.dueIds(['stable'], clock, 10, new Set([item.id]))).toEqual([]);
    expect(() => journal.writer.transition(item.id, 'hashed')).toThrow(IllegalTransitionError);
    journal.writer.transition(item.id, 'stable');
    expect(journal.reader.get(item.id)).toMatchObject({ state: 'stable', failedIn: null, nextRetryAt: null, attempts: 1 });
  });

  it('a file changed on disk goes back to the start, its parts forgotten, its asset id kept', () => {
    const { journal } = fresh();
    const { item } = journal.writer.discover(file('/data/d.bag', 100, 1));
    for (const state of ['stable', 'probed', 'hashed', 'uploading'] as const) {
      journal.writer.transition(item.id, state, state === 'probed' ? { assetId: 'd_bag' } : {});
      if (state === 'probed') journal.writer.setFiles(item.id, [{ relPath: 'd.bag', size: 100, mtimeMs: 1 }]);
    }
    journal.writer.patchFile(item.id, 0, { uploadId: 'up' });
    journal.writer.recordPart(item.id, 0, 1, 50, '"e"');
    expect(journal.writer.discover(file('/data/d.bag', 100, 1)).outcome).toBe('unchanged');
    const changed = journal.writer.discover(file('/data/d.bag', 120, 2));
    expect(changed.outcome).toBe('changed');
    expect(changed.item).toMatchObject({ state: 'discovered', size: 120, bytesDone: 0, assetId: 'd_bag' });
    expect(journal.reader.parts(item.id, 0)).toEqual([]);
    expect(journal.reader.files(item.id)).toEqual([]);
  });

  it('counts per state with bytes, lists with search and keyset paging', () => {
    const { journal } = fresh();
    for (let i = 0; i < 30; i++) journal.writer.discover(file(`/data/f_${i}.png`, i));
    const rejected = journal.writer.discover(file('/data/bad_%.png', 5)).item;
    journal.writer.transition(rejected.id, 'rejected', { reason: 'unsupported' });
    const counts = journal.reader.counts();
    expect(counts.discovered).toEqual({ count: 30, bytes: (29 * 30) / 2 });
    expect(counts.rejected.count).toBe(1);
    expect(journal.reader.list({ search: '%' }).map((i) => i.name)).toEqual(['bad_%.png']);
    const page1 = journal.reader.list({ states: ['discovered'], limit: 20 });
    const page2 = journal.reader.list({ states: ['discovered'], limit: 20, afterId: page1.at(-1)?.id });
    expect(page1.length + page2.length).toBe(30);
    expect(journal.reader.count({ states: ['discovered'], search: 'f_1' })).toBe(11);
  });

  it('answers the scheduler and the views from indexes', () => {
    const { journal } = fresh();
    const plan = (sql: string) => (journal.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    // A full scan of the items table would make every scheduler tick linear in the journal's size.
    for (const sql of [
      "SELECT * FROM items WHERE state IN ('stable') ORDER BY id LIMIT 10",
      "SELECT min(next_retry_at) FROM items WHERE state = 'failed' AND paused = 0 AND next_retry_at IS NOT NULL",
      "SELECT * FROM items WHERE path = '/x'",
      'SELECT part_no FROM item_parts WHERE item_id = 1 AND file_no = 0',
    ]) {
      expect(plan(sql)).toMatch(/SEARCH/);
      expect(plan(sql)).not.toMatch(/SCAN items\b/);
    }
  });
});
