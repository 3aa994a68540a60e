/** A CSV file that cannot be split into records (an unterminated quote swallows the rest). */
export class CsvParseError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'CsvParseError';
  }
}
