/**
 * The NHS England "Making Data Count" summary icons: variation (what the latest point shows) and assurance (whether
 * the process will meet its target).
 *
 * Source: NHSRplotthedots R/geom_ptd_icon.R (`ptd_get_icons()`, its `variation_icon_file()`) and
 * R/ptd_calculate_assurance_type.R (`ptd_calculate_assurance_type()`).
 */

import type { AssuranceIcon, ImprovementDirection, PointType, VariationIcon } from './types.js';

/**
 * The variation icon for the point type of the latest point. Port of `variation_icon_file()` in `ptd_get_icons()`:
 * concern is `concern_low` when improvement is an increase, else `concern_high`; improvement is `improvement_high`
 * when improvement is an increase, else `improvement_low`; neutral special cause keeps its high/low. A `missing`
 * point cannot be the latest point (callers pass the last non-missing one); it maps to `common_cause`.
 */
export function variationIcon(pointType: PointType, improvementDirection: ImprovementDirection): VariationIcon {
  const increase = improvementDirection === 'increase';
  switch (pointType) {
    case 'special_cause_neutral_high':
      return 'neutral_high';
    case 'special_cause_neutral_low':
      return 'neutral_low';
    case 'special_cause_concern':
      return increase ? 'concern_low' : 'concern_high';
    case 'special_cause_improvement':
      return increase ? 'improvement_high' : 'improvement_low';
    default:
      return 'common_cause';
  }
}

/**
 * The assurance icon from a target and the process limits. Port of `ptd_calculate_assurance_type()`: no icon without
 * a target or for a neutral direction; a target strictly above the upper limit is `consistent_fail` when improvement
 * is an increase (else `consistent_pass`); strictly below the lower limit is `consistent_pass` when improvement is an
 * increase (else `consistent_fail`); otherwise (between or on the limits) `inconsistent`.
 */
export function assuranceIcon(
  target: number | null | undefined,
  lowerLimit: number,
  upperLimit: number,
  improvementDirection: ImprovementDirection,
): AssuranceIcon | null {
  if (target === null || target === undefined || improvementDirection === 'neutral') return null;
  const increasing = improvementDirection === 'increase';
  if (target > upperLimit) return increasing ? 'consistent_fail' : 'consistent_pass';
  if (target < lowerLimit) return increasing ? 'consistent_pass' : 'consistent_fail';
  return 'inconsistent';
}
