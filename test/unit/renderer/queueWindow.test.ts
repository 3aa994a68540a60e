import { describe, expect, it } from 'vitest';
import { QueuePageCache } from '../../../renderer/src/features/queue/QueuePageCache';
import { pagesForRange, pagesToEvict } from '../../../renderer/src/features/queue/queuePages';
import { itemActions } from '../../../renderer/src/features/queue/itemActions';
import { itemViewFixture } from '../../helpers/itemViewFixture';

describe('virtual queue window math', () => {
  it('asks for the pages under the visible rows plus one on each side, within the list', () => {
    expect(pagesForRange(0, 20, 100_000, 100)).toEqual([0, 1]);
    expect(pagesForRange(250, 270, 100_000, 100)).toEqual([1, 2, 3]);
    expect(pagesForRange(99_980, 99_999, 100_000, 100)).toEqual([998, 999]);
    // A row range straddling a page boundary needs both pages.
    expect(pagesForRange(195, 215, 100_000, 100, 0)).toEqual([1, 2]);
    expect(pagesForRange(0, 20, 0, 100)).toEqual([]);
    expect(pagesForRange(0, 500, 150, 100)).toEqual([0, 1]);
  });

  it('evicts the pages farthest from the view first, never a visible one', () => {
    expect(pagesToEvict([0, 1, 2, 10, 11, 99], [10, 11], 4)).toEqual([99, 0]);
    expect(pagesToEvict([0, 1], [0], 4)).toEqual([]);
  });
});

describe('QueuePageCache', () => {
  const page = (p: number) => Array.from({ length: 100 }, (_, i) => itemViewFixture({ id: p * 100 + i + 1, name: `f${p * 100 + i}` }));

  it('answers rows by index and patches a row in place by item id', () => {
    const cache = new QueuePageCache(100, 3);
    cache.store(0, page(0), [0]);
    cache.store(5, page(5), [5]);
    expect(cache.itemAt(42)?.name).toBe('f42');
    expect(cache.itemAt(512)?.name).toBe('f512');
    expect(cache.itemAt(150)).toBeUndefined();
    expect(cache.patch(itemViewFixture({ id: 513, name: 'f512', state: 'done' }))).toBe(true);
    expect(cache.itemAt(512)?.state).toBe('done');
    expect(cache.patch(itemViewFixture({ id: 99_999 }))).toBe(false);
  });

  it('keeps a bounded number of pages as the view moves, and forgets evicted ids', () => {
    const cache = new QueuePageCache(100, 3);
    for (let p = 0; p < 10; p++) cache.store(p, page(p), [p]);
    expect(cache.cachedPages().sort((a, b) => a - b)).toEqual([7, 8, 9]);
    expect(cache.patch(itemViewFixture({ id: 1 }))).toBe(false);
  });
});

describe('itemActions', () => {
  it('offers only what the state allows', () => {
    expect(itemActions('failed', false)).toEqual(['retry']);
    expect(itemActions('rejected', false)).toEqual(['retry']);
    expect(itemActions('uploading', false)).toEqual(['pause', 'cancel']);
    expect(itemActions('uploading', true)).toEqual(['resume', 'cancel']);
    expect(itemActions('done', false)).toEqual([]);
    expect(itemActions('skipped', false)).toEqual([]);
  });
});
