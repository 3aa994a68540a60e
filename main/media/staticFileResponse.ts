import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { mediaContentType } from './mediaContentType';

/**
 * A file of the built renderer as a Fetch `Response`, for the agent's HTTP server and Electron's
 * `scenedock-app://` protocol alike. Paths resolve inside `rootDir` only (no `..` escape); a path
 * without a file extension answers index.html, so a reload on any route still loads the app. The
 * page carries the CSP header as well as its <meta> policy.
 */
export async function staticFileResponse(rootDir: string, pathname: string, csp: string, method = 'GET'): Promise<Response> {
  const root = resolve(rootDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return new Response('bad path', { status: 400 });
  }
  const candidate = resolve(join(root, normalize(decoded)));
  const inside = candidate === root || candidate.startsWith(root + sep);
  let file = inside ? candidate : undefined;
  let info = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) {
    if (/\.[a-z0-9]+$/i.test(decoded)) return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    file = join(root, 'index.html');
    info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      return new Response(`the UI is not built: ${file} is missing (run npm run build)`, { status: 503, headers: { 'content-type': 'text/plain' } });
    }
  }
  const isHtml = file.endsWith('.html');
  const headers: Record<string, string> = {
    'content-type': mediaContentType(file),
    'content-length': String(info.size),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Hashed asset names never change content; the page itself must be re-read to pick up a new build.
    'cache-control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
    ...(isHtml ? { 'content-security-policy': csp, 'x-frame-options': 'DENY' } : {}),
  };
  const body = method === 'HEAD' ? null : (Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
  return new Response(body, { status: 200, headers });
}
