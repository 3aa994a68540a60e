import { z } from 'zod';
import { SET_ASSET_TYPES, type AssetType } from '../../shared/scenebox/constants';
import { searchQuerySchema } from '../../shared/search/searchQuery';
import { isSetAssetType } from './setDocument';

/** More subsets than this is a typo, not a split (each subset is a set document and a job step). */
export const MAX_SUBSETS = 1000;
/** Fractions are doubles: their sum may exceed 1 by rounding, never by more than this. */
const SUM_TOLERANCE = 1e-9;

const idLike = z.union([z.string(), z.number()]).transform(String);

/** Bodies of the set routes, shaped as the Python client sends them (wire protocol §1.3). */
export const setRequests = {
  create: z.looseObject({
    assets_type: z.custom<AssetType>(isSetAssetType, { message: `must be one of ${SET_ASSET_TYPES.join(', ')}` }),
    name: z.string().trim().min(1, 'must not be empty').max(1024),
    origin_set_id: z.string().nullish(),
    // The oldest client named it `origin`.
    origin: z.string().nullish(),
    expected_count: z.number().int().min(0).nullish(),
    tags: z.array(z.string().max(256)).max(1000).nullish(),
    id: idLike.nullish(),
    auxiliary: z.record(z.string(), z.unknown()).nullish(),
    description: z.string().max(10_000).nullish(),
  }),
  assetList: z.object({ asset_list: z.array(idLike) }),
  search: searchQuerySchema,
  commit: z.looseObject({ message: z.string().max(10_000).nullish() }),
  split: z.looseObject({
    set_id: idLike,
    random_seed: z.number().int().refine(Number.isSafeInteger, 'must be a safe integer').nullish(),
    wait_for_completion: z.boolean().nullish(),
    subset_names: z.array(z.string().trim().min(1, 'must not be empty').max(1024)).nullish(),
    percentages: z.array(z.number().min(0, 'must not be negative').max(1, 'must not exceed 1'))
      .min(1, 'must list at least one fraction').max(MAX_SUBSETS)
      .refine((p) => p.reduce((sum, x) => sum + x, 0) <= 1 + SUM_TOLERANCE, 'must sum to at most 1')
      .nullish(),
    sections: z.number().int().min(1, 'must be at least 1').max(MAX_SUBSETS).nullish(),
  }),
} as const;

export type CreateSetBody = z.infer<typeof setRequests.create>;
export type SplitBody = z.infer<typeof setRequests.split>;
