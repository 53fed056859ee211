import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';

import {
  appliesTo,
  decideCount,
  decideDerived,
  decideProportion,
  disclosureFor,
  isDisclosive,
  isDisclosiveCount,
  redact,
  SHOWN,
  suppressCumulativeSeries,
  suppressLinkedTable,
  type CellDecision,
  type PartInput,
} from '../../../src/analysis/disclosure.js';
import { StatsInputError } from '../../../src/analysis/stats/errors.js';
import { rank } from '../../rank.js';

/*
 * Expectations are worked by hand from the rules in src/analysis/disclosure.ts (threshold 5 unless stated: counts of
 * 1–4 are suppressed). The properties at the end check the promises against an independent audit: Gaussian
 * elimination over the published equations tells which hidden figures, and which sums of them, can be worked out.
 */
const T5 = { threshold: 5 };
const SEED = 20240601;
const RUNS = 400;

function table(counts: readonly (number | null)[], total: number | null, threshold = 5, suppressZero = false) {
  const parts: PartInput[] = counts.map((count, i) => ({ key: String.fromCharCode(97 + i), count, absence: count === null ? 'suppressed' : undefined }));
  return suppressLinkedTable({ parts, total, threshold, suppressZero });
}

const reasons = (cells: readonly CellDecision[]): Record<string, string> =>
  Object.fromEntries(cells.filter((c) => c.suppressed).map((c) => [c.key, c.suppressed ? c.reason : '']));

describe('appliesTo', () => {
  const patterns = ['hidden.*', 'reoffending.youth', 'fte.*'];
  it.each([
    ['hidden.fgm', true],
    ['hidden.forced-marriage', true],
    ['reoffending.youth', true],
    ['fte.first-time-entrants', true],
    ['reoffending.adult', false], // exact pattern: no prefix match
    ['reoffending.youth.extra', false],
    ['hidden', false], // `hidden.*` is the prefix `hidden.`
    ['hiddenfgm', false],
    ['recorded-crime.burglary', false],
    ['HIDDEN.fgm', false], // ids are case-sensitive
  ])('%s → %s', (id, expected) => {
    expect(appliesTo(id, patterns)).toBe(expected);
  });

  it('`*` alone matches everything; no patterns match nothing; only a trailing * is a wildcard', () => {
    expect(appliesTo('anything', ['*'])).toBe(true);
    expect(appliesTo('hidden.fgm', [])).toBe(false);
    expect(appliesTo('hidden.fgm', ['hid*.fgm'])).toBe(false);
    expect(appliesTo('hid*.fgm', ['hid*.fgm'])).toBe(true);
  });

  it('disclosureFor reads the config section', () => {
    const d = { threshold: 10, indicators: ['hidden.*'] };
    expect(disclosureFor('hidden.fgm', d)).toEqual({ threshold: 10, suppressZero: false });
    expect(disclosureFor('hidden.fgm', d, { suppressZero: true })).toEqual({ threshold: 10, suppressZero: true });
    expect(disclosureFor('recorded-crime.burglary', d)).toBeNull();
  });
});

describe('primary suppression of a count', () => {
  it.each([
    [0, false],
    [1, true],
    [4, true],
    [5, false], // exactly the threshold is shown
    [6, false],
    [1000, false],
  ])('threshold 5: %i → disclosive %s', (count, expected) => {
    expect(isDisclosiveCount(count, T5)).toBe(expected);
    expect(isDisclosive(count, 5)).toBe(expected);
    expect(decideCount(count, T5).suppressed).toBe(expected);
  });

  it('zero is shown by default and suppressed with suppressZero', () => {
    expect(decideCount(0, T5)).toEqual(SHOWN);
    expect(decideCount(0, { threshold: 5, suppressZero: true })).toEqual({ suppressed: true, reason: 'primary', rule: 'zero-count' });
    expect(decideCount(3, T5)).toEqual({ suppressed: true, reason: 'primary', rule: 'small-count' });
  });

  it('threshold 1 suppresses nothing; a bigger threshold suppresses more', () => {
    expect(isDisclosiveCount(1, { threshold: 1 })).toBe(false);
    expect(isDisclosiveCount(9, { threshold: 10 })).toBe(true);
  });

  it('a null count is a source suppression when marked suppressed (or unmarked), not when merely unavailable', () => {
    expect(decideCount(null, T5, 'suppressed')).toEqual({ suppressed: true, reason: 'source', rule: 'marked-in-source' });
    expect(decideCount(null, T5)).toMatchObject({ suppressed: true, reason: 'source' });
    expect(decideCount(null, T5, 'not-available')).toEqual(SHOWN);
  });

  it('isDisclosive (bare number) never throws; isDisclosiveCount and decideCount check their input', () => {
    expect(isDisclosive(-2, 5)).toBe(false);
    expect(isDisclosive(Number.NaN, 5)).toBe(false);
    expect(isDisclosive(0, 5, true)).toBe(true);
    expect(() => isDisclosiveCount(-1, T5)).toThrow(StatsInputError);
    expect(() => decideCount(2.5, T5)).toThrow(StatsInputError);
    expect(() => decideCount(3, { threshold: 0 })).toThrow(StatsInputError);
    expect(() => decideCount(3, { threshold: 2.5 })).toThrow(StatsInputError);
  });
});

describe('proportions: small numerator or small complement', () => {
  it.each<[number, number, boolean, string | null]>([
    [2, 40, true, 'small-count'], // 2 reoffenders: small
    [5, 40, false, null],
    [38, 40, true, 'small-complement'], // "2 did not reoffend"
    [35, 40, false, null], // complement exactly 5: shown
    [36, 40, true, 'small-complement'],
    [0, 40, false, null], // zeros shown by default
    [40, 40, false, null], // complement 0: shown by default
    [3, 3, true, 'small-count'], // a small denominator makes one side small
    [0, 3, true, 'small-complement'],
  ])('%i of %i → suppressed %s', (numerator, denominator, suppressed, rule) => {
    const d = decideProportion({ numerator, denominator }, T5);
    expect(d.suppressed).toBe(suppressed);
    if (d.suppressed) expect(d).toEqual({ suppressed: true, reason: 'primary', rule });
  });

  it('with suppressZero, 0% and 100% are suppressed too', () => {
    const o = { threshold: 5, suppressZero: true };
    expect(decideProportion({ numerator: 0, denominator: 40 }, o)).toMatchObject({ rule: 'zero-count' });
    expect(decideProportion({ numerator: 40, denominator: 40 }, o)).toMatchObject({ rule: 'zero-complement' });
  });

  it('source suppression of either count passes through; unavailable does not suppress', () => {
    expect(decideProportion({ numerator: null, denominator: 40, numeratorAbsence: 'suppressed' }, T5)).toMatchObject({ reason: 'source' });
    expect(decideProportion({ numerator: 12, denominator: null, denominatorAbsence: 'suppressed' }, T5)).toMatchObject({ reason: 'source' });
    expect(decideProportion({ numerator: null, denominator: 40, numeratorAbsence: 'not-available' }, T5)).toEqual(SHOWN);
  });

  it('rejects impossible proportions', () => {
    expect(() => decideProportion({ numerator: 5, denominator: 0 }, T5)).toThrow(StatsInputError);
    expect(() => decideProportion({ numerator: 41, denominator: 40 }, T5)).toThrow(StatsInputError);
  });

  it('agrees with the bare-number rule applied to numerator and complement, for every n ≤ d ≤ 60', () => {
    for (let d = 1; d <= 60; d++) {
      for (let n = 0; n <= d; n++) {
        const expected = isDisclosive(n, 5) || isDisclosive(d - n, 5);
        expect(decideProportion({ numerator: n, denominator: d }, T5).suppressed).toBe(expected);
      }
    }
  });
});

describe('derived figures', () => {
  const small = decideCount(3, T5);
  const fine = decideCount(30, T5);
  it('a rate, interval, change or share of a suppressed count is suppressed; of shown counts it is shown', () => {
    expect(decideDerived(small)).toEqual({ suppressed: true, reason: 'primary', rule: 'derived' });
    expect(decideDerived(fine, small)).toEqual({ suppressed: true, reason: 'primary', rule: 'derived' }); // change
    expect(decideDerived(fine, fine)).toEqual(SHOWN);
    expect(decideDerived()).toEqual(SHOWN);
  });
  it('a figure derived from a secondary suppression is suppressed too (a share of the hidden 8)', () => {
    const r = table([12, 3, 20, 8], 43);
    expect(decideDerived(r.parts[3]!, r.total)).toEqual({ suppressed: true, reason: 'secondary', rule: 'derived' });
    expect(decideDerived(r.parts[0]!, r.total)).toEqual(SHOWN);
  });
});

describe('suppressLinkedTable: hand-worked', () => {
  it('[12, 3, 20, 8] total 43: 3 primary, 8 secondary (the next smallest), so 3 is not 43 − 40', () => {
    const r = table([12, 3, 20, 8], 43);
    expect(reasons(r.parts)).toEqual({ b: 'primary', d: 'secondary' });
    expect(r.suppressedKeys).toEqual(['b', 'd']);
    expect(r.parts.map((p) => p.count)).toEqual([12, null, 20, null]);
    expect(r.parts[1]).toMatchObject({ absence: 'suppressed', rule: 'small-count' });
    expect(r.parts[3]).toMatchObject({ absence: 'suppressed', rule: 'linked-cell' });
    expect(r.total).toEqual({ key: 'total', count: 43, suppressed: false });
    // What a reader can work out: the two hidden add to 11; the 3 could be anything from 1 to 4.
  });

  it('[0, 7, 9] total 16: nothing to suppress', () => {
    const r = table([0, 7, 9], 16);
    expect(r.suppressedKeys).toEqual([]);
    expect(r.parts.map((p) => p.count)).toEqual([0, 7, 9]);
  });

  it('a part of exactly the threshold is shown', () => {
    expect(table([5, 9, 20], 34).suppressedKeys).toEqual([]);
  });

  it('[2, 2, 30] total 34: both 2s primary, but "they add to 4" is itself small, so 30 is suppressed too', () => {
    // Rule: the suppressed parts must add to at least the threshold. Suppressing the total instead would also work,
    // but the total is the headline figure, so parts are used first. Published: [c] [c] [c], total 34: each 2 could
    // be 1 to 4 and the 30 anything from 26 to 32.
    const r = table([2, 2, 30], 34);
    expect(reasons(r.parts)).toEqual({ a: 'primary', b: 'primary', c: 'secondary' });
    expect(r.total.count).toBe(34);
  });

  it('ties go to the earliest part', () => {
    expect(reasons(table([3, 9, 9, 9], 30).parts)).toEqual({ a: 'primary', b: 'secondary' });
  });

  it('zeros are not chosen as secondary: hiding a 0 adds nothing to the hidden sum', () => {
    expect(reasons(table([3, 0, 20], 23).parts)).toEqual({ a: 'primary', c: 'secondary' });
  });

  it('keeps adding until the hidden sum reaches the threshold', () => {
    expect(reasons(table([1, 1, 1, 1, 1, 40], 45).parts)).toEqual({ a: 'primary', b: 'primary', c: 'primary', d: 'primary', e: 'primary' });
    // 5 ones add to 5 ≥ 5: no secondary needed.
    expect(reasons(table([1, 1, 1, 40, 50], 93).parts)).toEqual({ a: 'primary', b: 'primary', c: 'primary', d: 'secondary' });
  });

  it('a small total is itself suppressed (primary); then there is nothing to subtract from', () => {
    const r = table([4, 0, 0], 4);
    expect(r.total).toMatchObject({ suppressed: true, reason: 'primary', count: null });
    expect(reasons(r.parts)).toEqual({ a: 'primary' });
  });

  it('with no part left to hide, the total is suppressed (secondary)', () => {
    // A single source-suppressed part among zeros: shown total minus zeros would give it back.
    const r = table([null, 0, 0], 12);
    expect(reasons(r.parts)).toEqual({ a: 'source' });
    expect(r.total).toMatchObject({ suppressed: true, reason: 'secondary' });
  });

  it('a part suppressed in the source is protected like a primary one', () => {
    const r = table([null, 10, 20], 40);
    expect(reasons(r.parts)).toEqual({ a: 'source', b: 'secondary' });
  });

  it('two source-suppressed parts whose sum is large need nothing more', () => {
    expect(reasons(table([null, null, 20], 40).parts)).toEqual({ a: 'source', b: 'source' });
  });

  it('no total shown: only primary suppression', () => {
    const r = table([3, 20], null);
    expect(reasons(r.parts)).toEqual({ a: 'primary' });
    expect(r.total).toEqual({ key: 'total', count: null, suppressed: false });
  });

  it('suppressZero: a zero is primary and needs protecting like any other', () => {
    const r = table([0, 7, 9], 16, 5, true);
    expect(reasons(r.parts)).toEqual({ a: 'primary', b: 'secondary' });
  });

  it('an unavailable part is not a suppression, but the hidden sum may not be small', () => {
    const parts: PartInput[] = [
      { key: 'a', count: null, absence: 'not-available' },
      { key: 'b', count: 10 },
    ];
    const big = suppressLinkedTable({ parts, total: 30, threshold: 5 });
    expect(big.suppressedKeys).toEqual([]);
    expect(big.parts[0]).toEqual({ key: 'a', count: null, suppressed: false, absence: 'not-available' });
    // total − 10 = 3 would be a small number worked out from the table.
    const smallHidden = suppressLinkedTable({ parts, total: 13, threshold: 5 });
    expect(smallHidden.suppressedKeys).toEqual(['b']);
  });

  it('rejects inconsistent or malformed tables', () => {
    expect(() => table([1, 2], 4)).toThrow(StatsInputError); // total is not the sum
    expect(() => table([null, 20], 10)).toThrow(StatsInputError); // total below the known parts
    expect(() => table([], 0)).toThrow(StatsInputError);
    expect(() => table([-1, 3], 2)).toThrow(StatsInputError);
    expect(() =>
      suppressLinkedTable({ parts: [{ key: 'a', count: 1 }, { key: 'a', count: 9 }], total: 10, threshold: 5 }),
    ).toThrow(StatsInputError);
  });
});

function series(counts: readonly (number | null)[], threshold = 5, suppressZero = false) {
  const periods = counts.map((count, i) => ({ key: `Q${i + 1}`, count, absence: count === null ? ('suppressed' as const) : undefined }));
  return suppressCumulativeSeries({ periods, threshold, suppressZero });
}

describe('suppressCumulativeSeries: periods and year to date', () => {
  it('[12, 3, 20, 8] with YTD [12, 15, 35, 43]: hiding Q4 would not do (Q2 = 15 − 12)', () => {
    const r = series([12, 3, 20, 8]);
    expect(reasons(r.periods)).toEqual({ Q2: 'primary', Q3: 'secondary' });
    expect(reasons(r.cumulative)).toEqual({ Q2: 'secondary' });
    expect(r.periods.map((p) => p.count)).toEqual([12, null, null, 8]);
    expect(r.cumulative.map((p) => p.count)).toEqual([12, null, 35, 43]);
    // A reader can work out Q2 + Q3 = 35 − 12 = 23, nothing finer.
  });

  it('a small last period: the series total is kept and the running total before it is suppressed', () => {
    const r = series([12, 20, 8, 3]);
    expect(reasons(r.periods)).toEqual({ Q3: 'secondary', Q4: 'primary' });
    expect(r.cumulative.map((p) => p.count)).toEqual([12, 32, null, 43]);
  });

  it('a small first period is also a small first running total', () => {
    const r = series([3, 12, 20, 8]);
    expect(reasons(r.periods)).toEqual({ Q1: 'primary', Q2: 'secondary' });
    expect(reasons(r.cumulative)).toEqual({ Q1: 'primary' });
    expect(r.cumulative.map((p) => p.count)).toEqual([null, 15, 35, 43]);
  });

  it('all periods small: only the running totals that are not small and cannot be split remain', () => {
    const r = series([2, 1, 3, 2]);
    expect(r.periods.every((p) => p.suppressed)).toBe(true);
    expect(r.cumulative.map((p) => p.count)).toEqual([null, null, null, 8]);
  });

  it('a period suppressed in the source: later running totals are unknown (source), nothing else is needed', () => {
    const r = series([10, null, 12]);
    expect(reasons(r.periods)).toEqual({ Q2: 'source' });
    expect(r.cumulative.map((c) => (c.suppressed ? `${c.reason}/${c.rule}` : c.count))).toEqual([10, 'source/derived', 'source/derived']);
  });

  it('a published year to date alongside a [c] month is used, and the month protected', () => {
    const r = suppressCumulativeSeries({
      threshold: 5,
      periods: [
        { key: 'Apr', count: 10 },
        { key: 'May', count: null, absence: 'suppressed', cumulative: 14 },
        { key: 'Jun', count: 12 },
      ],
    });
    expect(reasons(r.periods)).toEqual({ May: 'source', Jun: 'secondary' });
    expect(r.cumulative.map((c) => c.count)).toEqual([10, null, 26]);
  });

  it('a running total suppressed in the source is not given away by the shown total minus the next period', () => {
    // Two [c] months whose sum (33) is large satisfy the linked-group rule, but YTD-May = 40 − 7 would still be
    // recoverable, so June is hidden as well.
    const r = suppressCumulativeSeries({
      threshold: 5,
      periods: [
        { key: 'Apr', count: null, absence: 'suppressed', cumulative: null, cumulativeAbsence: 'suppressed' },
        { key: 'May', count: null, absence: 'suppressed', cumulative: null, cumulativeAbsence: 'suppressed' },
        { key: 'Jun', count: 7, cumulative: 40 },
      ],
    });
    expect(reasons(r.periods)).toEqual({ Apr: 'source', May: 'source', Jun: 'secondary' });
    expect(r.cumulative.map((c) => c.count)).toEqual([null, null, 40]);
  });

  it('…nor by the shown running total before it plus the shown periods between', () => {
    // YTD-Apr is [c] in the source, but it is April itself: April is hidden too.
    const r = suppressCumulativeSeries({
      threshold: 5,
      periods: [
        { key: 'Apr', count: 10, cumulative: null, cumulativeAbsence: 'suppressed' },
        { key: 'May', count: null, absence: 'suppressed' },
        { key: 'Jun', count: null, absence: 'suppressed', cumulative: 40 },
      ],
    });
    expect(reasons(r.periods)).toEqual({ Apr: 'secondary', May: 'source', Jun: 'source' });
    expect(reasons(r.cumulative)).toEqual({ Apr: 'source', May: 'source' });
  });

  it('no small counts: nothing suppressed', () => {
    const r = series([10, 0, 7, 30]);
    expect(r.suppressedKeys).toEqual([]);
    expect(r.suppressedCumulativeKeys).toEqual([]);
    expect(r.cumulative.map((c) => c.count)).toEqual([10, 10, 17, 47]);
  });

  it('rejects running totals that do not add up', () => {
    expect(() =>
      suppressCumulativeSeries({ threshold: 5, periods: [{ key: 'a', count: 10 }, { key: 'b', count: 5, cumulative: 12 }] }),
    ).toThrow(StatsInputError);
  });
});

describe('redact', () => {
  interface Figure {
    count: number | null;
    denominator: number;
    value: number;
    ci95: { lower: number; upper: number };
    label: string;
  }
  const fig: Figure = { count: 3, denominator: 40, value: 7.5, ci95: { lower: 2.6, upper: 19.9 }, label: 'FGM' };

  it('nulls the named fields, keeps the rest, and marks the copy', () => {
    const out = redact(fig, decideCount(3, T5), ['count', 'value', 'ci95']);
    expect(out).toEqual({ count: null, denominator: 40, value: null, ci95: null, label: 'FGM', suppressed: true, suppressionReason: 'primary' });
    expect(fig.count).toBe(3); // input unchanged
  });

  it('copies unchanged when the decision is to show', () => {
    const out = redact(fig, SHOWN, ['count', 'value', 'ci95']);
    expect(out).toEqual({ ...fig, suppressed: false, suppressionReason: null });
    expect(out).not.toBe(fig);
  });

  it('is typed: named fields become nullable, others keep their type', () => {
    const out = redact(fig, SHOWN, ['value', 'ci95']);
    expectTypeOf(out.value).toEqualTypeOf<number | null>();
    expectTypeOf(out.ci95).toEqualTypeOf<{ lower: number; upper: number } | null>();
    expectTypeOf(out.denominator).toEqualTypeOf<number>();
    expectTypeOf(out.suppressed).toEqualTypeOf<boolean>();
    // @ts-expect-error — an unknown field name is a type error
    redact(fig, SHOWN, ['nope']);
    // @ts-expect-error — at least one field must be named
    redact(fig, SHOWN, []);
  });

  it('overwrites an existing suppressed flag', () => {
    const out = redact({ count: 3, suppressed: false }, decideCount(3, T5), ['count']);
    expect(out).toEqual({ count: null, suppressed: true, suppressionReason: 'primary' });
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Properties, against an independent audit (a hidden sum is determined iff it does not raise the rank: test/rank.ts).

interface Audit {
  /** Whether the indicator vector over hidden parts is determined by the published equations. */
  determined(vector: number[]): boolean;
  hidden: number[];
}

function audit(partsShown: readonly boolean[], shownCumulativeAt: readonly number[]): Audit {
  const hidden = partsShown.flatMap((shown, i) => (shown ? [] : [i]));
  const eqs = shownCumulativeAt.map((k) => hidden.map((i) => (i < k ? 1 : 0)));
  const base = eqs.length && hidden.length ? rank(eqs) : 0;
  return {
    hidden,
    determined: (v) => (hidden.length === 0 ? true : rank([...eqs, v]) === base),
  };
}

const thresholdArb = fc.integer({ min: 1, max: 10 });
const countArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const tableArb = fc.record({
  counts: fc.array(countArb, { minLength: 1, maxLength: 9 }),
  showTotal: fc.boolean(),
  threshold: thresholdArb,
  suppressZero: fc.boolean(),
  extraInTotal: fc.integer({ min: 0, max: 15 }), // the value of the source-suppressed parts, as the total sees it
});

function buildTable(t: { counts: (number | null)[]; showTotal: boolean; threshold: number; suppressZero: boolean; extraInTotal: number }) {
  const known = t.counts.reduce<number>((s, c) => s + (c ?? 0), 0);
  const hasNull = t.counts.some((c) => c === null);
  const total = t.showTotal ? known + (hasNull ? t.extraInTotal : 0) : null;
  const parts: PartInput[] = t.counts.map((count, i) => ({ key: `k${i}`, count, absence: count === null ? 'suppressed' : undefined }));
  return { parts, total, threshold: t.threshold, suppressZero: t.suppressZero };
}

describe('suppressLinkedTable: properties', () => {
  it('(a) no shown part or total is small; (b) nothing hidden can be worked out as a small number', () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const input = buildTable(t);
        const r = suppressLinkedTable(input);
        const small = (x: number) => isDisclosive(x, t.threshold, t.suppressZero);
        for (const p of r.parts) if (p.count !== null) expect(small(p.count)).toBe(false);
        if (r.total.count !== null) expect(small(r.total.count)).toBe(false);
        // Every input-suppressed or small part is hidden.
        input.parts.forEach((p, i) => {
          if (p.count === null || small(p.count)) expect(r.parts[i]!.suppressed).toBe(true);
        });
        if (r.total.count !== null && r.parts.some((p) => p.suppressed)) {
          const hidden = r.parts.filter((p) => p.count === null);
          const hiddenSum = r.total.count - r.parts.reduce((s, p) => s + (p.count ?? 0), 0);
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(hiddenSum).toBeGreaterThanOrEqual(t.threshold);
          // Independent: no single hidden part is determined by the table.
          const a = audit(r.parts.map((p) => p.count !== null), [r.parts.length]);
          for (const h of a.hidden) expect(a.determined(a.hidden.map((i) => (i === h ? 1 : 0)))).toBe(false);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('nothing is suppressed without a small count or a source suppression', () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const input = buildTable(t);
        const r = suppressLinkedTable(input);
        const cause = input.parts.some((p) => p.count === null || isDisclosive(p.count, t.threshold, t.suppressZero)) ||
          (input.total !== null && isDisclosive(input.total, t.threshold, t.suppressZero));
        if (!cause) expect(r.suppressedKeys).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('(c) deterministic, and idempotent: the published table passed back suppresses the same cells', () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const input = buildTable(t);
        const r1 = suppressLinkedTable(input);
        expect(suppressLinkedTable(structuredClone(input))).toEqual(r1);
        const again = suppressLinkedTable({
          ...input,
          parts: r1.parts.map((p) => ({ key: p.key, count: p.count, absence: p.absence })),
          total: r1.total.count,
        });
        expect(again.suppressedKeys).toEqual(r1.suppressedKeys);
        expect(again.parts.map((p) => p.count)).toEqual(r1.parts.map((p) => p.count));
        expect(again.total.count).toBe(r1.total.count);
        expect(again.parts.every((p) => !p.suppressed || p.reason === 'source')).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

const seriesArb = fc.record({
  counts: fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 12 }) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 40 }) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    { minLength: 1, maxLength: 12 },
  ),
  threshold: thresholdArb,
  suppressZero: fc.boolean(),
});

describe('suppressCumulativeSeries: properties', () => {
  it('(a) nothing shown is small; (b) no hidden figure, and no sum of hidden periods, can be worked out as a small number', () => {
    fc.assert(
      fc.property(seriesArb, ({ counts, threshold, suppressZero }) => {
        const r = series(counts, threshold, suppressZero);
        const small = (x: number) => isDisclosive(x, threshold, suppressZero);
        for (const c of [...r.periods, ...r.cumulative]) if (c.count !== null) expect(small(c.count)).toBe(false);
        counts.forEach((c, i) => {
          if (c === null || small(c)) expect(r.periods[i]!.suppressed).toBe(true);
        });

        const shownAt = r.cumulative.flatMap((c, i) => (c.count !== null ? [i + 1] : []));
        const a = audit(r.periods.map((p) => p.count !== null), shownAt);
        const vec = (pred: (i: number) => boolean) => a.hidden.map((i) => (pred(i) ? 1 : 0));
        // No hidden period is determined.
        for (const h of a.hidden) expect(a.determined(vec((i) => i === h))).toBe(false);
        // No hidden running total is determined.
        r.cumulative.forEach((c, k) => {
          if (c.count === null) expect(a.determined(vec((i) => i <= k))).toBe(false);
        });
        // Every sum of hidden periods that is determined is not small (brute force over subsets; true values known
        // when the input had no nulls).
        if (counts.every((c) => c !== null) && a.hidden.length <= 10) {
          for (let mask = 1; mask < 1 << a.hidden.length; mask++) {
            const v = a.hidden.map((_, j) => ((mask >> j) & 1 ? 1 : 0));
            if (!a.determined(v)) continue;
            const sum = a.hidden.reduce((s, i, j) => s + (v[j] ? counts[i]! : 0), 0);
            expect(sum === 0 ? suppressZero : sum < threshold).toBe(false);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('(b) also when the input gives some running totals and withholds some periods and running totals', () => {
    const cellArb = fc.record({
      count: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 40 })),
      periodWithheld: fc.boolean(),
      cumulative: fc.constantFrom('computed', 'given', 'withheld'),
    });
    fc.assert(
      fc.property(fc.array(cellArb, { minLength: 1, maxLength: 10 }), thresholdArb, fc.boolean(), (cells, threshold, suppressZero) => {
        let running = 0;
        const truth = cells.map((c) => c.count);
        const periods = cells.map((c, i) => {
          running += c.count;
          return {
            key: `m${i}`,
            count: c.periodWithheld ? null : c.count,
            absence: c.periodWithheld ? ('suppressed' as const) : undefined,
            cumulative: c.cumulative === 'given' ? running : c.cumulative === 'withheld' ? null : undefined,
            cumulativeAbsence: c.cumulative === 'withheld' ? ('suppressed' as const) : undefined,
          };
        });
        const r = suppressCumulativeSeries({ periods, threshold, suppressZero });
        const small = (x: number) => isDisclosive(x, threshold, suppressZero);
        for (const c of [...r.periods, ...r.cumulative]) if (c.count !== null) expect(small(c.count)).toBe(false);
        const shownAt = r.cumulative.flatMap((c, i) => (c.count !== null ? [i + 1] : []));
        const a = audit(r.periods.map((p) => p.count !== null), shownAt);
        const vec = (pred: (i: number) => boolean) => a.hidden.map((i) => (pred(i) ? 1 : 0));
        for (const h of a.hidden) {
          if (r.periods[h]!.suppressed) expect(a.determined(vec((i) => i === h))).toBe(false);
        }
        r.cumulative.forEach((c, k) => {
          if (c.suppressed) expect(a.determined(vec((i) => i <= k))).toBe(false);
        });
        for (let mask = 1; mask < 1 << a.hidden.length; mask++) {
          const v = a.hidden.map((_, j) => ((mask >> j) & 1 ? 1 : 0));
          if (!a.determined(v)) continue;
          const sum = a.hidden.reduce((s, i, j) => s + (v[j] ? truth[i]! : 0), 0);
          const anySuppressed = a.hidden.some((i, j) => v[j] && r.periods[i]!.suppressed);
          if (anySuppressed) expect(sum === 0 ? suppressZero : sum < threshold).toBe(false);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('(c) deterministic, and idempotent with the published running totals passed back', () => {
    fc.assert(
      fc.property(seriesArb, ({ counts, threshold, suppressZero }) => {
        const r1 = series(counts, threshold, suppressZero);
        expect(series([...counts], threshold, suppressZero)).toEqual(r1);
        const again = suppressCumulativeSeries({
          threshold,
          suppressZero,
          periods: r1.periods.map((p, i) => ({
            key: p.key,
            count: p.count,
            absence: p.absence,
            cumulative: r1.cumulative[i]!.count,
            cumulativeAbsence: r1.cumulative[i]!.absence,
          })),
        });
        expect(again.suppressedKeys).toEqual(r1.suppressedKeys);
        expect(again.suppressedCumulativeKeys).toEqual(r1.suppressedCumulativeKeys);
        expect(again.cumulative.map((c) => c.count)).toEqual(r1.cumulative.map((c) => c.count));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
