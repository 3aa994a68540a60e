import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, statSync } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  PartialMismatchError, StorageFullError, type BlobLocation, type BlobStore, type ByteRange, type PartWriteOptions, type WrittenBlob,
} from './BlobStore';

export interface FsBlobStoreOptions {
  /** Refuse writes past this many bytes held (the fault tests use it to stand for a full disk). */
  maxBytes?: number;
}

const PART_NAME = (n: number): string => `p${n}`;
const PARTIAL_NAME = (n: number): string => `p${n}.partial`;
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
    const written = await this.#streamToFile(source, tmp, { hash: createHash('sha256'), append: false, keepPartial: false, heldBefore: 0 });
    const final = this.#path(ref);
    mkdirSync(join(final, '..'), { recursive: true });
    await rename(tmp, final);
    return { ref, parts: 0, ...written };
  }

  public async writePart(uploadId: string, partNo: number, source: Readable, options: PartWriteOptions = {}): Promise<{ size: number; sha256: string }> {
    this.#admit(options.expectedSize ?? 0);
    const dir = join(this.#root, 'uploads', uploadId);
    mkdirSync(dir, { recursive: true });
    const partial = join(dir, PARTIAL_NAME(partNo));
    // Bytes arrive in a file of their own; only a settled interrupted try is renamed to `.partial`,
    // so that listing partial parts never shows a size still growing.
    const incoming = join(dir, `p${partNo}.${randomUUID()}.incoming`);
    const hash = createHash('sha256');
    const resumeFrom = options.resumeFrom ?? 0;
    if (options.resumeFrom !== undefined) {
      const held = await stat(partial).then((s) => s.size, () => 0);
      if (held !== options.resumeFrom) throw new PartialMismatchError(partNo, held, options.resumeFrom);
      await rename(partial, incoming);
      // The part's ETag covers all its bytes: hash what the earlier try left before appending.
      for await (const chunk of createReadStream(incoming)) hash.update(chunk as Buffer);
    } else {
      this.#used -= await stat(partial).then((s) => s.size, () => 0);
      await rm(partial, { force: true });
    }
    let appended: { size: number; sha256: string };
    try {
      appended = await this.#streamToFile(source, incoming, { hash, append: options.resumeFrom !== undefined, keepPartial: true, heldBefore: resumeFrom });
    } catch (error) {
      if (await stat(incoming).then(() => true, () => false)) await rename(incoming, partial);
      throw error;
    }
    const final = join(dir, PART_NAME(partNo));
    const previous = await stat(final).then((s) => s.size, () => 0);
    await rename(incoming, final);
    this.#used -= previous;
    return { size: resumeFrom + appended.size, sha256: appended.sha256 };
  }

  public async partialParts(uploadId: string): Promise<{ partNo: number; size: number }[]> {
    const dir = join(this.#root, 'uploads', uploadId);
    const names = await readdir(dir).catch(() => [] as string[]);
    const out: { partNo: number; size: number }[] = [];
    for (const name of names) {
      const m = /^p(\d+)\.partial$/.exec(name);
      if (m) out.push({ partNo: Number(m[1]), size: (await stat(join(dir, name))).size });
    }
    return out.sort((a, b) => a.partNo - b.partNo);
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

  public read(location: BlobLocation, range?: ByteRange, readBytes?: number): Readable {
    const size = readBytes !== undefined ? { highWaterMark: readBytes } : {};
    if (location.parts === 0) {
      return createReadStream(this.#path(location.ref), { ...(range ? { start: range.start, end: range.end } : {}), ...size });
    }
    return Readable.from(readParts(this.#files(location), range, readBytes));
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

  /**
   * Streams to a file, hashing and metering on the way, then fsyncs it. On failure the file is
   * removed, unless `keepPartial` asks to keep what arrived (an interrupted part, which a later
   * try appends to instead of sending again).
   */
  async #streamToFile(source: Readable, path: string, options: { hash: Hash; append: boolean; keepPartial: boolean; heldBefore: number }): Promise<{ size: number; sha256: string }> {
    const { hash } = options;
    let size = 0;
    const limit = this.#maxBytes;
    let full = false;
    const meter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        size += chunk.length;
        this.#used += chunk.length;
        if (this.#used > limit) {
          full = true;
          done(new StorageFullError());
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(path, { flags: options.append ? 'a' : 'w' }));
      await fsyncFile(path);
    } catch (error) {
      // Counted so far: every byte that arrived; held now: what the file really got.
      const kept = options.keepPartial && !full ? await stat(path).then((s) => s.size, () => 0) : 0;
      this.#used += kept - options.heldBefore - size;
      if (kept > 0) await fsyncFile(path);
      else await rm(path, { force: true });
      throw error;
    }
    return { size, sha256: hash.digest('hex') };
  }
}

async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function newRef(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

async function* readParts(files: readonly string[], range: ByteRange | undefined, readBytes: number | undefined): AsyncGenerator<Buffer> {
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
    for await (const chunk of createReadStream(file, { start, end, ...(readBytes !== undefined ? { highWaterMark: readBytes } : {}) })) yield chunk as Buffer;
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
