import { describe, expect, it } from 'vitest';
import { outcomeRows, outcomesInfoOf, protectGrid } from '../../../src/analysis/outcomes.js';
import type { OutcomeCategory } from '../../../src/ingest/formats/police-uk-outcomes.js';
import type { OutcomeCrime, OutcomesInput } from '../../../src/ingest/outcomes.js';
import { CRIME_TYPES } from '../../../src/model/data.js';

const BURGLARY = CRIME_TYPES.indexOf('Burglary');
const ROBBERY = CRIME_TYPES.indexOf('Robbery');
const YEAR = { start: '2016-04', end: '2017-03', label: '2016/17' };

/** `n` crimes of a type and category, in the area or not, in a month. */
const crimes = (n: number, type: number, category: OutcomeCategory | null, inArea: boolean, month = '2016-06'): OutcomeCrime[] => Array.from({ length: n }, () => ({ month, type, inArea, category }));
const input = (list: OutcomeCrime[]): OutcomesInput => ({ forces: ['Midshire Police'], months: [], crimes: list, streetFiles: [], outcomesFiles: ['x'], latestOutcomesMonth: '2017-03', unknown: [] });

describe('outcome shares and intervals', () => {
  it("gives Wilson score intervals equal to Newcombe's published example (81 of 263: 0.2553 to 0.3662)", () => {
    // Newcombe RG (1998) Stat Med 17:857-872, Table I, method 3 (score interval without continuity correction).
    const rows = outcomeRows(input([...crimes(81, BURGLARY, 'charged', true), ...crimes(182, BURGLARY, 'noSuspect', true)]), YEAR, 5);
    const burglary = rows.find((r) => r.crimeType === 'Burglary')!;
    expect(burglary.total).toBe(263);
    expect(burglary.charged.count).toBe(81);
    expect(burglary.charged.share).toBeCloseTo((81 / 263) * 100, 10);
    expect(burglary.charged.ci95![0]).toBeCloseTo(25.53, 2);
    expect(burglary.charged.ci95![1]).toBeCloseTo(36.62, 2);
    expect(rows[0]!.crimeType).toBe('All crime');
    expect(rows[0]!.total).toBe(263);
  });

  it("compares the partnership's charge share with the rest of the force as scipy's chi-squared test does", () => {
    // Partnership 150 of 1,000 charged, rest of the force 120 of 1,000. Reference (python3, scipy 1.17):
    //   p = (120+150)/2000; s = (0.15-0.12)**2 / (p*(1-p)*(2/1000)); chi2.sf(s, 1) → s = 3.8535645472, p = 0.0496403869
    const list = [...crimes(150, ROBBERY, 'charged', true), ...crimes(850, ROBBERY, 'other', true), ...crimes(120, ROBBERY, 'charged', false), ...crimes(880, ROBBERY, 'other', false)];
    const robbery = outcomeRows(input(list), YEAR, 5).find((r) => r.crimeType === 'Robbery')!;
    expect(robbery.comparison!.pValue).toBeCloseTo(0.049640386865368834, 9);
    expect(robbery.comparison!.difference).toBeCloseTo(3, 10);
    expect(robbery.comparison!.restOfForceShare).toBeCloseTo(12, 10);
    expect(robbery.comparison!.result).toBe('higher');
    expect(robbery.force.total).toBe(2000);
    expect(robbery.force.charged.share).toBeCloseTo(13.5, 10);
  });

  it('withholds small counts and what would give them back, and compares nothing then', () => {
    const list = [...crimes(3, BURGLARY, 'charged', true), ...crimes(40, BURGLARY, 'noSuspect', true), ...crimes(20, BURGLARY, 'open', true), ...crimes(30, ROBBERY, 'charged', true), ...crimes(25, ROBBERY, 'other', true)];
    const rows = outcomeRows(input(list), YEAR, 5);
    const burglary = rows.find((r) => r.crimeType === 'Burglary')!;
    expect(burglary.charged).toEqual({ count: null, share: null, ci95: null });
    expect(burglary.comparison).toBeNull();
    // No withheld count can be worked out from its row or its column (the shown cells and the totals).
    const cats = ['charged', 'noSuspect', 'outOfCourt', 'open', 'other'] as const;
    for (const r of rows) {
      const hidden = cats.filter((c) => r[c].count === null);
      if (r.total !== null) expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
    }
    for (const c of cats) {
      const hidden = rows.slice(1).filter((r) => r[c].count === null);
      if (rows[0]![c].count !== null) expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
    }
  });
});

describe('the grid rule', () => {
  it('on random tables: no shown count of 1-4, and in every line with a withheld cell, at least two withheld cells adding to 5 or more', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 200; trial++) {
      const body = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => {
        const cells = Array.from({ length: 5 }, () => (rand() < 0.3 ? Math.floor(rand() * 6) : Math.floor(rand() * 60)));
        return [...cells, cells.reduce((a, b) => a + b, 0)];
      });
      const top = body[0]!.map((_, c) => body.reduce((s, r) => s + r[c]!, 0));
      const grid = [top, ...body];
      const shown = protectGrid(grid, 5);
      for (let r = 0; r < grid.length; r++)
        for (let c = 0; c < 6; c++) {
          const v = shown[r]![c]!;
          if (v !== null) expect(v === 0 || v >= 5).toBe(true);
        }
      // Rows against their totals, columns against the top row.
      const check = (cells: Array<[number, number]>, total: [number, number]) => {
        if (shown[total[0]]![total[1]] === null) return;
        const hidden = cells.filter(([r, c]) => shown[r]![c] === null);
        if (hidden.length === 0) return;
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(hidden.reduce((s, [r, c]) => s + grid[r]![c]!, 0)).toBeGreaterThanOrEqual(5);
      };
      for (let r = 0; r < grid.length; r++) check([0, 1, 2, 3, 4].map((c) => [r, c] as [number, number]), [r, 5]);
      for (let c = 0; c < 6; c++) check(body.map((_, k) => [k + 1, c] as [number, number]), [0, c]);
    }
  });
});

describe('the settling note', () => {
  it('counts the partnership crimes of the last three months still under investigation', () => {
    const list = [...crimes(30, BURGLARY, 'open', true, '2017-02'), ...crimes(70, BURGLARY, 'noSuspect', true, '2017-01'), ...crimes(50, BURGLARY, 'open', true, '2016-12'), ...crimes(9, BURGLARY, 'open', false, '2017-03')];
    const info = outcomesInfoOf(input(list), YEAR, 5);
    expect(info.recent.period).toEqual({ start: '2017-01-01', end: '2017-03-31', label: 'January 2017 to March 2017' });
    expect(info.recent.total).toBe(100);
    expect(info.recent.open.count).toBe(30);
    expect(info.recent.open.share).toBeCloseTo(30, 10);
  });
});
