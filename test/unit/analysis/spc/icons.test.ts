/**
 * Variation and assurance icons. Expectations are NHSRplotthedots' own: tests/testthat/test-geom_ptd_icon.R
 * ("ptd_get_icons transforms the data correctly") and tests/testthat/test-ptd_calculate_assurance_type.R.
 * Source under test: src/analysis/spc/icons.ts and the icon fields of xmr().
 */

import { describe, expect, it } from 'vitest';
import { assuranceIcon, variationIcon, xmr } from '../../../../src/analysis/spc/index.js';
import { Y24, Y24_HIGH, Y24_LOW } from './rnorm-seed123.js';

describe('ptd_calculate_assurance_type (test-ptd_calculate_assurance_type.R)', () => {
  // s <- data.frame(lpl = c(1, 5, 1), upl = c(3, 7, 5), target = 4)
  const rows: [number, number][] = [
    [1, 3],
    [5, 7],
    [1, 5],
  ];
  it('increase: consistent_fail, consistent_pass, inconsistent', () => {
    expect(rows.map(([l, u]) => assuranceIcon(4, l, u, 'increase'))).toEqual([
      'consistent_fail',
      'consistent_pass',
      'inconsistent',
    ]);
  });
  it('decrease: consistent_pass, consistent_fail, inconsistent', () => {
    expect(rows.map(([l, u]) => assuranceIcon(4, l, u, 'decrease'))).toEqual([
      'consistent_pass',
      'consistent_fail',
      'inconsistent',
    ]);
  });
  it('neutral or no target: no assurance (NA)', () => {
    expect(rows.map(([l, u]) => assuranceIcon(4, l, u, 'neutral'))).toEqual([null, null, null]);
    expect(assuranceIcon(undefined, 1, 3, 'increase')).toBeNull();
  });
  it('a target exactly on a limit is inconsistent (R compares target > upl and target < lpl strictly)', () => {
    expect(assuranceIcon(3, 1, 3, 'increase')).toBe('inconsistent');
    expect(assuranceIcon(1, 1, 3, 'increase')).toBe('inconsistent');
  });
  it('uses the last segment after a rebase ("it returns correct values for assurance when rebase")', () => {
    // R takes the last row. First segment: -0.5, 0.5, ... -> mean 0, moving ranges all 1 -> limits -2.66 and 2.66;
    // a target of 40 is above the upper limit, which for "decrease" is consistent_pass. Second segment: 49.5, 50.5,
    // ... -> limits 47.34 and 52.66; 40 is below the lower limit -> consistent_fail, and that is the chart's icon.
    const first = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? -0.5 : 0.5));
    const second = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 49.5 : 50.5));
    const r = xmr([...first, ...second], { improvementDirection: 'decrease', target: 40, rebase: [12] });
    expect(r.segments[0]?.upperLimit).toBe(2.66);
    expect(r.segments[0]?.assuranceIcon).toBe('consistent_pass');
    expect(r.current.lowerLimit).toBeCloseTo(50 - 2.66, 12);
    expect(r.assuranceIcon).toBe('consistent_fail');
  });
});

describe('ptd_get_icons (test-geom_ptd_icon.R, set.seed(123), 24 points)', () => {
  it('s1: common cause, no assurance without a target', () => {
    const r = xmr(Y24, { improvementDirection: 'increase' });
    expect(r.variationIcon).toBe('common_cause');
    expect(r.assuranceIcon).toBeNull();
  });
  it('s2: target 0.5 -> common_cause, inconsistent', () => {
    const r = xmr(Y24, { improvementDirection: 'increase', target: 0.5 });
    expect([r.variationIcon, r.assuranceIcon]).toEqual(['common_cause', 'inconsistent']);
  });
  it('s5: second half shifted up by 5, target -3 -> improvement_high, pass', () => {
    const r = xmr(Y24_HIGH, { improvementDirection: 'increase', target: -3 });
    expect([r.variationIcon, r.assuranceIcon]).toEqual(['improvement_high', 'consistent_pass']);
  });
  it('s6: same, decrease -> concern_high, fail', () => {
    const r = xmr(Y24_HIGH, { improvementDirection: 'decrease', target: -3 });
    expect([r.variationIcon, r.assuranceIcon]).toEqual(['concern_high', 'consistent_fail']);
  });
  it('s7: second half shifted down by 5, target 3 -> concern_low, fail', () => {
    const r = xmr(Y24_LOW, { improvementDirection: 'increase', target: 3 });
    expect([r.variationIcon, r.assuranceIcon]).toEqual(['concern_low', 'consistent_fail']);
  });
  it('s8: same, decrease -> improvement_low, pass', () => {
    const r = xmr(Y24_LOW, { improvementDirection: 'decrease', target: 3 });
    expect([r.variationIcon, r.assuranceIcon]).toEqual(['improvement_low', 'consistent_pass']);
  });
  it('s9: same, neutral -> neutral_low and no assurance icon', () => {
    const r = xmr(Y24_LOW, { improvementDirection: 'neutral', target: 3 });
    expect([r.variationIcon, r.assuranceIcon]).toEqual(['neutral_low', null]);
  });
});

describe('variation_icon_file mapping (R/geom_ptd_icon.R)', () => {
  it('maps point types to icon names', () => {
    expect(variationIcon('common_cause', 'increase')).toBe('common_cause');
    expect(variationIcon('special_cause_improvement', 'increase')).toBe('improvement_high');
    expect(variationIcon('special_cause_improvement', 'decrease')).toBe('improvement_low');
    expect(variationIcon('special_cause_concern', 'increase')).toBe('concern_low');
    expect(variationIcon('special_cause_concern', 'decrease')).toBe('concern_high');
    expect(variationIcon('special_cause_neutral_high', 'neutral')).toBe('neutral_high');
    expect(variationIcon('special_cause_neutral_low', 'neutral')).toBe('neutral_low');
  });
});
