/**
 * Bytes arriving in pieces (a blob store's read stream), taken off the front in exact lengths:
 * a length that lies within one piece is a view of it (no copy), one that spans pieces is copied
 * once into a buffer of its own.
 */
export class PieceQueue {
  readonly #pieces: Uint8Array[] = [];
  #head = 0;
  #available = 0;
  #consumed = 0;

  public get available(): number {
    return this.#available;
  }

  /** Bytes taken so far: the offset in the stream of the next byte. */
  public get consumed(): number {
    return this.#consumed;
  }

  public push(piece: Uint8Array): void {
    if (piece.byteLength === 0) return;
    this.#pieces.push(piece);
    this.#available += piece.byteLength;
  }

  /** The next `length` bytes, or undefined while fewer have arrived. */
  public take(length: number): Uint8Array | undefined {
    if (length > this.#available) return undefined;
    this.#available -= length;
    this.#consumed += length;
    const first = this.#pieces[0];
    if (first && first.byteLength - this.#head >= length) {
      const view = first.subarray(this.#head, this.#head + length);
      this.#advance(first, length);
      return view;
    }
    // Every byte is written below: no need to zero it first.
    const out = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const piece = this.#pieces[0];
      if (!piece) throw new Error('piece queue ran dry: its byte count is wrong');
      const n = Math.min(piece.byteLength - this.#head, length - filled);
      out.set(piece.subarray(this.#head, this.#head + n), filled);
      filled += n;
      this.#advance(piece, n);
    }
    return out;
  }

  #advance(piece: Uint8Array, n: number): void {
    this.#head += n;
    if (this.#head === piece.byteLength) {
      this.#pieces.shift();
      this.#head = 0;
    }
  }
}
