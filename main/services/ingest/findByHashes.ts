import type { AssetType } from '../../../shared/scenebox/constants';
import type { EngineConnection } from '../engine/EngineConnection';

export interface HashQuery {
  assetType: AssetType;
  sha256: string;
}

/** Matches asked for per hash: enough to tell "this asset" from "another asset with these bytes". */
const PER_HASH = 5;

/**
 * The ids of the assets (of each query's type) whose `sha256` is the query's, for many units in
 * one search per asset type instead of one per unit: the duplicate check of every file before
 * it is sent. Answers one list per query, in order.
 */
export async function findByHashes(engine: EngineConnection, queries: readonly HashQuery[]): Promise<string[][]> {
  const byType = new Map<AssetType, Set<string>>();
  for (const q of queries) byType.set(q.assetType, (byType.get(q.assetType) ?? new Set()).add(q.sha256));
  const found = new Map<string, string[]>();
  for (const [type, hashes] of byType) {
    const docs = await engine.assets(type).searchMeta({ filters: [{ field: 'sha256', values: [...hashes] }] }, { size: hashes.size * PER_HASH });
    for (const doc of docs) {
      const key = `${type}\n${String(doc.sha256)}`;
      found.set(key, [...(found.get(key) ?? []), String(doc.id)]);
    }
  }
  return queries.map((q) => found.get(`${q.assetType}\n${q.sha256}`) ?? []);
}
