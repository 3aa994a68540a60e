import { z } from 'zod';
import { SET_ASSET_TYPES, SET_STATES, type AssetType } from '../../shared/scenebox/constants';

export const isSetAssetType = (value: unknown): value is AssetType =>
  typeof value === 'string' && (SET_ASSET_TYPES as readonly string[]).includes(value);

/** A job working on a set, and the state it puts the set in while it is not finished. */
export const setOperationSchema = z.object({ job_id: z.string(), state: z.enum(SET_STATES) });
export type SetOperation = z.infer<typeof setOperationSchema>;

/**
 * A set as stored: an asset of type `sets`. Set documents can also be written through the
 * asset-manager routes by anyone, so they are checked when read; unknown keys are kept.
 */
export const setDocumentSchema = z.looseObject({
  id: z.string(),
  name: z.string().catch(''),
  assets_type: z.custom<AssetType>(isSetAssetType, { message: `must be one of ${SET_ASSET_TYPES.join(', ')}` }),
  locked: z.boolean().catch(false).default(false),
  status: z.string().catch('ready').default('ready'),
  operations: z.array(setOperationSchema).catch([]).default([]),
});
export type SetDocument = z.infer<typeof setDocumentSchema>;

/** The fields of a new set (status ready, unlocked, unversioned); `extra` may add or override any. */
export function newSetDocument(fields: { id: string; name: string; assets_type: AssetType }, extra: Record<string, unknown> = {}): SetDocument {
  return {
    tags: [],
    expected_count: null,
    origin_set_id: null,
    auxiliary: null,
    description: null,
    version: null,
    // No version was committed, so none is in sync; the Python client only ever flips true to false.
    version_in_sync: false,
    timestamp: new Date().toISOString(),
    ...extra,
    ...fields,
    status: 'ready',
    locked: false,
    operations: [],
  };
}
