/** Entities refused on the client's side before any was sent: nothing of the batch was stored. */
export class EntityBatchError extends Error {
  /** One line per bad entity, naming it by index (and entity_id or name). */
  public readonly problems: readonly string[];

  public constructor(problems: readonly string[]) {
    const listed = problems.slice(0, 20).join('; ');
    super(`nothing of the batch was sent: ${listed}${problems.length > 20 ? `; and ${problems.length - 20} more` : ''}`);
    this.name = 'EntityBatchError';
    this.problems = problems;
  }
}
