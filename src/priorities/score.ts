/**
 * The weighted sum: weights normalised to sum to 1, each candidate's score the sum of weight × scaled value over the
 * criteria it has data for (weights renormalised over those criteria), and a deterministic rank.
 *
 * Rules (./METHOD.md):
 * - normalised weight w_c = weight_c / Σ weight (so doubling every weight changes nothing, and a weight of 0 has no
 *   effect);
 * - a candidate's effective weight of criterion c is w_c / Σ w over the criteria it has data for (computed from the
 *   configured weights, which gives the same ratio with less rounding), and 0 for a missing criterion: the missing
 *   criterion is left out, never scored as 0;
 * - contribution_c = effective weight_c × scaled_c, and score = Σ contributions, added in the order of the
 *   components, so the printed contributions add up to the score exactly;
 * - rank 1 = highest score; equal scores (to 12 decimal places) are ordered by higher harm (the harm criterion's
 *   scaled value; missing harm after any harm), then by candidate id (alphabetical), so ranks are unique and the
 *   same on every run. A candidate with no data for any weighted criterion cannot be scored: score 0, ranked after
 *   every scored candidate, and flagged.
 */
import { CRITERION_IDS, type Config } from '../model/config.js';
import type { CriterionId, CriterionValue } from './criteria.js';

export interface CriterionWeight {
  criterion: CriterionId;
  /** As configured. */
  weight: number;
  /** weight ÷ the sum of all weights. */
  normalised: number;
}

/** One row of a candidate's breakdown: the contract's component plus the working. */
export interface ScoredComponent {
  criterion: CriterionId;
  raw: number | string | null;
  scaled: number | null;
  /** The effective weight: the normalised weight renormalised over the criteria the candidate has (0 when missing). */
  weight: number;
  contribution: number;
  /** The normalised weight before renormalisation (the same for every candidate). */
  nominalWeight: number;
  missing: boolean;
  detail: string;
}

export interface ScoredCandidate {
  id: string;
  label: string;
  /** 0 (weakest case) to 1 (strongest). */
  score: number;
  /** False when the candidate has no data for any criterion with a weight above 0. */
  scored: boolean;
  components: ScoredComponent[];
  /** Share (0–1) of the normalised weight on criteria with no data for this candidate. */
  missingWeight: number;
  /** The harm criterion's scaled value (for tie-breaking; null when missing). */
  harm: number | null;
}

/** Scores are compared to 12 decimal places, so that floating-point noise does not decide a rank. */
const TIE_DECIMALS = 1e12;

/**
 * Normalise the configured weights to sum to 1, in the documents' criterion order.
 *
 * @throws RangeError for a negative or non-finite weight, or weights that add up to 0 (the config loader reports
 *   both before this is reached).
 */
export function normaliseWeights(criteria: Config['priorities']['criteria']): CriterionWeight[] {
  for (const c of criteria) {
    if (!Number.isFinite(c.weight) || c.weight < 0) throw new RangeError(`criterion ${c.id}: the weight must be a number of 0 or more, not ${c.weight}`);
  }
  const total = criteria.reduce((a, c) => a + c.weight, 0);
  if (!(total > 0)) throw new RangeError('the criteria weights add up to 0, so no priority can be scored');
  return [...criteria]
    .sort((a, b) => CRITERION_IDS.indexOf(a.id) - CRITERION_IDS.indexOf(b.id))
    .map((c) => ({ criterion: c.id, weight: c.weight, normalised: c.weight / total }));
}

/** Score one candidate from its criterion values and the normalised weights. */
export function scoreCandidate(id: string, label: string, values: Record<CriterionId, CriterionValue>, weights: readonly CriterionWeight[]): ScoredCandidate {
  // Sums of the configured weights (not the normalised ones): the same ratios, with less rounding (2 ÷ 7, not 0.2 ÷ 0.7).
  let total = 0;
  let available = 0;
  for (const w of weights) {
    total += w.weight;
    if (values[w.criterion].scaled !== null) available += w.weight;
  }
  const missingWeight = total > 0 ? (total - available) / total : 0;
  const scored = available > 0;
  const components: ScoredComponent[] = weights.map((w) => {
    const v = values[w.criterion];
    const isMissing = v.scaled === null;
    const weight = !scored || isMissing ? 0 : w.weight / available;
    const contribution = isMissing ? 0 : weight * (v.scaled as number);
    return { criterion: w.criterion, raw: v.raw, scaled: v.scaled, weight, contribution, nominalWeight: w.normalised, missing: isMissing, detail: v.detail };
  });
  const score = components.reduce((a, c) => a + c.contribution, 0);
  return { id, label, score, scored, components, missingWeight, harm: values.harm.scaled };
}

/** What ranking needs to know of a candidate. */
export interface Rankable {
  id: string;
  score: number;
  scored: boolean;
  harm: number | null;
}

/** The documented order: scored first; higher score; higher harm (missing last); id alphabetical. */
export function compareForRank(a: Rankable, b: Rankable): number {
  if (a.scored !== b.scored) return a.scored ? -1 : 1;
  const sa = Math.round(a.score * TIE_DECIMALS);
  const sb = Math.round(b.score * TIE_DECIMALS);
  if (sa !== sb) return sb - sa;
  const ha = a.harm ?? -Infinity;
  const hb = b.harm ?? -Infinity;
  if (ha !== hb) return hb > ha ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Rank 1..n (unique) by compareForRank. */
export function rankCandidates(items: readonly Rankable[]): Map<string, number> {
  const sorted = [...items].sort(compareForRank);
  return new Map(sorted.map((c, i) => [c.id, i + 1]));
}
