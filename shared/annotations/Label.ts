import { checkConfidence, checkLabel, entitySubject } from './entityCommon';

export interface LabelInput {
  label: string;
  className?: string | null;
  categoryId?: number | string | null;
  confidence?: number | null;
}

/** One class of a ClassificationAnnotation. */
export class Label {
  public readonly label: string;
  public readonly className: string | null;
  public readonly categoryId: number | string | null;
  public readonly confidence: number | undefined;

  public constructor(input: LabelInput) {
    const subject = entitySubject('Label', input.label);
    this.label = checkLabel(subject, input.label);
    this.className = input.className ?? null;
    this.categoryId = input.categoryId ?? null;
    this.confidence = checkConfidence(subject, input.confidence);
  }
}
