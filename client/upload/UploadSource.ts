import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';

/** Bytes to upload: a file on disk or a Buffer, read in byte ranges as often as retries need. */
export interface UploadSource {
  size: number;
  /** The file's base name, when the bytes come from a file. */
  name: string | undefined;
  /** A fresh stream of bytes [start, end). */
  open(start: number, end: number, signal?: AbortSignal): Readable;
}

export type UploadInput = string | Buffer;

export async function openUploadSource(input: UploadInput): Promise<UploadSource> {
  if (Buffer.isBuffer(input)) {
    return {
      size: input.length,
      name: undefined,
      open: (start, end) => Readable.from(end > start ? [input.subarray(start, end)] : []),
    };
  }
  const info = await stat(input);
  if (!info.isFile()) throw new Error(`${input} is not a regular file`);
  return {
    size: info.size,
    name: basename(input),
    // createReadStream's `end` is inclusive and cannot express an empty range.
    open: (start, end, signal) => (end > start
      ? createReadStream(input, { start, end: end - 1, highWaterMark: 1 << 20, ...(signal ? { signal } : {}) })
      : Readable.from([])),
  };
}
