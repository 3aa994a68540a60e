/** Reads the fields of one MCAP record body (little-endian, strings and byte arrays length-prefixed). */
export class McapRecordReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  #at = 0;
  readonly #what: string;

  public constructor(bytes: Uint8Array, what: string) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#what = what;
  }

  public get offset(): number {
    return this.#at;
  }

  public uint16(): number {
    this.#need(2);
    const v = this.#view.getUint16(this.#at, true);
    this.#at += 2;
    return v;
  }

  public uint32(): number {
    this.#need(4);
    const v = this.#view.getUint32(this.#at, true);
    this.#at += 4;
    return v;
  }

  public uint64(): bigint {
    this.#need(8);
    const v = this.#view.getBigUint64(this.#at, true);
    this.#at += 8;
    return v;
  }

  /** A uint64 that must be a length within this record. */
  public length64(): number {
    const v = this.uint64();
    if (v > BigInt(this.#bytes.byteLength - this.#at)) throw new Error(`${this.#what}: a length of ${v} bytes overruns the record`);
    return Number(v);
  }

  public bytes(length: number): Uint8Array {
    this.#need(length);
    const v = this.#bytes.subarray(this.#at, this.#at + length);
    this.#at += length;
    return v;
  }

  public string(): string {
    const bytes = this.bytes(this.uint32());
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }

  /** The rest of the record. */
  public rest(): Uint8Array {
    return this.bytes(this.#bytes.byteLength - this.#at);
  }

  #need(n: number): void {
    if (this.#at + n > this.#bytes.byteLength) throw new Error(`${this.#what}: needs ${n} more bytes at ${this.#at}, the record has ${this.#bytes.byteLength}`);
  }
}
