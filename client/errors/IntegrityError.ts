/** Bytes the server reports do not match the bytes sent (or the file changed while it was read). */
export class IntegrityError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'IntegrityError';
  }
}
