/** Annotations refused before anything was written: nothing of the batch was stored. */
export class AnnotationBatchError extends Error {
  /** One line per bad item, naming it. */
  public readonly problems: readonly string[];

  public constructor(problems: readonly string[]) {
    const listed = problems.slice(0, 20).join('; ');
    super(`nothing of the batch was written: ${listed}${problems.length > 20 ? `; and ${problems.length - 20} more` : ''}`);
    this.name = 'AnnotationBatchError';
    this.problems = problems;
  }
}
