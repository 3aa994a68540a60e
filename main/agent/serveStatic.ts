import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { mediaContentType } from '../media/mediaContentType';

/**
 * Serves the built renderer. Paths are resolved inside `rootDir` only (no `..` escape), and any
 * path without a file answers index.html so that a reload on a deep link still loads the app.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL, rootDir: string, csp: string): Promise<void> {
  const root = resolve(rootDir);
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end('bad path');
    return;
  }
  const candidate = resolve(join(root, normalize(pathname)));
  const inside = candidate === root || candidate.startsWith(root + sep);
  let file = inside ? candidate : undefined;
  let info = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) {
    if (/\.[a-z0-9]+$/i.test(pathname)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    file = join(root, 'index.html');
    info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end(`the UI is not built: ${file} is missing (run npm run build)`);
      return;
    }
  }
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    'content-type': mediaContentType(file),
    'content-length': info.size,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Hashed asset names never change content; the page itself must be re-read to pick up a new build.
    'cache-control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
    ...(isHtml ? { 'content-security-policy': csp, 'x-frame-options': 'DENY' } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(file), res);
}
