const SECRET_PARAMS = new Set(['token', 'signature', 'policy', 'x-amz-signature', 'x-amz-security-token']);

/** A URL fit for an error message or a log: values of secret query parameters are replaced. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.split('?')[0] ?? url;
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.has(name.toLowerCase())) parsed.searchParams.set(name, 'redacted');
  }
  return parsed.toString();
}
