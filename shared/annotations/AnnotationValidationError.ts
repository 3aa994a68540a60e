/**
 * An annotation (or one of its entities) the SceneBox client would refuse to send. `subject`
 * names what was checked (`BoundingBox "car"`, `PolygonAnnotation img_01 > Polygon "road"`),
 * `rule` the rule it broke.
 */
export class AnnotationValidationError extends Error {
  public readonly subject: string;
  public readonly rule: string;

  public constructor(subject: string, rule: string) {
    super(`${subject}: ${rule}`);
    this.name = 'AnnotationValidationError';
    this.subject = subject;
    this.rule = rule;
  }

  /** Runs `build`; an error about an entity is re-raised naming the annotation that holds it too. */
  public static within<T>(subject: string, build: () => T): T {
    try {
      return build();
    } catch (error) {
      if (error instanceof AnnotationValidationError && !error.subject.startsWith(subject)) {
        throw new AnnotationValidationError(`${subject} > ${error.subject}`, error.rule);
      }
      throw error;
    }
  }
}
