/**
 * Items of a `search_after` loop: each page starts after the key of the previous page's last
 * item, and the loop ends only on an empty page. A short page does not prove the end: a server
 * may cap its page size, and the Python client's large loops behave the same way.
 */
export async function* pagesAfter<T>(fetchPage: (after: string | undefined) => Promise<T[]>, keyOf: (item: T) => string, signal?: AbortSignal): AsyncGenerator<T> {
  let after: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const page = await fetchPage(after);
    const last = page[page.length - 1];
    if (last === undefined) return;
    yield* page;
    after = keyOf(last);
  }
}
