/**
 * Coverage, not presence (src/ingest/coverage.ts): which forces cover an area and which months are complete.
 * Expected values are worked out by hand from the tallies written here.
 */
import { describe, expect, it } from 'vitest';
import { computeCoverage, coveringForces } from '../../../src/ingest/coverage.js';
import { missingMonthsNote, monthRuns, type PoliceUkData } from '../../../src/model/data.js';

const months = (...ms: string[]) => new Set(ms);

describe('coveringForces', () => {
  it('takes every force but British Transport Police with at least 10% of the rows', () => {
    // 1,000 rows: Essex 880, BTP 100 (10%, but never covering), Suffolk 20 (2%).
    expect(coveringForces(new Map([['Essex Police', 880], ['British Transport Police', 100], ['Suffolk Constabulary', 20]]))).toEqual(['Essex Police']);
    // Two forces of 60% and 40% (an area across a force boundary): both.
    expect(coveringForces(new Map([['B Police', 40], ['A Police', 60]]))).toEqual(['A Police', 'B Police']);
    // Exactly 10% qualifies.
    expect(coveringForces(new Map([['A Police', 90], ['B Police', 10]]))).toEqual(['A Police', 'B Police']);
    expect(coveringForces(new Map([['British Transport Police', 5]]))).toEqual([]);
    expect(coveringForces(new Map())).toEqual([]);
  });
});

describe('computeCoverage', () => {
  const monthsByForce = new Map([
    ['Essex Police', months('2022-09', '2022-10', '2022-12')],
    ['British Transport Police', months('2022-09', '2022-10', '2022-11', '2022-12', '2023-01')],
  ]);
  const byMonth = new Map(['2022-09', '2022-10', '2022-11', '2022-12', '2023-01'].map((m) => [m, 1]));

  it('a month only BTP supplies is missing, with the force that lacks it', () => {
    const c = computeCoverage({ rowsByForce: new Map([['Essex Police', 500], ['British Transport Police', 9]]), monthsByForce, byMonth });
    expect(c).toEqual({
      forces: ['Essex Police'],
      forcesFrom: 'data',
      span: { start: '2022-09', end: '2023-01' },
      complete: ['2022-09', '2022-10', '2022-12'],
      missing: [
        { month: '2022-11', forces: ['Essex Police'] },
        { month: '2023-01', forces: ['Essex Police'] },
      ],
    });
  });

  it('forces named in the config replace the derived ones', () => {
    const c = computeCoverage({ rowsByForce: new Map([['Essex Police', 500]]), monthsByForce, byMonth }, ['British Transport Police']);
    expect(c.forcesFrom).toBe('config');
    expect(c.missing).toEqual([]);
    expect(c.complete).toHaveLength(5);
  });

  it('with no covering force (only BTP rows), a month with rows counts', () => {
    const c = computeCoverage({ rowsByForce: new Map([['British Transport Police', 3]]), monthsByForce, byMonth: new Map([['2022-10', 1]]) });
    expect(c.forcesFrom).toBe('none');
    expect(c.complete).toEqual(['2022-10']);
    expect(c.missing.map((g) => g.month)).toEqual(['2022-09', '2022-11', '2022-12', '2023-01']);
  });

  it('the note names the forces and writes runs of months', () => {
    const coverage = computeCoverage({ rowsByForce: new Map([['Essex Police', 500]]), monthsByForce, byMonth });
    const data = { coverage, monthsByForce, byMonth: new Map() } as unknown as PoliceUkData;
    expect(missingMonthsNote(data, ['2022-10', '2022-11'])).toBe('no police.uk data for Essex Police for 2022-11');
    expect(missingMonthsNote(data, ['2022-11', '2022-12', '2023-01', '2023-02'])).toBe('no police.uk data for Essex Police for 2022-11, 2023-01 to 2023-02');
    expect(missingMonthsNote(data, ['2022-12'])).toBeUndefined();
    expect(monthRuns(['2023-01', '2022-12', '2022-11', '2023-03'])).toBe('2022-11 to 2023-01, 2023-03');
  });
});
