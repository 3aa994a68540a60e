export type QueryValue = string | number | boolean | null | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

/**
 * Query parameters as the engine reads them: booleans as `true`/`false` (the engine also takes
 * Python's `True`/`False`), numbers in decimal, and absent values left out rather than sent as
 * `None` or an empty string.
 */
export function toSearchParams(query: Query | undefined): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    params.set(name, typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value));
  }
  return params;
}
