import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Transform } from 'node:stream';
import { badRequest, HttpError } from '../http/HttpError';
import { queryString, type Query } from '../http/parseInput';
import type { EngineServices } from '../services/EngineServices';
import type { ObjectRecord } from '../storage/ObjectCatalog';
import type { UploadPolicy } from '../storage/ObjectStorage';

/** Largest file accepted by a form post; larger files go through multipart. */
const MAX_FORM_FILE = 5 * 1024 ** 3;
const MAX_FIELD = 64 * 1024;
/** S3's largest part. A part is streamed to disk, so only its announced or counted size is checked. */
const MAX_PART = 5 * 1024 ** 3;

const tooLarge = (what: string, limit: number): HttpError => new HttpError(413, 'payload_too_large', `${what} is larger than ${limit} bytes`);

const PUBLIC = { config: { public: true } } as const;

/**
 * The presigned storage endpoints. They carry no token (SceneBox's storage URLs do not): each
 * request is authorized by the signature the engine put in the URL or the upload policy.
 */
export function registerStorageRoutes(app: FastifyInstance, { storage }: EngineServices): void {
  // Part bodies are raw bytes of any content type; they are streamed to disk, never parsed.
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  void app.register(multipart, { limits: { fileSize: MAX_FORM_FILE, fieldSize: MAX_FIELD, files: 64, fields: 64, parts: 128 } });

  app.post('/storage/upload', PUBLIC, async (request, reply) => {
    if (!request.isMultipart()) throw badRequest('expected a multipart/form-data body with a file part');
    const fields = new Map<string, string>();
    let stored: ObjectRecord | undefined;
    let policy: UploadPolicy | undefined;
    for await (const part of request.parts()) {
      if (part.fieldname === 'file' && part.type === 'file') {
        // S3 requires the file last; the Python client sends the policy first. Checking it
        // before a byte is written keeps forged uploads off the disk.
        policy = storage.verifyPolicy(fields.get('policy') ?? '', fields.get('key'));
        // Past MAX_FORM_FILE the part stream fails (413) and nothing is recorded.
        stored = await storage.storeFormUpload(policy, part.file, part.mimetype);
      } else if (part.type === 'file') {
        // The Python client sends every form field as a file part (`requests.post(files=...)`).
        // Held in memory, so capped like a field: this route takes no token.
        fields.set(part.fieldname, await fieldFileText(part));
      } else {
        if (part.valueTruncated) throw tooLarge(`form field ${part.fieldname}`, MAX_FIELD);
        fields.set(part.fieldname, String(part.value));
      }
    }
    if (!stored) throw badRequest('the form has no file part');
    return reply.status(204).header('etag', `"${stored.sha256}"`).send();
  });

  app.put<{ Params: { uploadId: string; partNo: string } }>('/storage/parts/:uploadId/:partNo', PUBLIC, async (request, reply) => {
    const q = request.query as Query;
    const length = Number(request.headers['content-length']);
    if (Number.isFinite(length) && length > MAX_PART) throw tooLarge('an upload part', MAX_PART);
    const resumeHeader = request.headers['x-scenedock-resume-from'];
    const resumeFrom = typeof resumeHeader === 'string' && resumeHeader !== '' ? Number(resumeHeader) : undefined;
    if (resumeFrom !== undefined && !(Number.isInteger(resumeFrom) && resumeFrom >= 0)) throw badRequest('x-scenedock-resume-from must be a byte count');
    const etag = await storage.storePart(
      request.params.uploadId,
      Number(request.params.partNo),
      Number(queryString(q, 'expires')),
      queryString(q, 'signature') ?? '',
      // A chunked body announces no size: it is counted on the way instead.
      Number.isFinite(length) ? request.raw : request.raw.pipe(byteLimit(MAX_PART, () => tooLarge('an upload part', MAX_PART))),
      Number.isFinite(length) ? length : undefined,
      resumeFrom,
    );
    return reply.header('etag', etag).send();
  });

  const download = async (request: FastifyRequest<{ Params: { bucket: string; '*': string } }>, reply: FastifyReply) => {
    const q = request.query as Query;
    const record = storage.verifiedObject(request.params.bucket, request.params['*'], Number(queryString(q, 'expires')), queryString(q, 'signature') ?? '');
    reply.header('accept-ranges', 'bytes').header('etag', `"${record.sha256}"`).type(record.contentType ?? 'application/octet-stream');
    const range = parseRange(request.headers.range, record.size);
    if (range === 'unsatisfiable') {
      return reply.status(416).header('content-range', `bytes */${record.size}`).send();
    }
    if (range) {
      reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${record.size}`).header('content-length', range.end - range.start + 1);
      return request.method === 'HEAD' ? reply.send() : reply.send(storage.read(record, range));
    }
    reply.header('content-length', record.size);
    return request.method === 'HEAD' || record.size === 0 ? reply.send() : reply.send(storage.read(record));
  };
  app.get('/storage/objects/:bucket/*', PUBLIC, download);
}

/** A form field sent as a file part, read up to MAX_FIELD bytes. */
async function fieldFileText(part: MultipartFile): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FIELD) {
      part.file.resume();
      throw tooLarge(`form field ${part.fieldname}`, MAX_FIELD);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Passes bytes through until more than `limit` went by, then fails with `error()`. */
function byteLimit(limit: number, error: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? error() : null, chunk);
    },
  });
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; anything else is served whole. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
