/** A PCD file we cannot read; the message says what is wrong in terms of the file's own header. */
export class PcdParseError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PcdParseError';
  }
}
