/**
 * Where crime happened (src/analysis/places.ts): LSOAs ranked by crimes in the year, anti-social behaviour left out,
 * concentration in the tenth with the most, small counts not shown. Expected values are worked out by hand from the
 * counts written below.
 */
import { describe, expect, it } from 'vitest';
import { computePlaces } from '../../../src/analysis/places.js';
import { monthsBetween } from '../../../src/analysis/periods.js';
import { ASB_INDEX, CRIME_TYPES, type PoliceUkData } from '../../../src/model/data.js';

const BURGLARY = CRIME_TYPES.indexOf('Burglary');
const DRUGS = CRIME_TYPES.indexOf('Drugs');

/**
 * A read covering `months`, with LSOAs whose crimes are put in two months of 2016/17 (half burglary in May 2016,
 * half drugs in February 2017, so that a sum over the wrong months or types is caught) and, for the year before, in
 * June 2015. Every LSOA also has 20 anti-social behaviour incidents in 2016/17, which must not count.
 */
function data(months: string[], lsoas: Array<{ code: string; year: number; before?: number }>): PoliceUkData {
  const n = CRIME_TYPES.length;
  const byLsoa = new Map<string, { name: string; counts: Uint32Array }>();
  const at = (m: string, t: number) => months.indexOf(m) * n + t;
  for (const l of lsoas) {
    const counts = new Uint32Array(months.length * n);
    const put = (m: string, t: number, v: number) => {
      if (months.includes(m)) counts[at(m, t)]! += v;
    };
    put('2016-05', BURGLARY, Math.floor(l.year / 2));
    put('2017-02', DRUGS, l.year - Math.floor(l.year / 2));
    put('2016-07', ASB_INDEX, 20);
    if (l.before !== undefined) put('2015-06', BURGLARY, l.before);
    byLsoa.set(l.code, { name: `Castlebridge ${l.code.slice(-4)}`, counts });
  }
  return {
    byMonth: new Map(months.map((m) => [m, new Uint32Array(n)])),
    lsoaMonths: months,
    byLsoa,
    monthsByForce: new Map(),
    rowsByForce: new Map(),
    coverage: { forces: [], forcesFrom: 'none', span: { start: months[0]!, end: months[months.length - 1]! }, complete: months, missing: [] },
    tally: { rows: 0, inArea: 0, outOfArea: 0, noLocation: 0, duplicates: 0 },
    files: [],
  };
}

const TWO_YEARS = monthsBetween('2015-04', '2017-03');

describe('computePlaces', () => {
  // 12 LSOAs, 200 crimes in 2016/17.
  const lsoas = [
    { code: 'E0100000A', year: 50, before: 45 },
    { code: 'E0100000B', year: 40, before: 2 },
    { code: 'E0100000C', year: 30, before: 0 },
    { code: 'E0100000D', year: 20, before: 10 },
    { code: 'E0100000E', year: 10, before: 10 },
    { code: 'E0100000F', year: 9, before: 10 },
    { code: 'E0100000G', year: 8, before: 10 },
    { code: 'E0100000H', year: 7, before: 10 },
    { code: 'E0100000I', year: 3, before: 10 },
    { code: 'E0100000J', year: 0, before: 10 },
    { code: 'E0100000K', year: 0 },
    { code: 'E0100000L', year: 23, before: 10 },
  ];

  it('ranks LSOAs by crimes in the year, leaving out anti-social behaviour and other years', () => {
    const p = computePlaces(data(TWO_YEARS, lsoas), 2016, 5)!;
    expect(p.total).toBe(200);
    expect(p.lsoas).toBe(12);
    expect(p.top.map((t) => t.code.slice(-1))).toEqual(['A', 'B', 'C', 'L', 'D', 'E', 'F', 'G', 'H', 'I']);
    expect(p.top[0]).toEqual({ code: 'E0100000A', name: 'Castlebridge 000A', count: 50, share: 0.25, previousCount: 45, suppressed: false, previousSuppressed: false });
    expect(p.top[3]!.share).toBeCloseTo(23 / 200, 12);
  });

  it('measures concentration over every LSOA in the data: the tenth with the most crime (2 of 12) had 90 of 200', () => {
    const p = computePlaces(data(TWO_YEARS, lsoas), 2016, 5)!;
    expect(p.topTenthLsoas).toBe(2);
    expect(p.topTenthShare).toBeCloseTo(0.45, 12);
  });

  it('does not show counts from 1 to threshold − 1, this year or the year before; zero is shown', () => {
    const p = computePlaces(data(TWO_YEARS, lsoas), 2016, 5)!;
    const byCode = new Map(p.top.map((t) => [t.code.slice(-1), t]));
    expect(byCode.get('I')).toMatchObject({ count: null, share: null, suppressed: true, previousCount: 10 });
    expect(byCode.get('B')).toMatchObject({ count: 40, previousCount: null, previousSuppressed: true });
    expect(byCode.get('C')).toMatchObject({ count: 30, previousCount: 0, previousSuppressed: false });
    // With a threshold of 3, a count of 3 is shown.
    expect(computePlaces(data(TWO_YEARS, lsoas), 2016, 3)!.top.find((t) => t.code.endsWith('I'))).toMatchObject({ count: 3, suppressed: false });
  });

  it('lists at most the number asked for, and no LSOA without crime', () => {
    expect(computePlaces(data(TWO_YEARS, lsoas), 2016, 5, 3)!.top.map((t) => t.code.slice(-1))).toEqual(['A', 'B', 'C']);
    expect(computePlaces(data(TWO_YEARS, lsoas), 2016, 5, 20)!.top).toHaveLength(10);
  });

  it('orders ties by LSOA code, whatever the order of the data', () => {
    const tied = [{ code: 'E0100000Z', year: 12 }, { code: 'E0100000M', year: 12 }, { code: 'E0100000Q', year: 12 }];
    expect(computePlaces(data(TWO_YEARS, tied), 2016, 5)!.top.map((t) => t.code)).toEqual(['E0100000M', 'E0100000Q', 'E0100000Z']);
  });

  it('gives no year before when the data do not cover it, and nothing when they do not cover the year', () => {
    const oneYear = monthsBetween('2016-04', '2017-03');
    const p = computePlaces(data(oneYear, lsoas), 2016, 5)!;
    expect(p.top.every((t) => t.previousCount === null && !t.previousSuppressed)).toBe(true);
    expect(computePlaces(data(monthsBetween('2016-04', '2017-02'), lsoas), 2016, 5)).toBeUndefined();
    expect(computePlaces(data(TWO_YEARS, [{ code: 'E0100000K', year: 0 }]), 2016, 5)).toBeUndefined();
  });
});
