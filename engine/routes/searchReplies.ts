import { gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';

/**
 * Sends a JSON array text as is. With `compress`, the Python client expects gzip it can read with
 * `resp.json()`: that works only with `Content-Encoding: gzip`, which `requests` undoes itself.
 */
export function sendJsonText(reply: FastifyReply, json: string, compress: boolean): FastifyReply {
  reply.type('application/json; charset=utf-8');
  if (!compress) return reply.send(json);
  return reply.header('content-encoding', 'gzip').send(gzipSync(json));
}
