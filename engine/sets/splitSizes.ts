/** How a set is cut: into n near-equal sections, or by fractions of its size. */
export type SplitSpec = { sections: number } | { fractions: readonly number[] };

/**
 * Subset sizes with the exact arithmetic of SceneBox's `split_set` docs:
 * - n sections of N assets: the first N mod n sections get floor(N / n) + 1 assets, the rest floor(N / n);
 * - fractions p: subset i gets floor(p_i × N) (an IEEE double product, as Python computes it), then
 *   the leftover N − Σ floor(p_i × N) is spread over len(p) subsets by the sections rule, so the
 *   subsets always cover the whole set (also when Σ p < 1).
 * Inputs are checked by the request schema; this throws only on impossible arithmetic.
 */
export function splitSizes(total: number, spec: SplitSpec): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new Error(`set size must be a non-negative integer, not ${total}`);
  if ('sections' in spec) return sectionSizes(total, spec.sections);
  const base = spec.fractions.map((p) => Math.floor(p * total));
  const taken = base.reduce((sum, n) => sum + n, 0);
  if (taken > total) throw new Error(`fractions ${JSON.stringify(spec.fractions)} take ${taken} of ${total} assets`);
  const extra = sectionSizes(total - taken, base.length);
  return base.map((n, i) => n + (extra[i] ?? 0));
}

function sectionSizes(total: number, sections: number): number[] {
  if (!Number.isSafeInteger(sections) || sections < 1) throw new Error(`sections must be an integer >= 1, not ${sections}`);
  const quotient = Math.floor(total / sections);
  const remainder = total % sections;
  return Array.from({ length: sections }, (_, i) => quotient + (i < remainder ? 1 : 0));
}
