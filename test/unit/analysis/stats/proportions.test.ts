import { describe, expect, it } from 'vitest';

import { compareProportions, proportion, wilsonLimits } from '../../../../src/analysis/stats/index.js';
import { expectClose, expectStatsInputError } from './helpers.js';

/*
 * Oracle: R 4.2 `prop.test(x, n, conf.level, correct = FALSE)$conf.int`, which is the Wilson score interval without
 * continuity correction — the interval of PHEindicatormethods `wilson_lower` / `wilson_upper` (R/utils.R):
 *   z = qnorm(conf+(1-conf)/2);  lower, upper = (2*x+z^2 ∓ z*sqrt(z^2+4*x*(1-(x/n))))/2/(n+z^2)
 * (the 'equivalence' test below checks that in R too). Values printed with formatC(v, digits=17).
 */

interface Row {
  numerator: number;
  denominator: number;
  multiplier: number;
  confidence: number;
  value: number;
  lower: number;
  upper: number;
}

const ROWS: Row[] = [
    // R: prop.test(0, 50, conf.level=0.95, correct=FALSE)$conf.int*100
    { numerator: 0, denominator: 50, multiplier: 100, confidence: 0.95, value: 0, lower: 0, upper: 7.1347599133358681 },
    // R: prop.test(50, 50, conf.level=0.95, correct=FALSE)$conf.int*100
    { numerator: 50, denominator: 50, multiplier: 100, confidence: 0.95, value: 100, lower: 92.86524008666413, upper: 100 },
    // R: prop.test(0, 1, conf.level=0.95, correct=FALSE)$conf.int*1
    { numerator: 0, denominator: 1, multiplier: 1, confidence: 0.95, value: 0, lower: 0, upper: 0.79345068562276255 },
    // R: prop.test(1, 1, conf.level=0.95, correct=FALSE)$conf.int*1
    { numerator: 1, denominator: 1, multiplier: 1, confidence: 0.95, value: 1, lower: 0.2065493143772375, upper: 1 },
    // R: prop.test(1, 2, conf.level=0.95, correct=FALSE)$conf.int*1
    { numerator: 1, denominator: 2, multiplier: 1, confidence: 0.95, value: 0.5, lower: 0.094531205734230739, upper: 0.90546879426576921 },
    // R: prop.test(65, 100, conf.level=0.95, correct=FALSE)$conf.int*1
    { numerator: 65, denominator: 100, multiplier: 1, confidence: 0.95, value: 0.65000000000000002, lower: 0.55254443296887967, upper: 0.73635751756902468 },
    // R: prop.test(82, 100, conf.level=0.95, correct=FALSE)$conf.int*1
    { numerator: 82, denominator: 100, multiplier: 1, confidence: 0.95, value: 0.81999999999999995, lower: 0.73332641613699268, upper: 0.88299774501053641 },
    // R: prop.test(100, 100, conf.level=0.95, correct=FALSE)$conf.int*1
    { numerator: 100, denominator: 100, multiplier: 1, confidence: 0.95, value: 1, lower: 0.96300650179301428, upper: 1 },
    // R: prop.test(65, 100, conf.level=0.998, correct=FALSE)$conf.int*100
    { numerator: 65, denominator: 100, multiplier: 100, confidence: 0.998, value: 65, lower: 49.549465740704477, upper: 77.835406140896851 },
    // R: prop.test(3, 7, conf.level=0.95, correct=FALSE)$conf.int*100
    { numerator: 3, denominator: 7, multiplier: 100, confidence: 0.95, value: 42.857142857142854, lower: 15.821985525146969, upper: 74.954163547234259 },
    // R: prop.test(12345, 67890, conf.level=0.95, correct=FALSE)$conf.int*100
    { numerator: 12345, denominator: 67890, multiplier: 100, confidence: 0.95, value: 18.18382677861246, lower: 17.895489704038052, upper: 18.475764195033371 },
    // R: prop.test(1, 1e+05, conf.level=0.95, correct=FALSE)$conf.int*1000
    { numerator: 1, denominator: 1e+05, multiplier: 1000, confidence: 0.95, value: 0.01, lower: 0.0017652477303783205, upper: 0.056647096590409646 },
    // R: prop.test(999999, 1e+06, conf.level=0.9, correct=FALSE)$conf.int*1
    { numerator: 999999, denominator: 1e+06, multiplier: 1, confidence: 0.9, value: 0.99999899999999997, lower: 0.99999551756152905, upper: 0.99999977690774744 },
];

describe('proportion (Wilson)', () => {
  it.each(ROWS)('$numerator / $denominator × $multiplier at $confidence', (row) => {
    const r = proportion(row.numerator, row.denominator, { multiplier: row.multiplier, confidence: row.confidence });
    expect(r.method).toBe('wilson');
    expectClose(r.value, row.value);
    expectClose(r.lower, row.lower);
    expectClose(r.upper, row.upper);
  });

  it('PHE formula and prop.test agree (so either is the oracle)', () => {
    // R: x <- 3; n <- 7; z <- qnorm(0.975); (2*x+z^2-z*sqrt(z^2+4*x*(1-(x/n))))/2/(n+z^2)  -> 0.15821985525146975
    // R: prop.test(3, 7, correct=FALSE)$conf.int[1]                                          -> 0.1582198552514697
    expectClose(wilsonLimits(3, 7).lower, 0.15821985525146975);
    expectClose(wilsonLimits(3, 7).lower, 0.1582198552514697);
  });

  it('proportion 0 has lower limit exactly 0; proportion 1 has upper limit exactly 1 × multiplier', () => {
    const none = proportion(0, 37, { multiplier: 100 });
    expect(none.value).toBe(0);
    expect(none.lower).toBe(0);
    const all = proportion(37, 37, { multiplier: 100 });
    expect(all.value).toBe(100);
    expect(all.upper).toBe(100);
  });

  it('defaults: multiplier 1, confidence 0.95', () => {
    const r = proportion(65, 100);
    expect(r.multiplier).toBe(1);
    expect(r.confidence).toBe(0.95);
    // R: prop.test(65, 100, correct=FALSE)$conf.int
    expectClose(r.lower, 0.55254443296887967);
    expectClose(r.upper, 0.73635751756902468);
  });

  /*
   * Published by Fingertips (OHID): indicator 30309 "Population vaccination coverage: MMR for one dose (2 years old)",
   * Yorkshire and the Humber, percentages with 95% limits (4 d.p.), as listed in the FingertipsNext test
   * TrendMarkerCalculatorTests.GenerateYorkshireMmrCoverageTrendMarkersAreCorrect (dhsc-govuk/FingertipsNext).
   */
  it.each([
    { numerator: 53185, denominator: 59028, value: 90.1013, lower: 89.8578, upper: 90.3396 },
    { numerator: 51767, denominator: 57508, value: 90.017, lower: 89.7694, upper: 90.2594 },
    { numerator: 53681, denominator: 59074, value: 90.8708, lower: 90.6358, upper: 91.1004 },
    { numerator: 55865, denominator: 60511, value: 92.3221, lower: 92.1072, upper: 92.5315 },
    { numerator: 57274, denominator: 61834, value: 92.6254, lower: 92.4168, upper: 92.8288 },
  ])('matches Fingertips published limits: $numerator / $denominator', (row) => {
    const r = proportion(row.numerator, row.denominator, { multiplier: 100 });
    expect(r.value).toBeCloseTo(row.value, 4);
    expect(r.lower).toBeCloseTo(row.lower, 4);
    expect(r.upper).toBeCloseTo(row.upper, 4);
  });

  it('numerator greater than denominator throws', () => {
    expectStatsInputError(() => proportion(11, 10), 'numerator');
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('denominator %s throws', (d) => {
    expectStatsInputError(() => proportion(0, d), 'denominator');
  });

  it.each([-1, Number.NaN])('numerator %s throws', (x) => {
    expectStatsInputError(() => proportion(x, 10), 'numerator');
  });

  it('bad multiplier or confidence throws', () => {
    expectStatsInputError(() => proportion(1, 10, { multiplier: 0 }), 'multiplier');
    expectStatsInputError(() => proportion(1, 10, { confidence: 95 }), 'confidence');
  });
});

describe('compareProportions (two-sample χ² without continuity correction)', () => {
  it('matches R prop.test(correct = FALSE)', () => {
    // Rscript -e 'options(digits=15); r<-prop.test(c(312,280),c(1034,1012),correct=FALSE); r$p.value; r$statistic'
    //   → 0.211354058966321, X-squared 1.56212699446269
    const r = compareProportions({ numerator: 312, denominator: 1034 }, { numerator: 280, denominator: 1012 });
    expect(r.statistic).toBeCloseTo(1.56212699446269, 10);
    expect(r.pValue).toBeCloseTo(0.211354058966321, 10);
    expect(r.direction).toBe('no-significant-change');
    // Rscript -e 'prop.test(c(5,15),c(40,42),correct=FALSE)$p.value' → 0.014411372186308
    const s = compareProportions({ numerator: 5, denominator: 40 }, { numerator: 15, denominator: 42 });
    expect(s.pValue).toBeCloseTo(0.014411372186308, 10);
    expect(s.direction).toBe('increase');
    // (15/42 − 5/40) / (5/40) × 100 = (0.357142857 − 0.125) / 0.125 × 100 = 185.714…
    expect(s.percentChange).toBeCloseTo(185.7142857, 5);
  });
  it('equal proportions give p = 1 (R: prop.test(c(50,50),c(100,100),correct=FALSE)$p.value → 1)', () => {
    expect(compareProportions({ numerator: 50, denominator: 100 }, { numerator: 50, denominator: 100 }).pValue).toBe(1);
  });
});
