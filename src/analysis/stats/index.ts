/**
 * The statistical methods layer of swp: pure functions, no I/O. Each method cites its source in its file.
 *
 * - rates.ts        crude rates with PHE confidence limits (exact Poisson < 10 events, Byar's ≥ 10)
 * - proportions.ts  proportions / percentages with Wilson score limits (PHE)
 * - compare.ts      Fingertips-style comparison with a benchmark; comparison with a peer (most similar) group
 * - poisson-test.ts exact test of two counts with exposures (R poisson.test): p-value, rate ratio, % change
 * - funnel.ts       funnel plot control limits around a target rate (exact Poisson, APHO TB2; Spiegelhalter 2005)
 * - trend.ts        χ² tests for trend (R prop.trend.test; Poisson score test) and the Fingertips recent-trend marker
 */
export { StatsInputError } from './errors.js';
export {
  BYAR_THRESHOLD,
  byarsLower,
  byarsUpper,
  crudeRate,
  poissonCountLimits,
  type CountLimits,
  type RateMethod,
  type RateOptions,
  type RateResult,
} from './rates.js';
export {
  compareProportions,
  proportion,
  wilsonLimits,
  type ProportionChange,
  type ProportionOptions,
  type ProportionResult,
} from './proportions.js';
export {
  applyPolarity,
  compareWithBenchmark,
  compareWithPeers,
  type BenchmarkComparison,
  type ComparisonOutcome,
  type Estimate,
  type PeerComparison,
  type Polarity,
  type Significance,
} from './compare.js';
export {
  binomTestTwoSidedPValue,
  clopperPearson,
  comparePoissonCounts,
  type ChangeDirection,
  type CountWithExposure,
  type PoissonTestOptions,
  type PoissonTestResult,
} from './poisson-test.js';
export {
  FINGERTIPS_TREND_POINTS,
  FINGERTIPS_TREND_THRESHOLD,
  chiSquaredTrendProportions,
  fingertipsRecentTrendProportion,
  fingertipsRecentTrendValue,
  poissonTrendTest,
  type ProportionPoint,
  type RecentTrendMarker,
  type RecentTrendReason,
  type RecentTrendResult,
  type TrendDirection,
  type TrendTestOptions,
  type TrendTestResult,
  type ValuePoint,
} from './trend.js';
export { rateRatio, type RateRatio } from './rate-ratio.js';
export { funnelCountLimits, funnelLimits, funnelPosition, type FunnelLimits } from './funnel.js';
