import { describe, expect, it } from 'vitest';

import {
  FINGERTIPS_TREND_THRESHOLD,
  chiSquaredTrendProportions,
  fingertipsRecentTrendProportion,
  fingertipsRecentTrendValue,
  poissonTrendTest,
} from '../../../../src/analysis/stats/index.js';
import { expectClose, expectStatsInputError } from './helpers.js';

/*
 * Oracles: R 4.2 (package stats). Values printed with formatC(v, digits=17).
 *   - proportions: prop.trend.test(x, n, score);
 *   - Poisson rates: the Rao score test of the slope in a Poisson GLM with log-population offset,
 *     anova(glm(x ~ t + offset(log(n)), family=poisson, control=glm.control(epsilon=1e-14, maxit=100)), test='Rao').
 *     glm's IRLS stops at its convergence tolerance, so it agrees with the closed form to ~1e-9 relative: hence the
 *     1e-8 tolerance for those rows;
 *   - Fingertips "other" (weighted regression with known variances): summary(glm(v ~ t, weights = w),
 *     dispersion = 1)$coefficients — slope = [2,1], χ² = [2,3]^2 — with w = 1/((u-l)/(2*qnorm(0.975)))^2;
 *   - Fingertips proportions direction: coef(lm(qlogis(x/n) ~ t))[2] (logit slope).
 */

interface Row {
  x: number[];
  n: number[];
  scores: number[] | undefined;
  statistic: number;
  pValue: number;
}

const PROP_TREND_ROWS: Row[] = [
// R: prop.trend.test(c(15, 10, 8, 5), c(100, 100, 100, 100))
    { x: [15, 10, 8, 5], n: [100, 100, 100, 100], scores: undefined, statistic: 5.9552195405641157, pValue: 0.01467377542176233 },
    // R: prop.trend.test(c(83, 90, 129, 70), c(86, 93, 136, 82))
    { x: [83, 90, 129, 70], n: [86, 93, 136, 82], scores: undefined, statistic: 8.2249222851977102, pValue: 0.004131897477641487 },
    // R: prop.trend.test(c(83, 90, 129, 70), c(86, 93, 136, 82), score=c(0, 0, 1, 2))
    { x: [83, 90, 129, 70], n: [86, 93, 136, 82], scores: [0, 0, 1, 2], statistic: 10.470514401671748, pValue: 0.001212949395712611 },
    // R: prop.trend.test(c(3455176, 3491868, 3625401, 3774801, 3938080), c(48783947, 49122259, 49956777, 50649129, 51441896), score=c(2020, 2021, 2022, 2023, 2024))
    { x: [3455176, 3491868, 3625401, 3774801, 3938080], n: [48783947, 49122259, 49956777, 50649129, 51441896], scores: [2020, 2021, 2022, 2023, 2024], statistic: 16494.755906619299, pValue: 0 },
    // R: prop.trend.test(c(20, 22, 21), c(1000, 1000, 1000))
    { x: [20, 22, 21], n: [1000, 1000, 1000], scores: undefined, statistic: 0.024320249039350407, pValue: 0.8760728209414046 },
    // R: prop.trend.test(c(0, 1, 3, 8, 12), c(40, 40, 41, 40, 42))
    { x: [0, 1, 3, 8, 12], n: [40, 40, 41, 40, 42], scores: undefined, statistic: 21.914040600774101, pValue: 2.8514002269858012e-06 },
];

const POISSON_TREND_ROWS: Row[] = [
    // R: anova(glm(c(15, 10, 8, 5) ~ c(1, 2, 3, 4) + offset(log(c(100, 100, 100, 100))), family=poisson, control=glm.control(epsilon=1e-14, maxit=100)), test='Rao')$Rao[2]
    // R: pchisq(5.3894736842371413, 1, lower.tail=FALSE)
    { x: [15, 10, 8, 5], n: [100, 100, 100, 100], scores: undefined, statistic: 5.3894736842371413, pValue: 0.020258580316284698 },
    // R: anova(glm(c(1416, 935, 1344, 1415, 1502) ~ c(2020, 2021, 2022, 2023, 2024) + offset(log(c(48246126, 48440507, 48753376, 49300918, 49866388))), family=poisson, control=glm.control(epsilon=1e-14, maxit=100)), test='Rao')$Rao[2]
    // R: pchisq(22.103586166004959, 1, lower.tail=FALSE)
    { x: [1416, 935, 1344, 1415, 1502], n: [48246126, 48440507, 48753376, 49300918, 49866388], scores: [2020, 2021, 2022, 2023, 2024], statistic: 22.103586166004959, pValue: 2.583267039199892e-06 },
    // R: anova(glm(c(120, 131, 150, 149, 171) ~ c(1, 2, 3, 4, 5) + offset(log(c(51234, 51500, 52001, 52400, 52950))), family=poisson, control=glm.control(epsilon=1e-14, maxit=100)), test='Rao')$Rao[2]
    // R: pchisq(8.081292326829292, 1, lower.tail=FALSE)
    { x: [120, 131, 150, 149, 171], n: [51234, 51500, 52001, 52400, 52950], scores: undefined, statistic: 8.081292326829292, pValue: 0.0044724539908756276 },
    // R: anova(glm(c(12, 9, 14, 11) ~ c(2019, 2020, 2022, 2023) + offset(log(c(20000, 20500, 21000, 21400))), family=poisson, control=glm.control(epsilon=1e-14, maxit=100)), test='Rao')$Rao[2]
    // R: pchisq(0.011896813502956238, 1, lower.tail=FALSE)
    { x: [12, 9, 14, 11], n: [20000, 20500, 21000, 21400], scores: [2019, 2020, 2022, 2023], statistic: 0.011896813502956238, pValue: 0.9131449747469802 },
    // R: anova(glm(c(0, 2, 1, 5, 6) ~ c(1, 2, 3, 4, 5) + offset(log(c(800, 810, 815, 820, 830))), family=poisson, control=glm.control(epsilon=1e-14, maxit=100)), test='Rao')$Rao[2]
    // R: pchisq(7.7812591890302452, 1, lower.tail=FALSE)
    { x: [0, 2, 1, 5, 6], n: [800, 810, 815, 820, 830], scores: undefined, statistic: 7.7812591890302452, pValue: 0.0052790988517950983 },
];

describe('chiSquaredTrendProportions (R prop.trend.test)', () => {
  it.each(PROP_TREND_ROWS)('x = $x, n = $n, scores = $scores', (row) => {
    const r = chiSquaredTrendProportions(row.x, row.n, row.scores === undefined ? {} : { scores: row.scores });
    expect(r.method).toBe('chi-squared-trend-proportions');
    expect(r.df).toBe(1);
    expectClose(r.statistic, row.statistic, 1e-10);
    if (row.pValue === 0) expect(r.pValue).toBeLessThan(1e-300);
    else expectClose(r.pValue, row.pValue, 1e-9);
  });

  it('direction follows the sign of the trend when p < alpha', () => {
    // R: prop.trend.test(c(15, 10, 8, 5), c(100, 100, 100, 100))$p.value  -> 0.01467377542176233
    expect(chiSquaredTrendProportions([15, 10, 8, 5], [100, 100, 100, 100]).direction).toBe('decreasing');
    expect(chiSquaredTrendProportions([5, 8, 10, 15], [100, 100, 100, 100]).direction).toBe('increasing');
    expect(chiSquaredTrendProportions([15, 10, 8, 5], [100, 100, 100, 100], { alpha: 0.01 }).direction).toBe(
      'no-significant-change',
    );
    // R: prop.trend.test(c(20, 22, 21), c(1000, 1000, 1000))$p.value  -> 0.8760728209414046
    expect(chiSquaredTrendProportions([20, 22, 21], [1000, 1000, 1000]).direction).toBe('no-significant-change');
  });

  it('all numerators 0 (or all equal to their denominators): statistic 0, p = 1', () => {
    expect(chiSquaredTrendProportions([0, 0, 0], [10, 20, 30])).toMatchObject({ statistic: 0, pValue: 1 });
    expect(chiSquaredTrendProportions([10, 20, 30], [10, 20, 30])).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('rejects fewer than 3 periods, mismatched lengths, x > n, equal scores', () => {
    expectStatsInputError(() => chiSquaredTrendProportions([1, 2], [10, 10]), 'numerators');
    expectStatsInputError(() => chiSquaredTrendProportions([1, 2, 3], [10, 10]), 'denominators');
    expectStatsInputError(() => chiSquaredTrendProportions([1, 2, 30], [10, 10, 10]), 'numerators[2]');
    expectStatsInputError(() => chiSquaredTrendProportions([1, 2, 3], [10, 0, 10]), 'denominators[1]');
    expectStatsInputError(() => chiSquaredTrendProportions([1, 2, 3], [10, 10, 10], { scores: [1, 1, 1] }), 'scores');
    expectStatsInputError(() => chiSquaredTrendProportions([1, 2, 3], [10, 10, 10], { scores: [1, 2] }), 'scores');
  });
});

describe('poissonTrendTest (score test for trend in Poisson rates)', () => {
  it.each(POISSON_TREND_ROWS)('counts = $x, populations = $n, scores = $scores', (row) => {
    const r = poissonTrendTest(row.x, row.n, row.scores === undefined ? {} : { scores: row.scores });
    expect(r.method).toBe('poisson-score-trend');
    expectClose(r.statistic, row.statistic, 1e-8);
    expectClose(r.pValue, row.pValue, 1e-7);
  });

  it('closed form: for the example above, [Σx(t − t̄)]² / ΣE(t − t̄)² = 5.3894736842105…', () => {
    // R: x <- c(15,10,8,5); n <- rep(100,4); t <- 1:4; E <- n*sum(x)/sum(n); tb <- sum(n*t)/sum(n);
    //    sum(x*(t-tb))^2/sum(E*(t-tb)^2)  -> 5.3894736842105262
    expectClose(poissonTrendTest([15, 10, 8, 5], [100, 100, 100, 100]).statistic, 5.3894736842105262, 1e-12);
  });

  it('direction', () => {
    // R: see the row for c(120, 131, 150, 149, 171): p = 0.0044724539941860654
    expect(poissonTrendTest([120, 131, 150, 149, 171], [51234, 51500, 52001, 52400, 52950]).direction).toBe('increasing');
    expect(poissonTrendTest([15, 10, 8, 5], [100, 100, 100, 100]).direction).toBe('decreasing');
    // R: p = 0.9131449747469802 for c(12, 9, 14, 11)
    expect(poissonTrendTest([12, 9, 14, 11], [20000, 20500, 21000, 21400]).direction).toBe('no-significant-change');
  });

  it('no events at all: statistic 0, p = 1', () => {
    expect(poissonTrendTest([0, 0, 0], [100, 100, 100])).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('rejects bad input', () => {
    expectStatsInputError(() => poissonTrendTest([1, -2, 3], [10, 10, 10]), 'counts[1]');
    expectStatsInputError(() => poissonTrendTest([1, 2, 3], [10, 10, Number.NaN]), 'exposures[2]');
    expectStatsInputError(() => poissonTrendTest([1, 2], [10, 10]), 'counts');
  });
});

describe('Fingertips recent-trend marker', () => {
  it('threshold is qchisq(0.998, 1)', () => {
    // R: qchisq(0.998, 1)  -> 9.5495357060832422
    expectClose(FINGERTIPS_TREND_THRESHOLD, 9.5495357060832422, 1e-12);
  });

  /*
   * Published Fingertips markers (OHID), as used in the FingertipsNext tests TrendMarkerCalculatorTests
   * (dhsc-govuk/FingertipsNext), each checked there against the live Fingertips trend display:
   *   241   Diabetes: QOF prevalence, England, 2020–2024                   → Increasing (proportion)
   *   30309 MMR one dose at 2 years, Yorkshire and the Humber, 2020–2024  → Decreasing (proportion)
   *   41203 Preventable sight loss from diabetic eye disease, England     → Increasing (crude rate, "other")
   */
  it('QOF diabetes prevalence (proportion) → increasing', () => {
    const r = fingertipsRecentTrendProportion([
      { period: 2024, numerator: 3938080, denominator: 51441896 },
      { period: 2023, numerator: 3774801, denominator: 50649129 },
      { period: 2022, numerator: 3625401, denominator: 49956777 },
      { period: 2021, numerator: 3491868, denominator: 49122259 },
      { period: 2020, numerator: 3455176, denominator: 48783947 },
    ]);
    expect(r.marker).toBe('increasing');
    expect(r.reason).toBe('significant-trend');
    expect(r.periodsUsed).toEqual([2020, 2021, 2022, 2023, 2024]);
    // R: prop.trend.test(c(3455176,3491868,3625401,3774801,3938080), c(48783947,49122259,49956777,50649129,51441896),
    //                    2020:2024)$statistic  -> 16494.755906619299
    expectClose(r.statistic, 16494.755906619299, 1e-9);
    // R: x <- c(3455176,3491868,3625401,3774801,3938080); n <- c(48783947,49122259,49956777,50649129,51441896);
    //    coef(lm(qlogis(x/n) ~ I(2020:2024)))[2]  -> 0.021891825703286381
    expectClose(r.slope, 0.021891825703286381, 1e-9);
  });

  it('MMR coverage, Yorkshire and the Humber (proportion) → decreasing', () => {
    const r = fingertipsRecentTrendProportion([
      { period: 2024, numerator: 53185, denominator: 59028 },
      { period: 2023, numerator: 51767, denominator: 57508 },
      { period: 2022, numerator: 53681, denominator: 59074 },
      { period: 2021, numerator: 55865, denominator: 60511 },
      { period: 2020, numerator: 57274, denominator: 61834 },
    ]);
    expect(r.marker).toBe('decreasing');
    // R: prop.trend.test(c(57274,55865,53681,51767,53185), c(61834,60511,59074,57508,59028), 2020:2024)$statistic
    //    -> 405.04790902722226
    // (PHEindicatormethods' own uncentred formula, calculate_trend_logistic_regression, evaluated in R:
    //  sum_d*((sum_d*sum_ct)-(sum_c*sum_dt))^2/(sum_c*(sum_d-sum_c)*(sum_d*sum_dt_2-dt2)) -> 405.04790909956637,
    //  the same statistic up to its cancellation error with years as scores.)
    expectClose(r.statistic, 405.04790902722226, 1e-9);
    // R: coef(lm(qlogis(c(57274,55865,53681,51767,53185)/c(61834,60511,59074,57508,59028)) ~ I(2020:2024)))[2]
    //    -> -0.093179617603056111
    expectClose(r.slope, -0.093179617603056111, 1e-9);
  });

  it('diabetic eye disease (crude rate with 95% limits) → increasing, despite the 2021 dip', () => {
    const r = fingertipsRecentTrendValue([
      { period: 2024, value: 3.0121, lower: 2.8616, upper: 3.1683 },
      { period: 2023, value: 2.8701, lower: 2.7225, upper: 3.0237 },
      { period: 2022, value: 2.7567, lower: 2.6113, upper: 2.9082 },
      { period: 2021, value: 1.93028, lower: 1.8085, upper: 2.058 },
      { period: 2020, value: 2.935, lower: 2.7841, upper: 3.0919 },
    ]);
    expect(r.marker).toBe('increasing');
    // R: yr <- 2020:2024; v <- c(2.935,1.93028,2.7567,2.8701,3.0121); l <- c(2.7841,1.8085,2.6113,2.7225,2.8616);
    //    u <- c(3.0919,2.058,2.9082,3.0237,3.1683); w <- 1/((u-l)/(2*qnorm(0.975)))^2;
    //    s <- summary(glm(v ~ yr, weights=w), dispersion=1)$coefficients; c(s[2,1], s[2,3]^2)
    //    -> 0.13984364887626982 33.484550066832981
    expectClose(r.slope, 0.13984364887626982, 1e-9);
    expectClose(r.statistic, 33.484550066832981, 1e-9);
  });

  /*
   * PHEindicatormethods' documented example for assign_trend_markers(value_type = "other") (R/TrendMarkers.R
   * @examples): Year 1–5, Value c(30.6, 30.2, 28, 24.6, 24.67) with LL/UL. No published output; the statistic is
   * from R, and the marker follows from it (χ² 46.76 > 9.5495, all leave-one-out slopes negative).
   */
  it('PHEindicatormethods example (other) → decreasing', () => {
    const values = [30.6, 30.2, 28, 24.6, 24.67];
    const ll = [28.98, 28.63, 26.44, 23.15, 23.16];
    const ul = [32.25, 31.9, 29.64, 26.19, 26.25];
    const r = fingertipsRecentTrendValue(values.map((value, i) => ({
      period: i + 1,
      value,
      lower: ll[i] as number,
      upper: ul[i] as number,
    })));
    // R: yr <- 1:5; v <- c(30.6, 30.2, 28, 24.6, 24.67); l <- c(28.98, 28.63,26.44,23.15, 23.16);
    //    u <- c(32.25, 31.9,29.64, 26.19,26.25); w <- 1/((u-l)/(2*qnorm(0.975)))^2;
    //    s <- summary(glm(v ~ yr, weights=w), dispersion=1)$coefficients; c(s[2,1], s[2,3]^2)
    //    -> -1.751566222662948 46.763597160549502
    //    sapply(1:5, function(j) coef(lm(v[-j] ~ yr[-j], weights=w[-j]))[2])  -> all < 0
    expectClose(r.slope, -1.751566222662948, 1e-9);
    expectClose(r.statistic, 46.763597160549502, 1e-9);
    expect(r.marker).toBe('decreasing');
    expect(r.reason).toBe('significant-trend');
  });

  it('uses only the five most recent points, whatever the input order', () => {
    const r = fingertipsRecentTrendValue([
      { period: 2021, value: 28, lower: 26.44, upper: 29.64 },
      { period: 2018, value: 50, lower: 45, upper: 55 },
      { period: 2023, value: 24.67, lower: 23.16, upper: 26.25 },
      { period: 2019, value: 30.6, lower: 28.98, upper: 32.25 },
      { period: 2022, value: 24.6, lower: 23.15, upper: 26.19 },
      { period: 2020, value: 30.2, lower: 28.63, upper: 31.9 },
    ]);
    expect(r.periodsUsed).toEqual([2019, 2020, 2021, 2022, 2023]);
    // R: same as the example above with yr <- 2019:2023 (the slope does not depend on the origin of time)
    //    -> -1.7515662226626696 46.76359716054364
    expectClose(r.slope, -1.7515662226626696, 1e-9);
    expectClose(r.statistic, 46.76359716054364, 1e-9);
  });

  it('a single point driving the trend is an outlier → no significant change', () => {
    const v = [10, 10.1, 9.9, 10, 14];
    const r = fingertipsRecentTrendValue(v.map((value, i) => ({ period: 2019 + i, value, lower: value - 0.5, upper: value + 0.5 })));
    // R: yr <- 2019:2023; v <- c(10, 10.1, 9.9, 10, 14); l <- v - 0.5; u <- v + 0.5; w <- 1/((u-l)/(2*qnorm(0.975)))^2;
    //    s <- summary(glm(v ~ yr, weights=w), dispersion=1)$coefficients; c(s[2,1], s[2,3]^2)
    //    -> 0.79000000000018755 95.898177999823957 (significant)
    //    coef(lm(v[-5] ~ yr[-5], weights=w[-5]))[2]  -> -0.019999999999998765 (sign flips without 2023)
    expectClose(r.statistic, 95.898177999823957, 1e-9);
    expect(r.marker).toBe('no-significant-change');
    expect(r.reason).toBe('outlier-found');
  });

  it('not significant → no significant change', () => {
    const r = fingertipsRecentTrendProportion(
      [0, 1, 0, 1, 1].map((numerator, i) => ({ period: 2019 + i, numerator, denominator: 100 })),
    );
    // R: prop.trend.test(c(0,1,0,1,1), rep(100,5), 2019:2023)$statistic  -> 0.67069081153599264
    expectClose(r.statistic, 0.67069081153599264, 1e-10);
    expect(r.marker).toBe('no-significant-change');
    expect(r.reason).toBe('no-significant-trend');
    expect(r.slope).toBeNull(); // a proportion of 0 has no logit
  });

  it('significant, but a proportion of 0 has no logit slope → cannot be calculated', () => {
    const r = fingertipsRecentTrendProportion(
      [0, 2, 5, 9, 14].map((numerator, i) => ({ period: 2019 + i, numerator, denominator: 100 })),
    );
    // R: prop.trend.test(c(0,2,5,9,14), rep(100,5), 2019:2023)$statistic  -> 21.719858156027644
    expectClose(r.statistic, 21.719858156027644, 1e-10);
    expect(r.marker).toBe('cannot-be-calculated');
    expect(r.reason).toBe('proportion-of-0-or-1');
  });

  it('fewer than five points → cannot be calculated', () => {
    const r = fingertipsRecentTrendProportion(
      [1, 2, 3, 4].map((numerator, i) => ({ period: 2020 + i, numerator, denominator: 100 })),
    );
    expect(r).toEqual({
      marker: 'cannot-be-calculated',
      reason: 'not-enough-points',
      statistic: null,
      slope: null,
      periodsUsed: [],
    });
  });

  it('rejects repeated periods and inverted limits', () => {
    const points = [2019, 2020, 2020, 2021, 2022].map((period) => ({ period, numerator: 5, denominator: 100 }));
    expectStatsInputError(() => fingertipsRecentTrendProportion(points), 'points');
    const bad = [1, 2, 3, 4, 5].map((period) => ({ period, value: 5, lower: 6, upper: 4 }));
    expectStatsInputError(() => fingertipsRecentTrendValue(bad), 'points[0].lower');
  });
});
