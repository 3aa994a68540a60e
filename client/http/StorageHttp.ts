import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Readable } from 'node:stream';
import { got, type Got } from 'got';
import { MalformedResponseError } from '../errors/MalformedResponseError';
import { hashingTap } from '../upload/hashingTap';
import { redactUrl } from './redactUrl';
import { translateGotError } from './translateGotError';

export interface FormFile {
  size: number;
  filename: string;
  contentType: string | undefined;
  open(): Readable;
}

/** What the storage answered for an upload, with the sha256 of the bytes as they were read. */
export interface StoredBytes {
  etag: string | undefined;
  sha256: string;
}

/** Connect and idle limits only: a large part or download may take long, but must keep moving. */
const TIMEOUT = { connect: 15_000, socket: 120_000 } as const;

/**
 * Requests to presigned storage URLs. They carry no SceneBox token (the URL's signature is the
 * authorization, as with S3) and are never retried by got: their bodies are streams, so callers
 * retry with a fresh stream (see retryWithBackoff).
 */
export class StorageHttp {
  readonly #got: Got;

  public constructor() {
    // Own sockets, never kept alive: a storage server may answer (403, 507) before it has read a
    // whole part, and a socket left mid-body must not be handed to the next request.
    const agent = { http: new HttpAgent({ keepAlive: false }), https: new HttpsAgent({ keepAlive: false }) };
    this.#got = got.extend({ retry: { limit: 0 }, timeout: TIMEOUT, agent });
  }

  /** An S3-style presigned form POST: every field first, then the file part named `file`. */
  public async postForm(url: string, fields: Readonly<Record<string, string>>, file: FormFile, signal?: AbortSignal): Promise<StoredBytes> {
    const boundary = `----scenedock${randomBytes(12).toString('hex')}`;
    const head = Buffer.from([
      ...Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`),
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(file.filename)}"\r\n`,
      `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    ].join(''));
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const tap = hashingTap(file.size, file.filename);
    const body = Readable.from(concatStreams([head, tap.pass(file.open()), tail]));
    try {
      const response = await this.#got.post(url, {
        body,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + file.size + tail.length) },
        ...(signal ? { signal } : {}),
      });
      return { etag: response.headers.etag, sha256: tap.digest() };
    } catch (error) {
      throw translateGotError(error, 'POST', url, signal);
    }
  }

  /** `PUT` of one multipart part; answers the part's `ETag`, which completing the upload needs. */
  public async putPart(url: string, bytes: Readable, length: number, signal?: AbortSignal, resumeFrom?: number): Promise<StoredBytes & { etag: string }> {
    const tap = hashingTap(length, 'part');
    let etag: string | undefined;
    try {
      const response = await this.#got.put(url, {
        body: Readable.from(tap.pass(bytes)),
        // SceneDock engines append to the bytes an interrupted try of this part left.
        headers: { 'content-length': String(length), ...(resumeFrom !== undefined ? { 'x-scenedock-resume-from': String(resumeFrom) } : {}) },
        ...(signal ? { signal } : {}),
      });
      etag = response.headers.etag;
    } catch (error) {
      throw translateGotError(error, 'PUT', url, signal);
    }
    if (!etag) throw new MalformedResponseError('PUT', redactUrl(url), 'no ETag header');
    return { etag, sha256: tap.digest() };
  }

  /** A presigned GET as a stream; HTTP failures surface as the stream's error. */
  public download(url: string, signal?: AbortSignal): Readable {
    return this.#got.stream(url, { ...(signal ? { signal } : {}) });
  }

  /** A presigned GET into memory. Read as a stream: got's promise API is many times slower on large bodies. */
  public async getBuffer(url: string, signal?: AbortSignal): Promise<Buffer> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of this.download(url, signal)) chunks.push(chunk as Buffer);
    } catch (error) {
      throw translateGotError(error, 'GET', url, signal);
    }
    return Buffer.concat(chunks);
  }
}

function quoted(text: string): string {
  return text.replace(/["\r\n]/g, (c) => encodeURIComponent(c));
}

async function* concatStreams(parts: readonly (Buffer | AsyncIterable<Buffer>)[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    if (Buffer.isBuffer(part)) yield part;
    else yield* part;
  }
}
