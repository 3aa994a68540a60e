/** JSON that is not a COCO document at all (as opposed to one with a few bad entries). */
export class CocoFormatError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'CocoFormatError';
  }
}
