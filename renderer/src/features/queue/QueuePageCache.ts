import type { ItemView } from '../../../../shared/ipc/viewModels';
import { pagesToEvict, QUEUE_PAGE_SIZE } from './queuePages';

/**
 * The rows the virtual list has fetched, by page. Only the window on screen is ever asked of the
 * service; the cache holds a bounded number of pages around it and patches rows in place when an
 * itemChanged event names one of them.
 */
export class QueuePageCache {
  readonly #pages = new Map<number, ItemView[]>();
  readonly #rowOf = new Map<number, { page: number; index: number }>();
  readonly #pageSize: number;
  readonly #keep: number;

  public constructor(pageSize = QUEUE_PAGE_SIZE, keep = 30) {
    this.#pageSize = pageSize;
    this.#keep = keep;
  }

  public has(page: number): boolean {
    return this.#pages.has(page);
  }

  public itemAt(index: number): ItemView | undefined {
    return this.#pages.get(Math.floor(index / this.#pageSize))?.[index % this.#pageSize];
  }

  public store(page: number, items: ItemView[], visiblePages: readonly number[]): void {
    this.#drop(page);
    this.#pages.set(page, items);
    items.forEach((item, index) => this.#rowOf.set(item.id, { page, index }));
    for (const evict of pagesToEvict([...this.#pages.keys()], visiblePages, this.#keep)) this.#drop(evict);
  }

  /** Replaces a cached row by id; false when the item is not in any cached page. */
  public patch(item: ItemView): boolean {
    const at = this.#rowOf.get(item.id);
    const page = at ? this.#pages.get(at.page) : undefined;
    if (!at || !page) return false;
    page[at.index] = item;
    return true;
  }

  public clear(): void {
    this.#pages.clear();
    this.#rowOf.clear();
  }

  public cachedPages(): number[] {
    return [...this.#pages.keys()];
  }

  #drop(page: number): void {
    for (const item of this.#pages.get(page) ?? []) {
      if (this.#rowOf.get(item.id)?.page === page) this.#rowOf.delete(item.id);
    }
    this.#pages.delete(page);
  }
}
