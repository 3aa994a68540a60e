import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, statSync } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  StorageFullError, type BlobLocation, type BlobStore, type ByteRange, type WrittenBlob,
} from './BlobStore';

export interface FsBlobStoreOptions {
  /** Refuse writes past this many bytes held (the fault tests use it to stand for a full disk). */
  maxBytes?: number;
}

const PART_NAME = (n: number): string => `p${n}`;
const ADOPTED_NAME = (i: number): string => String(i).padStart(5, '0');

/**
 * Blobs as files under `<root>/blobs/<2 hex>/<uuid>`: names are never derived from user input, so
 * no id or key can reach outside the folder. A multipart object keeps its parts as files in a
 * folder of that name, read in order, so completing an upload of any size is a rename.
 */
export class FsBlobStore implements BlobStore {
  readonly #root: string;
  readonly #maxBytes: number;
  #used = 0;

  public constructor(root: string, options: FsBlobStoreOptions = {}) {
    this.#root = root;
    this.#maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    for (const dir of ['blobs', 'uploads', 'tmp']) mkdirSync(join(root, dir), { recursive: true });
    // Temporary files are leftovers of writes a crash interrupted: never part of any object.
    for (const name of readdirSync(join(root, 'tmp'))) void rm(join(root, 'tmp', name), { force: true, recursive: true });
    // Walking the folders costs a stat per file, so it is paid only when a limit needs the figure.
    if (Number.isFinite(this.#maxBytes)) this.#used = folderBytes(join(root, 'blobs')) + folderBytes(join(root, 'uploads'));
  }

  public usedBytes(): number {
    return this.#used;
  }

  public async write(source: Readable, expectedSize?: number): Promise<WrittenBlob> {
    this.#admit(expectedSize ?? 0);
    const ref = newRef();
    const tmp = join(this.#root, 'tmp', randomUUID());
    const written = await this.#streamToFile(source, tmp);
    const final = this.#path(ref);
    mkdirSync(join(final, '..'), { recursive: true });
    await rename(tmp, final);
    return { ref, parts: 0, ...written };
  }

  public async writePart(uploadId: string, partNo: number, source: Readable, expectedSize?: number): Promise<{ size: number; sha256: string }> {
    this.#admit(expectedSize ?? 0);
    const dir = join(this.#root, 'uploads', uploadId);
    mkdirSync(dir, { recursive: true });
    const tmp = join(this.#root, 'tmp', randomUUID());
    const written = await this.#streamToFile(source, tmp);
    const final = join(dir, PART_NAME(partNo));
    const previous = await stat(final).then((s) => s.size, () => 0);
    await rename(tmp, final);
    this.#used -= previous;
    return written;
  }

  public partPath(uploadId: string, partNo: number): string {
    return join(this.#root, 'uploads', uploadId, PART_NAME(partNo));
  }

  public async adoptParts(uploadId: string, partNos: readonly number[]): Promise<BlobLocation> {
    const dir = join(this.#root, 'uploads', uploadId);
    const listed = new Set(partNos.map(PART_NAME));
    for (const name of await readdir(dir)) {
      if (!listed.has(name)) {
        const file = join(dir, name);
        this.#used -= (await stat(file)).size;
        await rm(file, { force: true });
      }
    }
    for (const [i, n] of partNos.entries()) await rename(join(dir, PART_NAME(n)), join(dir, ADOPTED_NAME(i + 1)));
    const ref = newRef();
    const final = this.#path(ref);
    mkdirSync(join(final, '..'), { recursive: true });
    await rename(dir, final);
    return { ref, parts: partNos.length };
  }

  public async removeUpload(uploadId: string): Promise<void> {
    const dir = join(this.#root, 'uploads', uploadId);
    this.#used -= folderBytes(dir);
    await rm(dir, { recursive: true, force: true });
  }

  public async size(location: BlobLocation): Promise<number> {
    const files = this.#files(location);
    let total = 0;
    for (const f of files) total += (await stat(f)).size;
    return total;
  }

  public read(location: BlobLocation, range?: ByteRange): Readable {
    if (location.parts === 0) {
      return createReadStream(this.#path(location.ref), range ? { start: range.start, end: range.end } : {});
    }
    return Readable.from(readParts(this.#files(location), range));
  }

  public async remove(location: BlobLocation): Promise<void> {
    const path = this.#path(location.ref);
    this.#used -= await this.size(location).catch(() => 0);
    await rm(path, { recursive: true, force: true });
  }

  #files(location: BlobLocation): string[] {
    const base = this.#path(location.ref);
    if (location.parts === 0) return [base];
    return Array.from({ length: location.parts }, (_, i) => join(base, ADOPTED_NAME(i + 1)));
  }

  #path(ref: string): string {
    return join(this.#root, 'blobs', ref);
  }

  #admit(bytes: number): void {
    if (this.#used + bytes > this.#maxBytes) throw new StorageFullError();
  }

  async #streamToFile(source: Readable, path: string): Promise<{ size: number; sha256: string }> {
    const hash = createHash('sha256');
    let size = 0;
    const limit = this.#maxBytes;
    const meter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        size += chunk.length;
        this.#used += chunk.length;
        if (this.#used > limit) {
          done(new StorageFullError());
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(path));
      const fh = await open(path, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (error) {
      this.#used -= size;
      await rm(path, { force: true });
      throw error;
    }
    return { size, sha256: hash.digest('hex') };
  }
}

function newRef(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

async function* readParts(files: readonly string[], range: ByteRange | undefined): AsyncGenerator<Buffer> {
  let offset = 0;
  for (const file of files) {
    const size = (await stat(file)).size;
    const partStart = offset;
    const partEnd = offset + size - 1;
    offset += size;
    if (range && (partEnd < range.start || partStart > range.end)) continue;
    const start = range ? Math.max(0, range.start - partStart) : 0;
    const end = range ? Math.min(size - 1, range.end - partStart) : size - 1;
    if (end < start) continue;
    for await (const chunk of createReadStream(file, { start, end })) yield chunk as Buffer;
  }
}

function folderBytes(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return total;
}
