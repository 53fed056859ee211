import { describe, expect, it } from 'vitest';
import { COLUMNS, FORMAT_NAME, INDICATOR_RE, readMeasures } from '../../../../src/ingest/formats/measures.js';
import { fixture, inputError, oneProblem, tempDir } from './helpers.js';

const HEADER = 'indicator,area_code,area_name,period_start,period_end,numerator,denominator';
const GOOD = 'reoffending.adult,E08000031,Wolverhampton,2016-04-01,2017-03-31,1146,4012';
const write = tempDir();

describe('readMeasures: valid files', () => {
  it('reads the fixture (BOM, CRLF, thousands, markers, status, series breaks, £)', async () => {
    const { rows, summary } = await readMeasures(fixture('measures', 'measures.csv'), { displayPath: 'data/measures.csv' });
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual({
      indicator: 'reoffending.adult',
      areaCode: 'E08000031',
      areaName: 'Wolverhampton',
      periodStart: '2016-04-01',
      periodEnd: '2017-03-31',
      numerator: 1146,
      denominator: 4012,
      reoffences: 3987,
      source: { file: 'data/measures.csv', line: 2 },
    });
    expect(rows[1]).toMatchObject({ areaCode: 'K04000001', areaName: 'England and Wales', numerator: 142531, denominator: 505000, reoffences: 481522, revision: 'revised' });
    expect(rows[2]).toMatchObject({ indicator: 'fte.youth', numerator: null, numeratorAbsence: 'suppressed', denominator: 27960, reoffences: null, revision: 'provisional' });
    expect(rows[3]).toMatchObject({
      indicator: 'hidden.forced-marriage',
      numerator: 12,
      denominator: null,
      seriesBreak: 'Recording changed: referrals over £0 now counted',
      source: { line: 5 },
    });
    expect(rows[3]!.denominatorAbsence).toBeUndefined();
    expect(rows[3]!.revision).toBeUndefined();
    expect(rows[4]).toMatchObject({ indicator: 'recorded-crime.violence-and-sexual-offences', areaCode: 'E92000001', numerator: 1234567, denominator: 55619430, revision: 'provisional' });
    expect(rows[5]).toMatchObject({ areaName: 'Wolverhampton', numerator: null, numeratorAbsence: 'not-available', denominator: 812 });
    expect(summary).toEqual({
      file: 'data/measures.csv',
      kind: 'measures',
      rows: 6,
      areas: 3,
      firstPeriod: '2016-04-01',
      lastPeriod: '2018-03-31',
      note: '5 indicators: fte.youth, hidden.forced-marriage, recorded-crime.violence-and-sexual-offences, reoffending.adult, treatment.opiate-completions',
    });
  });

  it('allows numerator > denominator, a [p] flag on the numerator, and denominator 0 when there is no numerator', async () => {
    const path = write(
      'ok.csv',
      `${HEADER}\nreoffending.frequency,E08000031,Wolverhampton,2016-04-01,2017-03-31,812 [p],300\nfte.youth,E08000031,Wolverhampton,2016-04-01,2017-03-31,[z],0\n`,
    );
    const { rows } = await readMeasures(path);
    expect(rows[0]).toMatchObject({ numerator: 812, denominator: 300, revision: 'provisional', reoffences: null });
    expect(rows[1]).toMatchObject({ numerator: null, numeratorAbsence: 'not-applicable', denominator: 0 });
  });

  it('validates indicator ids with a regex', () => {
    for (const id of ['reoffending.adult', 'fte.youth', 'hidden.forced-marriage', 'recorded-crime.violence-and-sexual-offences', 'anti-social-behaviour']) {
      expect(INDICATOR_RE.test(id), id).toBe(true);
    }
    for (const id of ['Reoffending.adult', 'fte..youth', 'fte.', '.fte', 'hidden_fgm', 'fte youth', 'fte.-youth']) {
      expect(INDICATOR_RE.test(id), id).toBe(false);
    }
    expect(FORMAT_NAME).toBe('measures');
    expect(COLUMNS.filter((c) => c.required).map((c) => c.name)).toEqual(['indicator', 'area_code', 'area_name', 'period_start', 'period_end', 'numerator', 'denominator']);
  });
});

describe('readMeasures: broken files', () => {
  it('rejects a bad indicator id and says what was found', async () => {
    const path = write('ind.csv', `${HEADER}\n${GOOD}\nReoffending.Adult,E08000031,Wolverhampton,2017-04-01,2018-03-31,1,2\n`);
    const p = await oneProblem(readMeasures(path, { displayPath: 'ind.csv' }));
    expect(p).toEqual({
      message: 'the indicator id is not valid',
      file: 'ind.csv',
      line: 3,
      column: 1,
      columnName: 'indicator',
      expected: 'an indicator id: lower-case words joined by hyphens, parts separated by dots, e.g. reoffending.adult',
      found: '"Reoffending.Adult"',
      hint: 'did you mean "reoffending.adult"? ids use lower-case letters, digits, hyphens and dots only',
    });
  });

  it('rejects an area code that is not a GSS code', async () => {
    const path = write('area.csv', `${HEADER}\nfte.youth,E0800003,Wolverhampton,2016-04-01,2017-03-31,1,2\nfte.youth,e08000031,Wolverhampton,2016-04-01,2017-03-31,1,2\n`);
    const err = await inputError(readMeasures(path));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      [2, 2, 'area_code', '"E0800003"', 'the area code is not an ONS/GSS code'],
      [3, 2, 'area_code', '"e08000031"', 'the area code is not an ONS/GSS code'],
    ]);
    expect(err.problems[1]!.hint).toBe('area codes start with a capital letter: E08000031');
    expect(err.problems[0]!.expected).toBe('an ONS/GSS area code: a letter E, W, K, N or S then 8 digits, e.g. E08000031');
  });

  it('rejects dates that are not ISO calendar dates, with a hint to use ISO dates', async () => {
    const path = write(
      'dates.csv',
      `${HEADER}\nfte.youth,E08000031,Wolverhampton,2016-13-01,2017-03-31,1,2\nfte.youth,E08000031,Wolverhampton,01/04/2016,2017-02-30,1,2\n`,
    );
    const err = await inputError(readMeasures(path));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      [2, 4, 'period_start', '"2016-13-01"', 'the period start is not a real calendar date'],
      [3, 4, 'period_start', '"01/04/2016"', 'the period start is not an ISO date (YYYY-MM-DD)'],
      [3, 5, 'period_end', '"2017-02-30"', 'the period end is not a real calendar date'],
    ]);
    expect(err.problems[1]!.expected).toBe('an ISO date YYYY-MM-DD, e.g. 2016-04-01');
    expect(err.problems[1]!.hint).toBe('use ISO dates year-month-day: if this is day/month/year, write 2016-04-01');
  });

  it('rejects a period that ends before it starts', async () => {
    const path = write('order.csv', `${HEADER}\nfte.youth,E08000031,Wolverhampton,2017-03-31,2016-04-01,1,2\n`);
    const p = await oneProblem(readMeasures(path));
    expect(p).toMatchObject({ line: 2, column: 5, columnName: 'period_end', found: '"2016-04-01"', expected: 'a date on or after the period start 2017-03-31', message: 'the period ends before it starts' });
  });

  it('rejects a denominator of 0 for a row with a numerator', async () => {
    const path = write('zero.csv', `${HEADER}\nreoffending.youth,E08000031,Wolverhampton,2016-04-01,2017-03-31,0,0\nreoffending.youth,E08000031,Wolverhampton,2017-04-01,2018-03-31,[c],0\n`);
    const err = await inputError(readMeasures(path));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      [2, 7, 'denominator', '"0"', 'a denominator of 0 makes the rate undefined'],
      [3, 7, 'denominator', '"0"', 'a denominator of 0 makes the rate undefined'],
    ]);
  });

  it('rejects duplicate indicator/area/period rows, naming both lines', async () => {
    const path = write('dup.csv', `${HEADER}\n${GOOD}\nfte.youth,E08000031,Wolverhampton,2016-04-01,2017-03-31,3,4\n${GOOD.replace('1146', '1150')}\n`);
    const p = await oneProblem(readMeasures(path));
    expect(p).toMatchObject({
      message: 'duplicate row: lines 2 and 4 both give reoffending.adult for E08000031 from 2016-04-01 to 2017-03-31',
      line: 4,
      column: 1,
      columnName: 'indicator',
      found: 'the same indicator, area and period as line 2',
    });
  });

  it('rejects negative, fractional and textual counts and an unknown status', async () => {
    const path = write(
      'counts.csv',
      `${HEADER},reoffences,status\nfte.youth,E08000031,W,2016-04-01,2017-03-31,-4,100,,\nfte.youth,E08000031,W,2017-04-01,2018-03-31,4,100.5,,\nfte.youth,E08000031,W,2018-04-01,2019-03-31,4,100,lots,final\nfte.youth,E08000031,W,2019-04-01,2020-03-31,,100,,\n`,
    );
    const err = await inputError(readMeasures(path));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      [2, 6, 'numerator', '"-4"', 'the numerator cannot be negative'],
      [3, 7, 'denominator', '"100.5"', 'the denominator must be a whole number'],
      [4, 8, 'reoffences', '"lots"', 'the number of reoffences is not a number'],
      [4, 9, 'status', '"final"', 'the status is not p or r'],
      [5, 6, 'numerator', '""', 'the numerator is empty'],
    ]);
    expect(err.problems[3]!.expected).toBe('p (provisional), r (revised), [p], [r], or empty');
  });

  it('rejects a short row, a header-only file and a population file given as measures', async () => {
    const short = write('short.csv', `${HEADER}\nfte.youth,E08000031,W,2016-04-01\n`);
    expect(await oneProblem(readMeasures(short))).toMatchObject({ message: 'expected 7 fields, found 4', line: 2, column: 5, columnName: 'period_end' });

    const headerOnly = write('header.csv', `\uFEFF${HEADER}\r\n`);
    expect(await oneProblem(readMeasures(headerOnly))).toMatchObject({ message: 'no data rows: the file has a header but nothing below it', line: 1 });

    const wrong = write('pop.csv', 'area_code,area_name,year,age_band,population\nE08000031,Wolverhampton,2016,all,259930\n');
    const p = await oneProblem(readMeasures(wrong, { displayPath: 'pop.csv' }));
    expect(p).toMatchObject({
      message: 'the header does not match the measures format: missing columns "indicator", "period_start", "period_end", "numerator", "denominator"',
      file: 'pop.csv',
      line: 1,
      expected: 'indicator,area_code,area_name,period_start,period_end,numerator,denominator',
      found: '"area_code", "area_name", "year", "age_band", "population"',
    });
  });
});
