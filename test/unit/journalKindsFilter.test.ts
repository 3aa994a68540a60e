import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../main/services/journal/openJournal';

const dir = mkdtempSync(join(tmpdir(), 'scenedock-kinds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the journal lists items by kind (the Jobs screen\'s recordings)', () => {
  it('filters by kinds alone and together with states and search', () => {
    const journal = openJournal(dir);
    try {
      const add = (name: string, kind: string) => journal.writer.discover({ path: `/data/${name}`, name, sourceId: null, size: 1, mtimeMs: 0, kind }).item;
      add('drive.bag', 'ros1_bag');
      add('talker.mcap', 'mcap');
      add('scan.pcd', 'lidar');
      const rejected = add('broken.bag', 'ros1_bag');
      journal.writer.transition(rejected.id, 'rejected', { reason: 'not a bag' });
      const names = (query: Parameters<typeof journal.reader.listWindow>[0]) => journal.reader.listWindow(query, 0, 10).map((i) => i.name);
      expect(names({ kinds: ['ros1_bag', 'mcap'] })).toEqual(['drive.bag', 'talker.mcap', 'broken.bag']);
      expect(names({ kinds: ['ros1_bag'], states: ['discovered'] })).toEqual(['drive.bag']);
      expect(names({ kinds: ['ros1_bag'], search: 'broken' })).toEqual(['broken.bag']);
      expect(journal.reader.count({ kinds: ['mcap', 'lidar'] })).toBe(2);
      expect(names({ kinds: [] })).toHaveLength(4);
    } finally {
      journal.close();
    }
  });
});
