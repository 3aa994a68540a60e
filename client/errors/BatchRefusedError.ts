/** A batch refused on the client's side before any of it was sent: nothing of it was stored. */
export class BatchRefusedError extends Error {
  /** One line per bad item, naming it. */
  public readonly problems: readonly string[];

  public constructor(problems: readonly string[]) {
    const listed = problems.slice(0, 20).join('; ');
    super(`nothing of the batch was stored: ${listed}${problems.length > 20 ? `; and ${problems.length - 20} more` : ''}`);
    this.name = new.target.name;
    this.problems = problems;
  }
}
