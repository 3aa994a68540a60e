import { AnnotationValidationError } from '../../../shared/annotations/AnnotationValidationError';

/** Runs `build` and returns the AnnotationValidationError it must throw (anything else fails the test). */
export function rejection(build: () => unknown): AnnotationValidationError {
  try {
    build();
  } catch (error) {
    if (error instanceof AnnotationValidationError) return error;
    throw error;
  }
  throw new Error('expected an AnnotationValidationError');
}
