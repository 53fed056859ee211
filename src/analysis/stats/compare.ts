/**
 * Comparing a local value with a benchmark, and with a peer group.
 *
 * Benchmark comparison — Fingertips "compared with England / benchmark" (confidence-interval overlap method):
 * Source: Fingertips Public Health Technical Guidance and PHE "Technical Guide – RAG Rating Indicator Values" (2017);
 * the rule as Fingertips runs it is `SingleOverlappingCIsComparer` in ukhsa-collaboration/fingertips-open
 * (PholioVisualisation.Analysis): the local value is "same" when the benchmark point value lies within the local
 * confidence interval, limits included (`lower ≤ benchmark ≤ upper`); otherwise it is higher or lower, and the
 * indicator's polarity turns that into better or worse. Polarity "no judgement" is Fingertips' blue/orange/blue
 * ("BOB") display, which reports higher / similar / lower without a judgement.
 *
 * Peer comparison — a CSP's most similar group (MSG, Home Office iQuanta): see `compareWithPeers`.
 */
import { StatsInputError } from './errors.js';
import { checkFinite } from './internal.js';

/** Whether a higher value of the indicator is good, bad, or neither (Fingertips: RAG low/high is good, or BOB). */
export type Polarity = 'lower-is-better' | 'higher-is-better' | 'no-judgement';

/** The statistical result before polarity: where the benchmark lies relative to the local interval. */
export type Significance = 'higher' | 'similar' | 'lower' | 'not-compared';

/** The result after polarity: better/similar/worse, or higher/similar/lower for `no-judgement`. */
export type ComparisonOutcome = 'better' | 'similar' | 'worse' | 'higher' | 'lower' | 'not-compared';

/** A value with its confidence limits, e.g. a `RateResult` or `ProportionResult`. */
export interface Estimate {
  value: number;
  lower: number;
  upper: number;
}

export interface BenchmarkComparison {
  /** Local interval wholly above the benchmark → 'higher', wholly below → 'lower', else 'similar'. */
  significance: Significance;
  /** `significance` read through the polarity. */
  outcome: ComparisonOutcome;
}

const NOT_COMPARED: BenchmarkComparison = { significance: 'not-compared', outcome: 'not-compared' };

/**
 * Compare a local estimate (value and confidence limits) with a benchmark point value, Fingertips-style.
 *
 * Returns 'not-compared' when the local estimate or the benchmark is missing (null/undefined) or not a finite
 * number (NaN, e.g. a suppressed value). A limit exactly equal to the benchmark counts as overlapping ('similar'),
 * as in Fingertips.
 *
 * @throws StatsInputError if the local lower limit is above its upper limit, or the polarity is unknown.
 */
export function compareWithBenchmark(
  local: Estimate | null | undefined,
  benchmark: number | null | undefined,
  polarity: Polarity,
): BenchmarkComparison {
  checkPolarity(polarity);
  if (local === null || local === undefined || benchmark === null || benchmark === undefined) return NOT_COMPARED;
  if (![local.value, local.lower, local.upper, benchmark].every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return NOT_COMPARED;
  }
  if (local.lower > local.upper) {
    throw new StatsInputError('local.lower', local.lower, `must not be greater than local.upper (${local.upper})`);
  }
  let significance: Significance;
  if (local.lower > benchmark) significance = 'higher';
  else if (local.upper < benchmark) significance = 'lower';
  else significance = 'similar';
  return { significance, outcome: applyPolarity(significance, polarity) };
}

/** Turn 'higher' / 'lower' into 'better' / 'worse' according to the polarity ('no-judgement' keeps them). */
export function applyPolarity(significance: Significance, polarity: Polarity): ComparisonOutcome {
  checkPolarity(polarity);
  if (significance === 'similar' || significance === 'not-compared' || polarity === 'no-judgement') return significance;
  const higherIsBetter = polarity === 'higher-is-better';
  if (significance === 'higher') return higherIsBetter ? 'better' : 'worse';
  return higherIsBetter ? 'worse' : 'better';
}

function checkPolarity(polarity: unknown): asserts polarity is Polarity {
  if (polarity !== 'lower-is-better' && polarity !== 'higher-is-better' && polarity !== 'no-judgement') {
    throw new StatsInputError('polarity', polarity, "must be 'lower-is-better', 'higher-is-better' or 'no-judgement'");
  }
}

// ---------------------------------------------------------------------------------------------------------------------

export interface PeerComparison {
  /**
   * Arithmetic mean of the peers' values, ours excluded; null when no peer has a value. It is an unweighted mean of
   * the members' values, not the pooled rate Σcounts / Σpopulations of the group.
   */
  peerAverage: number | null;
  /** Arithmetic mean of ours and the peers' values together. */
  groupAverage: number;
  /**
   * Our rank in the group, 1 = highest value. Ties take the best (smallest) rank they share: rank = 1 + the number of
   * peers with a strictly higher value ("standard competition" ranking, 1-2-2-4; R `rank(-v, ties.method = "min")`).
   */
  rank: number;
  /** Group size ranked: 1 + the peers with a value. */
  of: number;
  /** How many peers have exactly our value. */
  tiedWith: number;
  /** Peers left out because their value was missing or not finite (null, undefined, NaN, ±Infinity). */
  peersExcluded: number;
}

/**
 * Compare our value with the values of a peer group (e.g. the CSP's most similar group of partnerships).
 *
 * Missing peer values (null/undefined/NaN/±Infinity, e.g. suppressed) are left out of the average and the ranking
 * and counted in `peersExcluded`. Pass peers' values only — not ours.
 *
 * @throws StatsInputError if our value is not a finite number.
 */
export function compareWithPeers(ours: number, peers: ReadonlyArray<number | null | undefined>): PeerComparison {
  checkFinite('ours', ours);
  if (!Array.isArray(peers)) throw new StatsInputError('peers', peers, 'must be an array of numbers');
  const valid: number[] = [];
  for (const v of peers) if (typeof v === 'number' && Number.isFinite(v)) valid.push(v);
  const higher = valid.filter((v) => v > ours).length;
  const tiedWith = valid.filter((v) => v === ours).length;
  return {
    peerAverage: valid.length === 0 ? null : mean(valid),
    groupAverage: mean([ours, ...valid]),
    rank: 1 + higher,
    of: 1 + valid.length,
    tiedWith,
    peersExcluded: peers.length - valid.length,
  };
}

/** Mean with a compensated (Neumaier) sum, so the order of the values does not change the last digits much. */
function mean(values: readonly number[]): number {
  let sum = 0;
  let c = 0;
  for (const v of values) {
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + c) / values.length;
}
