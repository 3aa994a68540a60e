/** A base URL known now, or found later (the asset manager's comes from `GET /status`). */
export type UrlSource = string | (() => Promise<string>);

/**
 * Resolves a URL source once and caches it. A failed lookup is not cached, so a client built
 * while the engine was still starting recovers on its next call.
 */
export function cachedUrl(source: UrlSource, transform: (url: string) => string = (u) => u): () => Promise<string> {
  if (typeof source === 'string') {
    const fixed = Promise.resolve(transform(source));
    return () => fixed;
  }
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= source().then(transform, (error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
