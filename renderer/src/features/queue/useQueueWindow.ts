import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ItemState } from '../../../../shared/ingest/itemStates';
import type { ItemView } from '../../../../shared/ipc/viewModels';
import { useBridge } from '../../bridge/BridgeContext';
import { useBridgeEvent } from '../../bridge/useBridgeEvent';
import { pagesForRange, QUEUE_PAGE_SIZE } from './queuePages';
import { QueuePageCache } from './QueuePageCache';

export interface QueueFilter {
  states: ItemState[];
  search: string;
}

export interface QueueWindow {
  /** Rows in the filtered list; undefined until the first page answers. */
  total: number | undefined;
  itemAt: (index: number) => ItemView | undefined;
  /** The virtual list says which rows are on screen; missing pages are fetched. */
  showRange: (first: number, last: number) => void;
  error: string | undefined;
  /** Bumps on every change of cached rows, so that the list re-renders. */
  version: number;
}

/** How often visible rows are re-read while items move (membership of a filtered list changes with state). */
const REFRESH_MS = 1000;

/**
 * The queue's data: pages of `listItems` for the rows on screen only, never the whole journal.
 * itemChanged events patch rows in place at once; a throttled re-read of the visible pages then
 * picks up rows that entered or left the filter.
 */
export function useQueueWindow(filter: QueueFilter): QueueWindow {
  const { api } = useBridge();
  const cache = useMemo(() => new QueuePageCache(), []);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | undefined>(undefined);
  const visible = useRef<number[]>([]);
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const staleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { states, search } = filter;
  const request = useMemo(() => ({ ...(states.length ? { states } : {}), ...(search.trim() ? { search: search.trim() } : {}) }), [states, search]);

  const fetchPage = useCallback(async (page: number): Promise<void> => {
    if (inFlight.current.has(page)) return;
    const gen = generation.current;
    inFlight.current.add(page);
    const result = await api.listItems({ ...request, offset: page * QUEUE_PAGE_SIZE, limit: QUEUE_PAGE_SIZE });
    inFlight.current.delete(page);
    if (gen !== generation.current) return;
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(undefined);
    cache.store(page, result.value.items, visible.current);
    setTotal(result.value.total);
    setVersion((v) => v + 1);
  }, [api, cache, request]);

  useEffect(() => {
    generation.current++;
    cache.clear();
    inFlight.current.clear();
    visible.current = [0];
    setTotal(undefined);
    void fetchPage(0);
  }, [cache, fetchPage]);

  const showRange = useCallback((first: number, last: number) => {
    const pages = pagesForRange(first, last, Math.max(total ?? 0, last + 1));
    visible.current = pages;
    for (const page of pages) if (!cache.has(page)) void fetchPage(page);
  }, [cache, fetchPage, total]);

  const refreshVisible = useCallback(() => {
    if (staleTimer.current) return;
    staleTimer.current = setTimeout(() => {
      staleTimer.current = undefined;
      for (const page of visible.current) void fetchPage(page);
    }, REFRESH_MS);
  }, [fetchPage]);
  useEffect(() => () => clearTimeout(staleTimer.current), []);

  useBridgeEvent('itemChanged', (item) => {
    if (cache.patch(item)) setVersion((v) => v + 1);
    refreshVisible();
  });
  useBridgeEvent('overview', refreshVisible);

  return { total, itemAt: (i) => cache.itemAt(i), showRange, error, version };
}
