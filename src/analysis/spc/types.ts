/**
 * Types of the XmR (individuals / moving range) statistical process control module.
 *
 * Source: the R package NHSRplotthedots (nhs-r-community/NHSRplotthedots), `ptd_spc()` and the internal functions it
 * calls (R/ptd_spc_standard.R, R/ptd_calculate_point_type.R, R/ptd_calculate_assurance_type.R, R/geom_ptd_icon.R,
 * R/ptd_add_short_group_warnings.R), which implement NHS England's "Making Data Count" (MDC) XmR chart rules.
 */

import type { Warning } from '../../model/errors.js';

/**
 * Which direction of change is good. NHSRplotthedots `ptd_spc(improvement_direction = ...)`, coded there as
 * increase = 1, neutral = 0, decrease = -1.
 */
export type ImprovementDirection = 'increase' | 'decrease' | 'neutral';

/**
 * The classification of one point. The first five are NHSRplotthedots' `point_type` values verbatim
 * (R/ptd_calculate_point_type.R, `ptd_point_type()`); `missing` is ours, for a null value (NHSRplotthedots would label
 * an NA row `common_cause` because every NA condition falls through its `case_when`).
 */
export type PointType =
  | 'common_cause'
  | 'special_cause_improvement'
  | 'special_cause_concern'
  | 'special_cause_neutral_high'
  | 'special_cause_neutral_low'
  | 'missing';

/**
 * The four MDC special-cause rules, in NHSRplotthedots' order of precedence (R/ptd_calculate_point_type.R,
 * `ptd_special_cause_type()`):
 * - `outside_limits`: a point above the upper or below the lower process limit (3 sigma);
 * - `trend`: part of 7 consecutive points each strictly higher (or each strictly lower) than the one before;
 * - `two_in_three`: a point between 2 sigma and the process limit, in a window of 3 consecutive points all on the
 *   same side of the mean of which at least 2 are between 2 sigma and the limit;
 * - `shift`: part of 7 consecutive points all above (or all below) the centre line (MDC calls this a "shift"; it is
 *   the "7 Points Above/Below CL" run rule).
 */
export type SpcRule = 'outside_limits' | 'trend' | 'two_in_three' | 'shift';

/**
 * NHSRplotthedots' `special_cause_type` label of a point, verbatim (R/ptd_calculate_point_type.R,
 * `ptd_special_cause_type()`): the highest-precedence rule the point is part of, or "Common Cause".
 */
export type SpecialCauseType =
  | 'Above UCL'
  | 'Below LCL'
  | '7 Point Trend (Increasing)'
  | '7 Point Trend (Decreasing)'
  | '2 in 3 Above CL'
  | '2 in 3 Below CL'
  | '7 Points Above CL'
  | '7 Points Below CL'
  | 'Common Cause';

/**
 * MDC variation icon, named after NHSRplotthedots' icon files (R/geom_ptd_icon.R, `ptd_get_icons()`:
 * inst/icons/variation/<name>.svg).
 */
export type VariationIcon =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neutral_high'
  | 'neutral_low';

/**
 * MDC assurance icon: NHSRplotthedots' `assurance_type` values (R/ptd_calculate_assurance_type.R): the target lies
 * outside the process limits on the good side (`consistent_pass`), on the bad side (`consistent_fail`), or between
 * them (`inconsistent`: "hit and miss").
 */
export type AssuranceIcon = 'consistent_pass' | 'consistent_fail' | 'inconsistent';

/** How the centre line is computed. NHSRplotthedots only has `mean`; `median` is an swp extension. */
export type CentreMethod = 'mean' | 'median';

/** Options of {@link xmr}. */
export interface XmrOptions {
  /** Which direction is good; decides improvement vs concern. */
  improvementDirection: ImprovementDirection;
  /**
   * Target value for the assurance icon. No icon when absent, or when `improvementDirection` is `neutral`
   * (NHSRplotthedots `ptd_calculate_assurance_type()`).
   */
  target?: number;
  /**
   * 0-based indices at which a new segment starts (NHSRplotthedots `rebase`: the rebase date is the first point of
   * the new group). Limits and rules are computed separately for every segment. Index 0 and duplicates are ignored.
   */
  rebase?: number[];
  /**
   * Compute each segment's centre line and limits from its first `fixAfterN` points only (NHSRplotthedots
   * `fix_after_n_points`); the rules are still applied to every point. Must be an integer >= 12 (as NHSRplotthedots
   * validates). The count includes missing months.
   */
  fixAfterN?: number;
  /**
   * Drop moving ranges that are not below 3.267 x their mean before recomputing the mean moving range
   * (NHSRplotthedots `screen_outliers`, default `true`). `false` gives the MDC Excel tool's unscreened limits.
   */
  screenOutliers?: boolean;
  /** Centre line: `mean` (default; NHSRplotthedots) or `median` (swp extension, not in NHSRplotthedots). */
  centre?: CentreMethod;
  /**
   * A segment with fewer than this many non-missing points gets a `short_segment` warning ("trial limits").
   * Default 13, the default in NHSRplotthedots' code (`getOption("ptd_spc.warning_threshold", 13)`).
   */
  shortSegmentThreshold?: number;
}

/** One point of the chart. */
export interface XmrPoint {
  /** 0-based position in the input series. */
  index: number;
  /** 0-based segment number (0 unless rebased). */
  segment: number;
  /** The value, or null for a missing month. */
  value: number | null;
  /** Whether this point's value (if any) went into the centre line and moving ranges (see `fixAfterN`). */
  inBaseline: boolean;
  /** |value - previous value| within the segment; null for the first point or when either value is missing. */
  movingRange: number | null;
  /** Whether this point's moving range was dropped by outlier screening. */
  movingRangeScreenedOut: boolean;
  /** Sign of (value - centre): 1 above, -1 below, 0 exactly on the centre line, null when missing. */
  relativeToMean: -1 | 0 | 1 | null;
  /** Strictly above the upper or below the lower process limit. */
  outsideLimits: boolean;
  /** Strictly beyond 2 sigma but not outside the process limits (NHSRplotthedots `close_to_limits`). */
  closeToLimits: boolean;
  /** Every rule this point is part of, in precedence order (empty for common cause). */
  rules: SpcRule[];
  /** The rule that classifies this point: `rules[0]`, or null. */
  rule: SpcRule | null;
  /** NHSRplotthedots' label of `rule`; null for a missing point. */
  specialCauseType: SpecialCauseType | null;
  /** The classification of the point. */
  pointType: PointType;
}

/** One special-cause rule hit by one point. */
export interface XmrSignal {
  /** 0-based index of the point. */
  index: number;
  /** 0-based segment number. */
  segment: number;
  /** Which rule. */
  rule: SpcRule;
  /**
   * `high` = above the upper limit, an increasing trend, or above the centre line (two-in-three, shift); `low` the
   * opposite.
   */
  direction: 'high' | 'low';
  /** What `direction` means given the improvement direction. */
  meaning: 'improvement' | 'concern' | 'neutral';
}

/** A note for the user: short segments (trial limits) and missing months. */
export interface SpcWarning extends Warning {
  code: 'short_segment' | 'missing_values' | 'degenerate_limits';
  /** The segment concerned. */
  segment: number;
}

/** The chart of one segment (the whole series unless rebased). */
export interface XmrSegment {
  /** 0-based segment number. */
  segment: number;
  /** Index of the first point of the segment. */
  firstIndex: number;
  /** Index of the last point of the segment (inclusive). */
  lastIndex: number;
  /** Number of points (months) in the segment, missing included. */
  n: number;
  /** Number of missing points in the segment. */
  nMissing: number;
  /** Index of the last point of the baseline used for the limits (= lastIndex unless `fixAfterN`). */
  baselineLastIndex: number;
  /** Arithmetic mean of the non-missing baseline values (NHSRplotthedots `mean_col`). */
  mean: number;
  /** Centre line used for the limits and rules: `mean`, or the median with `centre: 'median'`. */
  centre: number;
  /** Mean moving range used for the limits (after screening when on). */
  movingRangeMean: number;
  /** Mean moving range before screening. */
  movingRangeMeanUnscreened: number;
  /** Indices of the points whose moving range was dropped by screening. */
  screenedOut: number[];
  /** centre - 2.66 x movingRangeMean. */
  lowerLimit: number;
  /** centre + 2.66 x movingRangeMean. */
  upperLimit: number;
  /** centre - 2 x (2.66 / 3) x movingRangeMean (2 sigma). */
  lowerTwoSigma: number;
  /** centre + 2 x (2.66 / 3) x movingRangeMean (2 sigma). */
  upperTwoSigma: number;
  /** True when the segment has fewer non-missing points than `shortSegmentThreshold` (trial limits). */
  shortSegment: boolean;
  /** The segment's points. */
  points: XmrPoint[];
  /** Every rule hit in the segment, by point then precedence. */
  signals: XmrSignal[];
  /** Variation icon from the segment's last non-missing point. */
  variationIcon: VariationIcon;
  /** Assurance icon from the target and this segment's limits; null without a target or when neutral. */
  assuranceIcon: AssuranceIcon | null;
}

/** Result of {@link xmr}. */
export interface XmrResult {
  /** Options as applied (defaults filled in). */
  options: Required<Omit<XmrOptions, 'target' | 'fixAfterN'>> & { target: number | null; fixAfterN: number | null };
  /** Segments in order; at least one. */
  segments: XmrSegment[];
  /** The last segment: the current process, whose icons are the chart's. */
  current: XmrSegment;
  /** All points, in input order. */
  points: XmrPoint[];
  /** All signals, in input order. */
  signals: XmrSignal[];
  /** The chart's variation icon: the last segment's (NHSRplotthedots uses the facet's last point). */
  variationIcon: VariationIcon;
  /** The chart's assurance icon: the last segment's. */
  assuranceIcon: AssuranceIcon | null;
  /** Short segments and missing months. */
  warnings: SpcWarning[];
}
