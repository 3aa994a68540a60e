import { z } from 'zod';
import { DEFAULT_SESSION_RESOLUTION, MAX_SESSION_LENGTH } from '../../shared/scenebox/constants';
import { standardizeName } from '../../shared/scenebox/standardizeName';
import { entityDictSchema } from '../../shared/sessions/entitySchema';
import { timestampToSeconds } from '../../shared/time/isoTimestamp';
import { EntityBatchError } from '../errors/EntityBatchError';

/** What the check reads of a session document (read through the asset manager, a boundary). */
const sessionSpanSchema = z.looseObject({
  resolution: z.number().positive().nullish(),
  start_time: z.string().nullish(),
  end_time: z.string().nullish(),
});

const nameOf = (e: unknown, i: number): string => {
  const id = (e as { entity_id?: unknown } | null)?.entity_id;
  return `entity_dicts[${i}] (entity_id ${typeof id === 'string' || typeof id === 'number' ? String(id) : 'none'})`;
};

/**
 * The checks the Python client makes before sending entities, over the whole batch, so that a
 * batch of many chunks is refused before its first chunk lands: every entity's shape and times
 * (the engine's own schema), and the span each session would cover (its start..end and the
 * batch's times) at most MAX_SESSION_LENGTH × resolution seconds. `readSession` answers
 * undefined for a session that does not exist.
 */
export async function checkEntities(entities: readonly Record<string, unknown>[], readSession: (uid: string) => Promise<unknown>): Promise<void> {
  const problems: string[] = [];
  const bySession = new Map<string, { index: number; lo: number; hi: number }[]>();
  entities.forEach((raw, index) => {
    const parsed = entityDictSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`${nameOf(raw, index)}: ${issue?.path.join('.') || '(entity)'}: ${issue?.message ?? 'invalid'}`);
      return;
    }
    const e = parsed.data;
    const times = [e.timestamp, e.start_time, e.end_time].flatMap((t) => (t ? [timestampToSeconds(t) ?? NaN] : []));
    const uid = standardizeName(e.session);
    const list = bySession.get(uid) ?? [];
    list.push({ index, lo: Math.min(...times), hi: Math.max(...times) });
    bySession.set(uid, list);
  });
  for (const [uid, items] of bySession) {
    const stored = await readSession(uid);
    if (stored === undefined) {
      problems.push(`${nameOf(entities[items[0]?.index ?? 0], items[0]?.index ?? 0)}: session ${uid} does not exist`);
      continue;
    }
    const doc = sessionSpanSchema.safeParse(stored);
    const session = doc.success ? doc.data : {};
    const resolution = session.resolution ?? DEFAULT_SESSION_RESOLUTION;
    const maxSeconds = MAX_SESSION_LENGTH * resolution;
    let lo = session.start_time ? timestampToSeconds(session.start_time) ?? Infinity : Infinity;
    let hi = session.end_time ? timestampToSeconds(session.end_time) ?? -Infinity : -Infinity;
    for (const item of items) {
      lo = Math.min(lo, item.lo);
      hi = Math.max(hi, item.hi);
      if (hi - lo > maxSeconds) {
        problems.push(`${nameOf(entities[item.index], item.index)}: session ${uid} would span ${(hi - lo).toFixed(3)} s, more than ${MAX_SESSION_LENGTH} × resolution ${resolution} s = ${maxSeconds} s`);
        break;
      }
    }
  }
  if (problems.length > 0) throw new EntityBatchError(problems);
}
