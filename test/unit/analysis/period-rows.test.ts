/** The one rule for overlapping periods (src/analysis/period-rows.ts) and which document notes count as warnings. */
import { describe, expect, it } from 'vitest';
import { isWarningNote } from '../../../src/analysis/document-warnings.js';
import { chooseRows, monthRuns } from '../../../src/analysis/period-rows.js';
import { financialYear } from '../../../src/analysis/periods.js';
import type { MeasureRow } from '../../../src/model/data.js';

let line = 1;
const r = (periodStart: string, periodEnd: string, numerator: number): MeasureRow => ({
  indicator: 'reoffending.adult',
  areaCode: 'E07000066',
  areaName: 'Basildon',
  periodStart,
  periodEnd,
  numerator,
  denominator: 100,
  reoffences: null,
  source: { file: 'm.csv', line: ++line },
});
const Q = [r('2020-04-01', '2020-06-30', 1), r('2020-07-01', '2020-09-30', 2), r('2020-10-01', '2020-12-31', 3), r('2021-01-01', '2021-03-31', 4)];
const YEAR = r('2020-04-01', '2021-03-31', 9);
const H1 = r('2020-04-01', '2020-09-30', 5);
const FY = financialYear(2020);
const sum = (rows: MeasureRow[] | null) => rows?.reduce((a, x) => a + x.numerator!, 0) ?? null;

describe('chooseRows', () => {
  it('uses a row for exactly the period as published, whatever else covers the months', () => {
    const c = chooseRows([...Q, YEAR, H1], FY);
    expect(sum(c.rows)).toBe(9);
    expect(c.note).toBe('the 12-month row for 2020-04-01 to 2021-03-31 is used as published; the 5 shorter rows for the same months are not added to it');
  });

  it('adds up rows that tile the period without overlapping, with no note', () => {
    expect(chooseRows(Q, FY)).toEqual({ rows: Q, note: null, standalone: false });
    const mixed = [H1, Q[2]!, Q[3]!];
    expect(sum(chooseRows(mixed, FY).rows)).toBe(5 + 3 + 4);
  });

  it('never adds overlapping rows: the longest rows of one length that tile are used, and the note says so', () => {
    const c = chooseRows([...Q, H1], FY);
    expect(sum(c.rows)).toBe(1 + 2 + 3 + 4);
    expect(c.note).toBe('the 4 quarterly rows for 2020/21 are added up; 1 row of another length for the same months overlaps them and is not added');
  });

  it('gives no figure when overlapping rows leave no set that tiles, naming two of them', () => {
    const c = chooseRows([H1, Q[1]!, Q[2]!], FY);
    expect(c.rows).toBeNull();
    expect(c.note).toBe('the rows for 2020/21 overlap (2020-04-01 to 2020-09-30 and 2020-07-01 to 2020-09-30) and no set of them covers each month once: no figure');
  });

  it('gives no figure when months are not covered, naming them', () => {
    const c = chooseRows([Q[0]!, Q[2]!], FY);
    expect(c.rows).toBeNull();
    expect(c.note).toBe('the rows for 2020/21 cover April to June 2020, October to December 2020 only: no rows for July to September 2020, January to March 2021');
  });

  it('writes runs of months across a year end', () => {
    expect(monthRuns(['2020-11', '2020-12', '2021-01', '2021-03'])).toBe('November 2020 to January 2021, March 2021');
  });
});

describe('isWarningNote', () => {
  it('counts notes that say a figure is missing, approximate, from another year or left out', () => {
    for (const n of [
      'no police.uk data for 2016-07, 2016-08',
      'population for mid-2016 not yet published: mid-2015 used',
      'no population for E08099001 (all ages): no rate',
      'latest available: 2020/21; no figure for 2021/22: the rows for 2021/22 cover April to September 2021 only: no rows for October 2021 to March 2022',
      'a figure in the period is not published',
      'no data for hidden.fgm: left out of the candidates that name it',
      'scores.csv has scores for "violance", which is not a candidate in priorities.candidates: ignored',
    ]) {
      expect(isWarningNote(n), n).toBe(true);
    }
  });

  it('does not count notes that explain a method or a deliberate decision', () => {
    for (const n of [
      'compared with England and Wales as a rate per 1,000 residents',
      'compared with England and Wales over 2016/17, the latest financial year with a national figure',
      'series break: new recording rules; the change is not like for like',
      'suppressed: fewer than 5 — not shown to protect the people counted',
      'the 12-month row for 2020-04-01 to 2021-03-31 is used as published; the 4 shorter rows for the same months are not added to it',
      'revised figures (status r) used in place of the provisional or unmarked ones for the same period: a.csv line 2 replaces b.csv line 2',
      // The publication lag: the measures end before the year asked, the latest year is used and said to be.
      'latest available: 2015/16; no figure for 2016/17: the measures have no rows for 2016/17 yet; the latest ends on 2016-03-31',
      'the measures have no rows for 2016/17 year to date (April to June 2016) yet; the latest ends on 2015-09-30',
      'volume: counts are turned into rates with the resident population 261,377 (the denominator of the indicators published per 1,000 residents)',
    ]) {
      expect(isWarningNote(n), n).toBe(false);
    }
  });
});
