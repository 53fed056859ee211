/**
 * Statistical process control for swp: XmR charts with NHS England "Making Data Count" rules, matching the R package
 * NHSRplotthedots (`ptd_spc()`). See ./xmr.ts for the entry point and how missing values are handled.
 */

export { xmr, MIN_FIX_AFTER_N, DEFAULT_SHORT_SEGMENT_THRESHOLD } from './xmr.js';
export { LIMIT, LIMIT_CLOSE, SCREEN_FACTOR, rMean, median, movingRanges, segmentLimits, pointFacts } from './limits.js';
export type { SegmentLimits, PointFacts } from './limits.js';
export {
  RUN_LENGTH,
  sevenPointOneSideOfMean,
  sevenPointTrend,
  partOfSeven,
  twoInThree,
  partOfTwoInThree,
  ruleMembership,
  rulesOfPoint,
  specialCauseType,
  labelSign,
  pointTypeOf,
} from './rules.js';
export type { Sign, DirectionCode, RuleMembership } from './rules.js';
export { variationIcon, assuranceIcon } from './icons.js';
export type * from './types.js';
