/** A raw float32 scan whose size or layout does not add up. */
export class KittiBinParseError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'KittiBinParseError';
  }
}
