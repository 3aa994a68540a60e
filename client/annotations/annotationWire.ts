import { z } from 'zod';

// Replies of the annotation routes (wire protocol §1.8) as this client reads them.
export const annotationWire = {
  sources: z.array(z.looseObject({
    provider: z.string(),
    version: z.string().nullable(),
    annotation_type: z.string().nullable(),
    annotation_group: z.string().nullable(),
  })),
  labels: z.array(z.string()),
};
export type WireAnnotationSource = z.infer<typeof annotationWire.sources>[number];
