/**
 * Object keys in snake_case, recursively: SceneBox stores aux keys lowercased with `_`, and the
 * probes speak camelCase (`dateTimeOriginal` → `date_time_original`).
 */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(), snakeCaseKeys(v)]));
}
