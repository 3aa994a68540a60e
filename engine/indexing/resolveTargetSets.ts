import { randomUUID } from 'node:crypto';
import type { MetaStore } from '../meta/MetaStore';
import type { SetsMap } from './indexingRequestSchemas';

export interface TargetSets {
  images: string[];
  videos: string[];
  lidars: string[];
  sessions: string[];
}

const KINDS = ['images', 'videos', 'lidars'] as const;

/**
 * The sets the assets go into. The Python client creates `{prefix}_images`, `_videos`, `_lidars`
 * itself and sends their ids as `sets_map`; SceneDock's ingest may send just `sets_prefix`, and
 * then the sets of those names are found or created here (primary sets, as the client makes them).
 * A `sets_map` id that names no set is still used (assets carry it), with a note.
 */
export function resolveTargetSets(meta: MetaStore, organizationId: string, setsMap: SetsMap | null | undefined, prefix: string | null | undefined, notes: string[]): TargetSets {
  const scope = { organizationId, assetType: 'sets' as const };
  const out: TargetSets = { images: [], videos: [], lidars: [], sessions: [] };
  if (setsMap) {
    for (const kind of [...KINDS, 'sessions'] as const) {
      const id = setsMap[kind];
      if (!id) continue;
      if (!meta.exists(scope, id)) notes.push(`sets_map.${kind}: no set ${id} exists; the ${kind} carry its id anyway`);
      out[kind].push(id);
    }
    return out;
  }
  if (!prefix) {
    notes.push('neither sets_map nor sets_prefix was given: the assets belong to no set');
    return out;
  }
  for (const kind of KINDS) {
    const name = `${prefix}_${kind}`;
    const found = meta.searchIds(scope, { filters: [{ field: 'name', values: [name], filter_out: false }] }, { size: 1, offset: 0, sortField: 'id', sortOrder: 'asc' })[0];
    if (found) {
      out[kind].push(found);
      continue;
    }
    const id = randomUUID().replace(/-/g, '_');
    meta.write(scope, [{ id, doc: {
      id, owner: organizationId, name, assets_type: kind, tags: ['primary', 'automatically-generated'], expected_count: 0, origin_set_id: null,
      timestamp: new Date().toISOString(),
    } }], { replace: true, replaceSets: true });
    out[kind].push(id);
  }
  return out;
}
