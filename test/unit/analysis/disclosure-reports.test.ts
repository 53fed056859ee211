/**
 * suppressYearToDateReports: a financial year's quarterly reports, each publishing its quarter and the year to date,
 * never taking back what an earlier report published. Hand-made series worked from the rule in
 * src/analysis/disclosure.ts (threshold 5: counts of 1–4 are suppressed), then properties checked against an
 * independent audit (Gaussian elimination over everything the four reports publish together).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDisclosive, suppressYearToDateReports, type CumulativeSeriesResult, type PeriodInput } from '../../../src/analysis/disclosure.js';
import { StatsInputError } from '../../../src/analysis/stats/errors.js';
import { rank } from '../../rank.js';

const KEYS = ['Q1', 'Q2', 'Q3', 'Q4'];

function periods(counts: readonly (number | null)[]): PeriodInput[] {
  return counts.map((count, i) => ({ key: KEYS[i] ?? `P${i + 1}`, count, absence: count === null ? 'suppressed' : undefined }));
}

function reports(counts: readonly (number | null)[], threshold = 5, complements?: readonly number[]): CumulativeSeriesResult {
  return suppressYearToDateReports({ periods: periods(counts), threshold, complements: complements ? periods(complements) : undefined });
}

/** What the reports print: quarter and year to date, null for [c]. */
const printed = (r: CumulativeSeriesResult) => ({ quarters: r.periods.map((p) => p.count), ytd: r.cumulative.map((c) => c.count) });

describe('suppressYearToDateReports: hand-made series', () => {
  it('no small quarter: everything is published', () => {
    expect(printed(reports([20, 12, 30, 25]))).toEqual({ quarters: [20, 12, 30, 25], ytd: [20, 32, 62, 87] });
  });

  it('Q2 small: Q2 and its year to date suppressed (YTD2 − YTD1 = Q2); Q3 then suppressed so that YTD3 can be shown', () => {
    // Report 3 with Q3 30 and YTD 53 shown would give Q2 = 53 − 20 − 30 = 3. Hiding Q3 leaves Q2 + Q3 = 33 (≥ 5).
    const r = reports([20, 3, 30, 25]);
    expect(printed(r)).toEqual({ quarters: [20, null, null, 25], ytd: [20, null, 53, 78] });
    expect(r.periods.map((p) => (p.suppressed ? p.reason : 'shown'))).toEqual(['shown', 'primary', 'secondary', 'shown']);
    expect(r.cumulative[1]).toMatchObject({ suppressed: true, reason: 'secondary' });
  });

  it('the decisions of the first reports do not depend on the quarters that follow them', () => {
    const full = reports([20, 3, 30, 25]);
    for (let k = 1; k <= 4; k++) {
      const early = reports([20, 3, 30, 25].slice(0, k));
      expect(early.periods).toEqual(full.periods.slice(0, k));
      expect(early.cumulative).toEqual(full.cumulative.slice(0, k));
    }
  });

  it('a small last quarter after three published ones: the year total is suppressed (YTD4 − YTD3 = Q4)', () => {
    expect(printed(reports([20, 20, 20, 3]))).toEqual({ quarters: [20, 20, 20, null], ytd: [20, 40, 60, null] });
  });

  it('a small first quarter: it is its own year to date; Q2 is suppressed so that YTD2 does not give it back', () => {
    // Q2 12 and YTD 15 shown → Q1 = 15 − 12. Hiding Q2 leaves Q1 + Q2 = 15 only.
    expect(printed(reports([3, 12, 30, 25]))).toEqual({ quarters: [null, null, 30, 25], ytd: [null, 15, 45, 70] });
  });

  it('two small quarters in a row whose sum is small: the year to date stays hidden until the hidden sum reaches 5', () => {
    // Q2 1, Q3 3: YTD3 would give Q2 + Q3 = 4. Report 4 hides Q4 and shows YTD4: Q2 + Q3 + Q4 = 14.
    expect(printed(reports([20, 1, 3, 10]))).toEqual({ quarters: [20, null, null, null], ytd: [20, null, null, 34] });
  });

  it('a zero quarter is not suppressed and cannot serve as the second suppression (it adds nothing)', () => {
    // Report 3: hiding Q3 = 0 leaves Q2 + Q3 = 3, still small; so YTD3 is hidden and Q3 shown.
    expect(printed(reports([20, 3, 0, 25]))).toEqual({ quarters: [20, null, 0, null], ytd: [20, null, null, 48] });
  });

  it('a quarter suppressed in the source is protected like a small one', () => {
    const r = suppressYearToDateReports({
      periods: [
        { key: 'Q1', count: 20 },
        { key: 'Q2', count: null, absence: 'suppressed', cumulative: null, cumulativeAbsence: 'suppressed' },
        { key: 'Q3', count: 30, cumulative: 52 },
        { key: 'Q4', count: 25, cumulative: 77 },
      ],
      threshold: 5,
    });
    // Q2 is 2 in truth (52 − 20 − 30): Q3 and YTD3 together would give it, so Q3 is suppressed.
    expect(printed(r)).toEqual({ quarters: [20, null, null, 25], ytd: [20, null, 52, 77] });
  });

  it('a proportion: a small complement (all but 2 of the cohort) is protected like a small count', () => {
    // Reoffenders 30 of 32 in Q2: complement 2. The same cells are hidden as for a small count.
    const r = reports([20, 30, 30, 25], 5, [40, 2, 40, 40]);
    expect(printed(r)).toEqual({ quarters: [20, null, null, 25], ytd: [20, null, 80, 105] });
  });

  it('rejects complements that do not match the periods', () => {
    expect(() => reports([20, 3], 5, [1])).toThrow(StatsInputError);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Properties against an independent audit.


/**
 * Which sums of hidden quarters the union of all published figures determines: unknowns are the hidden quarters,
 * each published year to date is an equation over the hidden quarters up to it.
 */
function determinedSums(quartersShown: readonly boolean[], ytdShown: readonly boolean[]) {
  const hidden = quartersShown.flatMap((shown, i) => (shown ? [] : [i]));
  const eqs = ytdShown.flatMap((shown, k) => (shown ? [hidden.map((i) => (i <= k ? 1 : 0))] : []));
  const base = eqs.length && hidden.length ? rank(eqs) : 0;
  const determined = (v: number[]) => (hidden.length === 0 ? true : rank([...eqs, v]) === base);
  return { hidden, determined };
}

describe('suppressYearToDateReports: properties', () => {
  const countArb = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 8 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 40 }) });
  it('across all four reports together: nothing published is small, and no suppressed quarter, year to date or small sum can be worked out; earlier reports never change', () => {
    fc.assert(
      fc.property(fc.array(countArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 2, max: 8 }), (counts, t) => {
        const r = reports(counts, t);
        const small = (x: number) => isDisclosive(x, t);
        for (const c of [...r.periods, ...r.cumulative]) if (c.count !== null) expect(small(c.count)).toBe(false);
        counts.forEach((c, i) => {
          if (small(c)) expect(r.periods[i]!.suppressed).toBe(true);
        });
        for (let k = 1; k < counts.length; k++) {
          const early = reports(counts.slice(0, k), t);
          expect(early.periods).toEqual(r.periods.slice(0, k));
          expect(early.cumulative).toEqual(r.cumulative.slice(0, k));
        }
        const a = determinedSums(r.periods.map((p) => !p.suppressed), r.cumulative.map((c) => !c.suppressed));
        const vec = (pred: (i: number) => boolean) => a.hidden.map((i) => (pred(i) ? 1 : 0));
        for (const h of a.hidden) expect(a.determined(vec((i) => i === h)), `Q${h + 1} of ${counts}`).toBe(false);
        r.cumulative.forEach((c, k) => {
          if (c.suppressed) expect(a.determined(vec((i) => i <= k)), `YTD${k + 1} of ${counts}`).toBe(false);
        });
        for (let mask = 1; mask < 1 << a.hidden.length; mask++) {
          const v = a.hidden.map((_, j) => ((mask >> j) & 1 ? 1 : 0));
          if (!a.determined(v)) continue;
          const sum = a.hidden.reduce((s, i, j) => s + (v[j] ? counts[i]! : 0), 0);
          expect(sum >= 1 && sum < t, `sum ${sum} of ${counts}`).toBe(false);
        }
      }),
      { seed: 11, numRuns: 600 },
    );
  });

  it('a proportion: no count and no complement that is suppressed can be worked out, and no small sum of either', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(countArb, countArb), { minLength: 1, maxLength: 4 }), fc.integer({ min: 2, max: 8 }), (pairs, t) => {
        const counts = pairs.map((p) => p[0]);
        const complements = pairs.map((p) => p[1]);
        const r = reports(counts, t, complements);
        const small = (x: number) => isDisclosive(x, t);
        r.periods.forEach((p, i) => {
          if (small(counts[i]!) || small(complements[i]!)) expect(p.suppressed).toBe(true);
        });
        const a = determinedSums(r.periods.map((p) => !p.suppressed), r.cumulative.map((c) => !c.suppressed));
        for (let mask = 1; mask < 1 << a.hidden.length; mask++) {
          const v = a.hidden.map((_, j) => ((mask >> j) & 1 ? 1 : 0));
          if (!a.determined(v)) continue;
          for (const values of [counts, complements]) {
            const sum = a.hidden.reduce((s, i, j) => s + (v[j] ? values[i]! : 0), 0);
            expect(sum >= 1 && sum < t).toBe(false);
          }
        }
        // A published year to date is not small in either series.
        let runC = 0;
        let runD = 0;
        r.cumulative.forEach((c, k) => {
          runC += counts[k]!;
          runD += complements[k]!;
          if (!c.suppressed) expect(small(runC) || small(runD)).toBe(false);
        });
      }),
      { seed: 12, numRuns: 400 },
    );
  });
});
