import { z } from 'zod';
import { FUZZ_TARGET_NAMES } from './fuzzTargets';

/** Parent to worker: probe one mutant. */
export const fuzzJobSchema = z.object({
  id: z.number().int(),
  target: z.enum(FUZZ_TARGET_NAMES),
  path: z.string(),
  depth: z.enum(['full', 'index']),
});
export type FuzzJob = z.infer<typeof fuzzJobSchema>;

const outcomeReply = z.object({
  type: z.literal('outcome'),
  id: z.number().int(),
  kind: z.enum(['accepted', 'rejected', 'crash', 'unreadable']),
  detail: z.string(),
  ms: z.number(),
});
export type FuzzOutcomeReply = z.infer<typeof outcomeReply>;

/** Worker to parent: ready for jobs; how one mutant was handled; or an error that escaped a probe (the worker then exits). */
export const fuzzWorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  outcomeReply,
  z.object({ type: z.literal('fatal'), detail: z.string() }),
]);
export type FuzzWorkerMessage = z.infer<typeof fuzzWorkerMessageSchema>;
