import type { z } from 'zod';

export interface ZodIssueDescription {
  /** e.g. `annotations[3].segmentation.counts[1]`, or the fallback for a top-level issue. */
  where: string;
  message: string;
  /** `where: message`. */
  text: string;
}

/** The first issue of a failed parse, with list indexes in brackets, for error messages people read. */
export function describeZodIssue(error: z.ZodError, root = '', fallbackWhere = 'the top level'): ZodIssueDescription {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const joined = `${root}${path}`.replace(/^\./, '');
  const where = joined === '' ? fallbackWhere : joined;
  const message = issue?.message ?? 'invalid';
  return { where, message, text: `${where}: ${message}` };
}
