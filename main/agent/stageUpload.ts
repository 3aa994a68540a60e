import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { safeStagedPath, UnsafeNameError } from './safeStagedPath';

/** The header carrying the dropped file's relative name, percent-encoded (headers are Latin-1 only). */
export const STAGE_NAME_HEADER = 'x-scenedock-name';

class TooLargeError extends Error {}

/**
 * `POST /stage?batch=<id>` with the raw file as the body: the browser cannot give the agent a path,
 * so it sends the bytes, and the answer is the path the page then passes to `dropPaths`. The body
 * is streamed to a temporary name and renamed when complete, so no half-written file is ever
 * visible under its real name.
 */
export async function stageUpload(req: IncomingMessage, res: ServerResponse, url: URL, stagingDir: string, maxBytes: number): Promise<void> {
  const rawName = req.headers[STAGE_NAME_HEADER];
  let target;
  try {
    if (typeof rawName !== 'string') throw new UnsafeNameError(`the ${STAGE_NAME_HEADER} header is required`);
    target = safeStagedPath(stagingDir, url.searchParams.get('batch') ?? '', decodeName(rawName));
  } catch (error) {
    if (!(error instanceof UnsafeNameError)) throw error;
    req.resume();
    sendJson(res, 400, { error: error.message });
    return;
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    sendJson(res, 413, { error: `the file is ${declared} bytes; the agent stages at most ${maxBytes}` });
    return;
  }
  await mkdir(dirname(target.file), { recursive: true });
  const partial = `${target.file}.partial-${randomBytes(6).toString('hex')}`;
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > maxBytes ? new TooLargeError() : null, chunk);
    },
  });
  try {
    await pipeline(req, limit, createWriteStream(partial, { flags: 'wx' }));
    await rename(partial, target.file);
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof TooLargeError) {
      // Stop reading: the client may keep sending, and the connection cannot be reused anyway.
      sendJson(res, 413, { error: `the file exceeds ${maxBytes} bytes, the most the agent stages` }, true);
      return;
    }
    throw error;
  }
  sendJson(res, 201, { path: target.file, root: target.root, bytes: received });
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new UnsafeNameError(`the ${STAGE_NAME_HEADER} header is not valid percent-encoding`);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}) }).end(JSON.stringify(body));
}
