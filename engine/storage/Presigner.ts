import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 signatures for the storage URLs the engine hands out, so that a URL grants access
 * to one object (or one upload part) until it expires, without the caller's token.
 */
export class Presigner {
  readonly #secret: Buffer;
  readonly #now: () => number;

  public constructor(secret: Buffer, now: () => number = Date.now) {
    this.#secret = secret;
    this.#now = now;
  }

  /** Unix seconds `seconds` from now. */
  public expiry(seconds: number): number {
    return Math.floor(this.#now() / 1000) + Math.max(1, Math.floor(seconds));
  }

  public sign(message: string): string {
    return createHmac('sha256', this.#secret).update(message).digest('base64url');
  }

  /** True when the signature is the engine's for `message` and `expires` (unix seconds) is not past. */
  public verify(message: string, signature: string, expires: number): boolean {
    if (!Number.isFinite(expires) || expires * 1000 < this.#now()) return false;
    const expected = Buffer.from(this.sign(message));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
