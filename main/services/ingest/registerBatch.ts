import { EntityBatchError } from '../../../client/errors/EntityBatchError';
import { ValidationError } from '../../../client/errors/ResponseError';
import type { Metadata } from '../../../client/assets/assetMetaApi';
import type { AssetType } from '../../../shared/scenebox/constants';
import type { EngineConnection } from '../engine/EngineConnection';

/** One unit's registration: the entity that places it in its session, and its metadata. */
export interface Registration {
  assetType: AssetType;
  /** The session's name, for the note when the unit cannot be placed in it. */
  sessionName: string | undefined;
  entity: Record<string, unknown> | undefined;
  /** The asset's document, given whether it is in its session (its `session_uid` says so). */
  doc: (placed: boolean) => Metadata;
}

export interface Registered {
  /** False only when the session refused the unit's entity (a unit without one stays in its session). */
  placed: boolean;
  /** Why the unit was registered without its session, when it was. */
  note: string | null;
}

/**
 * Registers units together: one `add_entities` for all their entities (the client checks each
 * session's span once), then one `meta_batch` write per asset type. A session spans at most
 * MAX_SESSION_LENGTH × resolution, so files of one folder taken years apart do not make one
 * session: when the engine refuses the batch's entities, each is placed alone, and the ones it
 * refuses are registered without their session, saying why. Any other error fails the batch
 * (its units retry as they would alone).
 */
export async function registerBatch(engine: EngineConnection, units: readonly Registration[]): Promise<Registered[]> {
  const pairs: { unit: Registration; outcome: Registered }[] = units.map((unit) => ({ unit, outcome: { placed: true, note: null } }));
  const placing = pairs.flatMap((pair) => (pair.unit.entity ? [{ pair, entity: pair.unit.entity }] : []));
  if (placing.length > 0 && (await place(engine, placing.map((p) => p.entity))) !== undefined) {
    for (const { pair, entity } of placing) {
      const refused = await place(engine, [entity]);
      if (refused !== undefined) pair.outcome = { placed: false, note: `registered without session ${pair.unit.sessionName ?? ''}: ${refused}` };
    }
  }
  const byType = new Map<AssetType, Metadata[]>();
  for (const { unit, outcome } of pairs) {
    const docs = byType.get(unit.assetType) ?? [];
    docs.push(unit.doc(outcome.placed));
    byType.set(unit.assetType, docs);
  }
  for (const [type, docs] of byType) await engine.assets(type).putAssetsBatch(docs.map((metadata) => ({ metadata })));
  return pairs.map((p) => p.outcome);
}

/** Adds the entities; answers why the engine (or the client's own check) refused them, if it did. */
async function place(engine: EngineConnection, entities: readonly Record<string, unknown>[]): Promise<string | undefined> {
  try {
    await engine.client.addEntities(entities);
    return undefined;
  } catch (error) {
    if (error instanceof EntityBatchError) return error.problems.join('; ');
    if (error instanceof ValidationError) return error.serverMessage;
    throw error;
  }
}
