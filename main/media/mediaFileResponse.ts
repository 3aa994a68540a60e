import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { mediaContentType } from './mediaContentType';
import { parseRangeHeader } from './parseRangeHeader';

/**
 * A local file as a Fetch `Response`, with HTTP range support (a <video> seeks by asking for byte
 * ranges). One implementation for both places that stream previews: Electron's
 * `scenedock-media://` protocol handler takes the Response as is, and the agent's HTTP server
 * writes it to its socket.
 */
export async function mediaFileResponse(filePath: string, rangeHeader: string | null | undefined, method = 'GET'): Promise<Response> {
  const info = await stat(filePath).catch(() => undefined);
  if (!info?.isFile()) return new Response(`the item's file is not readable: ${filePath}`, { status: 404, headers: { 'content-type': 'text/plain' } });
  const size = info.size;
  const range = parseRangeHeader(rangeHeader, size);
  const headers: Record<string, string> = {
    'accept-ranges': 'bytes', 'content-type': mediaContentType(filePath), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
  };
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  headers['content-length'] = String(size === 0 ? 0 : end - start + 1);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  const body = method === 'HEAD' || size === 0 ? null : (Readable.toWeb(createReadStream(filePath, { start, end })) as ReadableStream<Uint8Array>);
  return new Response(body, { status: range ? 206 : 200, headers });
}
