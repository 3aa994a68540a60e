/**
 * Requests shaped like the public SceneBox Python client's (see
 * ../shared/reference/scenebox-client-observed-requests.md): the token in `?token=`, booleans as
 * `True`/`False`, JSON bodies through `requests`' `json=`.
 */
export interface PyResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function pyRequest(
  method: string,
  url: string,
  params: Record<string, string | number | boolean | undefined>,
  body?: unknown,
): Promise<PyResponse> {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    u.searchParams.set(k, typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
  }
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await fetch(u, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** `requests.post(url, files=fields)`: every field, and the file, travel as file parts. */
export async function pyFormUpload(url: string, fields: Record<string, string>, file: Uint8Array): Promise<number> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, new Blob([v]), k);
  form.append('file', new Blob([new Uint8Array(file)]), 'file');
  const res = await fetch(url, { method: 'POST', body: form });
  await res.arrayBuffer();
  return res.status;
}
