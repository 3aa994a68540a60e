import type { z } from 'zod';
import {
  cocoAnnotationSchema, cocoCategorySchema, cocoImageSchema, cocoTopLevelSchema,
  type CocoAnnotation, type CocoCategory, type CocoImage,
} from './cocoSchema';
import { CocoFormatError } from './CocoFormatError';
import { describeZodIssue } from '../describeZodIssue';

export interface InvalidCocoEntry {
  /** e.g. `annotations[3].bbox`. */
  path: string;
  reason: string;
}

export interface ParsedCoco {
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
  hasAnnotationsKey: boolean;
  hasCategoriesKey: boolean;
  hasInfo: boolean;
  hasLicenses: boolean;
  /** Entries that failed their schema; they are left out of the lists above. */
  invalid: InvalidCocoEntry[];
}

/** Validates a parsed COCO JSON value; throws CocoFormatError only when the top level is not COCO. */
export function parseCocoDocument(json: unknown): ParsedCoco {
  const top = cocoTopLevelSchema.safeParse(json);
  if (!top.success) throw new CocoFormatError(`not a COCO document: ${describeZodIssue(top.error).text}`);
  const invalid: InvalidCocoEntry[] = [];
  const doc = top.data;
  return {
    images: entries('images', doc.images, cocoImageSchema, invalid),
    annotations: entries('annotations', doc.annotations ?? [], cocoAnnotationSchema, invalid),
    categories: entries('categories', doc.categories ?? [], cocoCategorySchema, invalid),
    hasAnnotationsKey: doc.annotations !== undefined,
    hasCategoriesKey: doc.categories !== undefined,
    hasInfo: doc.info !== undefined,
    hasLicenses: doc.licenses !== undefined,
    invalid,
  };
}

function entries<S extends z.ZodType>(key: string, list: unknown[], schema: S, invalid: InvalidCocoEntry[]): z.output<S>[] {
  const valid: z.output<S>[] = [];
  list.forEach((entry, index) => {
    const result = schema.safeParse(entry);
    if (result.success) {
      valid.push(result.data);
      return;
    }
    const { where, message } = describeZodIssue(result.error, `${key}[${index}]`);
    invalid.push({ path: where, reason: message });
  });
  return valid;
}
