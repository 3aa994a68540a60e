import type { ByteSource } from '../../../shared/formats/bags/ByteSource';
import type { ObjectRecord } from '../../storage/ObjectCatalog';
import type { ObjectStorage } from '../../storage/ObjectStorage';

/** The largest positional read (a corrupt length field could ask for gigabytes). */
const MAX_SINGLE_READ = 1024 * 1024 * 1024;
/** Sequential reads come in pieces of this size: 64 KiB pieces (the stream default) cost twice the read time. */
const STREAM_PIECE = 1024 * 1024;

/**
 * A stored object seen as positional reads (ROS 1 bags, file headers and footers) and as one
 * sequential stream (MCAP), both through the blob store's ranged reads, so that an object kept as
 * several part files is read piece by piece and never loaded whole. Counts the bytes it delivers,
 * which is what the indexing progress is measured in.
 */
export class StoredObjectSource implements ByteSource {
  readonly #storage: ObjectStorage;
  readonly record: ObjectRecord;
  /** The file's name in messages (the object access' filename or the key's last segment). */
  readonly name: string;
  #delivered = 0;

  public constructor(storage: ObjectStorage, record: ObjectRecord, name: string) {
    this.#storage = storage;
    this.record = record;
    this.name = name;
  }

  public get size(): number {
    return this.record.size;
  }

  /** Bytes handed out so far (a byte read twice counts twice; progress only needs to grow). */
  public get delivered(): number {
    return this.#delivered;
  }

  public async readUpTo(offset: number, length: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
      throw new Error(`${this.name}: invalid read of ${length} bytes at offset ${offset}`);
    }
    if (length > MAX_SINGLE_READ) throw new Error(`${this.name}: refusing to read ${length} bytes at offset ${offset}; a length field is corrupt`);
    const wanted = Math.max(0, Math.min(length, this.size - offset));
    // A fresh array per read: the bag readers keep views of what they are given.
    const out = new Uint8Array(wanted);
    if (wanted === 0) return out;
    let filled = 0;
    for await (const piece of this.#storage.read(this.record, { start: offset, end: offset + wanted - 1 }, Math.min(STREAM_PIECE, wanted))) {
      const bytes = piece as Buffer;
      const take = Math.min(bytes.byteLength, wanted - filled);
      out.set(bytes.subarray(0, take), filled);
      filled += take;
    }
    this.#delivered += filled;
    return filled === wanted ? out : out.subarray(0, filled);
  }

  public async read(offset: number, length: number): Promise<Uint8Array> {
    const bytes = await this.readUpTo(offset, length);
    if (bytes.byteLength < length) {
      throw new Error(`${this.name}: needs ${length} bytes at offset ${offset} but the file ends at ${this.size} (truncated?)`);
    }
    return bytes;
  }

  /** The bytes from `from` to the end, in the pieces the blob store reads (no copy). */
  public async *stream(from = 0): AsyncGenerator<Uint8Array> {
    if (from >= this.size) return;
    for await (const piece of this.#storage.read(this.record, { start: from, end: this.size - 1 }, STREAM_PIECE)) {
      const bytes = piece as Buffer;
      this.#delivered += bytes.byteLength;
      yield bytes;
    }
  }
}
