import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { mediaContentType } from '../media/mediaContentType';
import { parseRangeHeader } from '../media/parseRangeHeader';

/** Streams a local file with HTTP range support, which a <video> needs to seek without reading it all. */
export async function serveMedia(req: IncomingMessage, res: ServerResponse, filePath: string): Promise<void> {
  const info = await stat(filePath).catch(() => undefined);
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`the item's file is not readable: ${filePath}`);
    return;
  }
  const size = info.size;
  const range = parseRangeHeader(req.headers.range, size);
  const common = { 'accept-ranges': 'bytes', 'content-type': mediaContentType(filePath), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...common, 'content-range': `bytes */${size}` }).end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  res.writeHead(range ? 206 : 200, {
    ...common,
    'content-length': size === 0 ? 0 : end - start + 1,
    ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  await pipeline(createReadStream(filePath, { start, end }), res);
}
