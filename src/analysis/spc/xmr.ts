/**
 * XmR (individuals / moving range) charts with the NHS England "Making Data Count" special-cause rules and icons,
 * matching the R package NHSRplotthedots' `ptd_spc()`.
 *
 * Source: NHSRplotthedots R/ptd_spc.R (`ptd_spc.data.frame()`: rebase column, `ptd_spc_standard()`,
 * `ptd_calculate_point_type()`, `ptd_add_short_group_warnings()`, target), R/ptd_spc_options.R (validation),
 * R/ptd_add_rebase_column.R (rebase groups by cumulative sum); NHS England "Making Data Count" guidance.
 *
 * Missing values (null): NHSRplotthedots keeps NA rows in place and lets NA propagate, and so does this module: a
 * missing month is left out of the mean; the moving ranges on either side of it are missing (the gap is not
 * bridged); it is never part of a rule, and a rule window (7 for trend and shift, 3 for two-in-three) that contains
 * it does not fire. Its point type is `missing` (R would say `common_cause`). A missing value is never treated as 0.
 */

import { ExitCode, SwpError } from '../../model/errors.js';
import { assuranceIcon, variationIcon } from './icons.js';
import { movingRanges, pointFacts, segmentLimits, type SegmentLimits } from './limits.js';
import { pointTypeOf, ruleMembership, rulesOfPoint, specialCauseType, type DirectionCode } from './rules.js';
import type {
  ImprovementDirection,
  SpcRule,
  SpcWarning,
  XmrOptions,
  XmrPoint,
  XmrResult,
  XmrSegment,
  XmrSignal,
} from './types.js';

/** Smallest `fixAfterN` NHSRplotthedots accepts (R/ptd_spc_options.R: `fix_after_n_points >= 12`). */
export const MIN_FIX_AFTER_N = 12;

/**
 * Default short-segment threshold: NHSRplotthedots R/ptd_add_short_group_warnings.R warns for groups with
 * `n() < getOption("ptd_spc.warning_threshold", 13)`, i.e. 12 points or fewer (its documentation says 12).
 */
export const DEFAULT_SHORT_SEGMENT_THRESHOLD = 13;

const DIRECTIONS: readonly ImprovementDirection[] = ['increase', 'decrease', 'neutral'];

/** ptd_spc.R: `switch(improvement_direction, "increase" = 1, "neutral" = 0, "decrease" = -1)`. */
function directionCode(d: ImprovementDirection): DirectionCode {
  return d === 'increase' ? 1 : d === 'decrease' ? -1 : 0;
}

/** Throw a CONFIG SwpError for a bad option (R/ptd_spc_options.R validates the same things with assertthat). */
function badOption(keyPath: string, message: string, expected: string, found: unknown): never {
  throw new SwpError(ExitCode.CONFIG, { message, keyPath, expected, found: String(found) });
}

/** Validate the series and options and fill in defaults (R/ptd_spc_options.R, `ptd_spc_options()`). */
function normaliseOptions(values: readonly (number | null)[], options: XmrOptions): XmrResult['options'] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new SwpError(ExitCode.INPUT, { message: 'An XmR chart needs at least one value.', found: '0 values' });
  }
  values.forEach((v, i) => {
    if (v !== null && !(typeof v === 'number' && Number.isFinite(v))) {
      throw new SwpError(ExitCode.INPUT, {
        message: `Value ${i} of the series is not a finite number.`,
        expected: 'a finite number, or null for a missing month',
        found: String(v),
      });
    }
  });
  if (!DIRECTIONS.includes(options.improvementDirection)) {
    const found = options.improvementDirection;
    badOption('improvementDirection', 'Unknown improvement direction.', 'increase, decrease or neutral', found);
  }
  if (options.target !== undefined && !Number.isFinite(options.target)) {
    badOption('target', 'The target must be a finite number.', 'a finite number', options.target);
  }
  const fix = options.fixAfterN;
  if (fix !== undefined && (!Number.isInteger(fix) || fix < MIN_FIX_AFTER_N)) {
    badOption(
      'fixAfterN',
      `fixAfterN must be a whole number of at least ${MIN_FIX_AFTER_N}.`,
      `an integer >= ${MIN_FIX_AFTER_N}`,
      options.fixAfterN,
    );
  }
  const rebase = options.rebase ?? [];
  for (const r of rebase) {
    if (!Number.isInteger(r) || r < 0 || r >= values.length) {
      const expected = `an integer from 0 to ${values.length - 1}`;
      badOption('rebase', 'A rebase index is not a point of the series.', expected, r);
    }
  }
  const threshold = options.shortSegmentThreshold ?? DEFAULT_SHORT_SEGMENT_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 0) {
    badOption('shortSegmentThreshold', 'shortSegmentThreshold must be a whole number.', 'an integer >= 0', threshold);
  }
  const centre = options.centre ?? 'mean';
  if (centre !== 'mean' && centre !== 'median') {
    badOption('centre', 'Unknown centre line method.', 'mean or median', centre);
  }
  return {
    improvementDirection: options.improvementDirection,
    target: options.target ?? null,
    rebase: [...new Set(rebase.filter((r) => r > 0))].sort((a, b) => a - b),
    fixAfterN: options.fixAfterN ?? null,
    screenOutliers: options.screenOutliers ?? true,
    centre,
    shortSegmentThreshold: threshold,
  };
}

/** What a rule hit means for the improvement direction (oriented as ptd_calculate_point_type.R `ptd_point_type()`). */
function meaningOf(direction: 'high' | 'low', code: DirectionCode): XmrSignal['meaning'] {
  if (code === 0) return 'neutral';
  return (direction === 'high' ? 1 : -1) * code > 0 ? 'improvement' : 'concern';
}

/** Where a segment lies in the series and how long its baseline is. */
interface SegmentSpan {
  segment: number;
  firstIndex: number;
  lastIndex: number;
  baselineLength: number;
}

/** Every point of a segment with its rules and type, and one signal per rule a point breaks. */
function segmentPoints(ys: readonly (number | null)[], span: SegmentSpan, limits: SegmentLimits, code: DirectionCode): { points: XmrPoint[]; signals: XmrSignal[] } {
  const { segment, firstIndex, baselineLength } = span;
  const facts = pointFacts(ys, limits);
  const membership = ruleMembership(ys, facts.outsideLimits, facts.relativeToMean, facts.closeToLimits);
  const mrs = movingRanges(ys);
  const screened = new Set(limits.screenedOut);
  const points: XmrPoint[] = [];
  const signals: XmrSignal[] = [];
  ys.forEach((value, k) => {
    const index = firstIndex + k;
    const rtm = facts.relativeToMean[k] ?? null;
    const trendSign = membership.trendSign[k] ?? 0;
    const rules: SpcRule[] = value === null ? [] : rulesOfPoint(membership, k);
    const rule = rules[0] ?? null;
    const label = value === null || rtm === null ? null : specialCauseType(rule, rtm, trendSign);
    points.push({
      index,
      segment,
      value,
      inBaseline: k < baselineLength && value !== null,
      movingRange: mrs[k] ?? null,
      movingRangeScreenedOut: screened.has(k),
      relativeToMean: rtm,
      outsideLimits: facts.outsideLimits[k] === true,
      closeToLimits: facts.closeToLimits[k] === true,
      rules,
      rule,
      specialCauseType: label,
      pointType: label === null ? 'missing' : pointTypeOf(label, code),
    });
    for (const r of rules) {
      const high = r === 'trend' ? trendSign === 1 : rtm === 1;
      const direction = high ? 'high' : 'low';
      signals.push({ index, segment, rule: r, direction, meaning: meaningOf(direction, code) });
    }
  });
  return { points, signals };
}

/** The warnings a segment gives: trial limits (too few points), missing values, limits equal to the centre line. */
function segmentWarnings(span: SegmentSpan, points: readonly XmrPoint[], limits: SegmentLimits, shortSegmentThreshold: number): SpcWarning[] {
  const { segment, firstIndex, lastIndex } = span;
  const warnings: SpcWarning[] = [];
  const present = points.filter((p) => p.value !== null).length;
  if (present < shortSegmentThreshold) {
    // ptd_add_short_group_warnings.R: "These have trial limits, which will be revised with each additional observation"
    warnings.push({
      code: 'short_segment',
      segment,
      message:
        `Points ${firstIndex}-${lastIndex} have only ${present} non-missing value(s) (fewer than ` +
        `${shortSegmentThreshold}): these are trial limits, which will be revised as data are added.`,
    });
  }
  const missing = points.filter((p) => p.value === null).map((p) => p.index);
  if (missing.length > 0) {
    warnings.push({
      code: 'missing_values',
      segment,
      message:
        `${missing.length} missing value(s) at point(s) ${missing.join(', ')}: ` +
        'left out of the mean and the moving ranges, and never part of a rule.',
    });
  }
  if (limits.degenerate) {
    warnings.push({
      code: 'degenerate_limits',
      segment,
      message:
        `Every moving range in points ${firstIndex}-${lastIndex} is 0, so the process limits equal the centre line` +
        (limits.limitRulesApply ? '.' : ' and no point is tested against them.'),
    });
  }
  return warnings;
}

/**
 * Compute one segment: limits from its baseline (ptd_spc_standard.R), rules and point types
 * (ptd_calculate_point_type.R, grouped by rebase group so no rule crosses a rebase), icons (geom_ptd_icon.R,
 * ptd_calculate_assurance_type.R).
 */
function computeSegment(
  all: readonly (number | null)[],
  segment: number,
  firstIndex: number,
  lastIndex: number,
  settings: XmrResult['options'],
  warnings: SpcWarning[],
): XmrSegment {
  const ys = all.slice(firstIndex, lastIndex + 1);
  const n = ys.length;
  // ptd_spc_standard.R: fix_y = ifelse(row_number() <= (fix_after_n_points %||% Inf), y, NA)
  const baselineLength = settings.fixAfterN === null ? n : Math.min(n, settings.fixAfterN);
  const baseline = ys.map((y, k) => (k < baselineLength ? y : null));
  const limits = segmentLimits(baseline, settings.screenOutliers, settings.centre);
  if (limits === null) {
    throw new SwpError(ExitCode.INPUT, {
      message:
        `Cannot compute XmR limits for points ${firstIndex}-${lastIndex}: the baseline needs at least two ` +
        'consecutive non-missing values to give a moving range.',
      found: `${baseline.filter((y) => y !== null).length} non-missing baseline value(s)`,
      hint: 'Supply more data, fill the gaps, or move the rebase point.',
    });
  }
  const span: SegmentSpan = { segment, firstIndex, lastIndex, baselineLength };
  const { points, signals } = segmentPoints(ys, span, limits, directionCode(settings.improvementDirection));
  warnings.push(...segmentWarnings(span, points, limits, settings.shortSegmentThreshold));
  const present = points.filter((p) => p.value !== null);
  const latest = present[present.length - 1];

  return {
    segment,
    firstIndex,
    lastIndex,
    n,
    nMissing: n - present.length,
    baselineLastIndex: firstIndex + baselineLength - 1,
    mean: limits.mean,
    centre: limits.centre,
    movingRangeMean: limits.movingRangeMean,
    movingRangeMeanUnscreened: limits.movingRangeMeanUnscreened,
    screenedOut: limits.screenedOut.map((k) => firstIndex + k),
    lowerLimit: limits.lowerLimit,
    upperLimit: limits.upperLimit,
    lowerTwoSigma: limits.lowerTwoSigma,
    upperTwoSigma: limits.upperTwoSigma,
    shortSegment: present.length < settings.shortSegmentThreshold,
    points,
    signals,
    // geom_ptd_icon.R ptd_get_icons(): the point type of the latest point (here: latest non-missing point)
    variationIcon: variationIcon(latest?.pointType ?? 'common_cause', settings.improvementDirection),
    // ptd_calculate_assurance_type.R: target against the limits of the last row
    assuranceIcon: assuranceIcon(settings.target, limits.lowerLimit, limits.upperLimit, settings.improvementDirection),
  };
}

/**
 * Build an XmR chart of a monthly series with NHS England "Making Data Count" rules, as NHSRplotthedots `ptd_spc()`
 * does (R/ptd_spc.R): per segment (split at `rebase` indices) the centre line, mean moving range (outliers screened
 * by default) and limits, every point's rules and type, signals, and the variation and assurance icons.
 *
 * @param values the series in time order, one value per period; null for a missing period (never 0).
 * @param options improvement direction, target, rebase indices, baseline length, screening.
 * @throws SwpError (CONFIG) for invalid options; (INPUT) for non-finite values, an empty series, or a segment whose
 *   baseline has no two consecutive non-missing values.
 */
export function xmr(values: readonly (number | null)[], options: XmrOptions): XmrResult {
  const settings = normaliseOptions(values, options);
  const warnings: SpcWarning[] = [];
  // ptd_add_rebase_column.R + ptd_spc_standard.R: rebase_group = cumsum(rebase); a rebase point starts a new group
  const starts = [0, ...settings.rebase];
  const segments = starts.map((start, s) => {
    const next = starts[s + 1];
    const last = next === undefined ? values.length - 1 : next - 1;
    return computeSegment(values, s, start, last, settings, warnings);
  });
  const current = segments[segments.length - 1] as XmrSegment;
  return {
    options: settings,
    segments,
    current,
    points: segments.flatMap((s) => s.points),
    signals: segments.flatMap((s) => s.signals),
    variationIcon: current.variationIcon,
    assuranceIcon: current.assuranceIcon,
    warnings,
  };
}
