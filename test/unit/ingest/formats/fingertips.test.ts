/** OHID Fingertips exports read as measures by their header (test/fixtures/ingest/fingertips/SOURCES.md). */
import { describe, expect, it } from 'vitest';
import { fingertipsIndicator, fingertipsPeriod } from '../../../../src/ingest/formats/fingertips.js';
import { readMeasures } from '../../../../src/ingest/formats/measures.js';
import { fixture, inputError, tempDir } from './helpers.js';

const SAMPLE = fixture('fingertips', 'fingertips-export-sample.csv');
const write = tempDir();

describe('fingertipsPeriod', () => {
  it('maps the Fingertips period spellings to first and last days', () => {
    expect(fingertipsPeriod('2020')).toEqual({ start: '2020-01-01', end: '2020-12-31' });
    expect(fingertipsPeriod('2019/20')).toEqual({ start: '2019-04-01', end: '2020-03-31' });
    expect(fingertipsPeriod('2018 - 20')).toEqual({ start: '2018-01-01', end: '2020-12-31' });
    expect(fingertipsPeriod('2098 - 01')).toEqual({ start: '2098-01-01', end: '2101-12-31' });
    expect(fingertipsPeriod('2018/19 - 20/21')).toEqual({ start: '2018-04-01', end: '2021-03-31' });
    expect(fingertipsPeriod('2019/20 Q3')).toEqual({ start: '2019-10-01', end: '2019-12-31' });
    expect(fingertipsPeriod('2019/20 Q4')).toEqual({ start: '2020-01-01', end: '2020-03-31' });
    expect(fingertipsPeriod('2019/21')).toBeUndefined();
    expect(fingertipsPeriod('March 2020')).toBeUndefined();
  });

  it('names known indicators by the measures ids and others fingertips.<id>', () => {
    expect(fingertipsIndicator('10401')).toBe('fte.youth');
    expect(fingertipsIndicator('11201')).toBe('violence.hospital-admissions');
    expect(fingertipsIndicator('12345')).toBe('fingertips.12345');
  });
});

describe('readMeasures on a Fingertips export', () => {
  it('reads area and England rows, skips breakdowns and repeats, and keeps unpublished figures as absent', async () => {
    const { rows, summary } = await readMeasures(SAMPLE, { displayPath: 'measures/ft.csv' });
    // 11 data rows: 2 breakdowns (Male, a deprivation decile) skipped, 1 repeat under a second area type dropped.
    expect(rows).toHaveLength(8);
    const england = rows.find((r) => r.indicator === 'violence.hospital-admissions' && r.areaCode === 'E92000001');
    expect(england).toMatchObject({ areaName: 'England', periodStart: '2018-04-01', periodEnd: '2021-03-31', numerator: 69765, denominator: 167701523, source: { line: 2 } });
    // The published (age-standardised) value is kept beside the count; this sample's limits are blank.
    expect(england!.published).toEqual({ value: 41.6, lower: null, upper: null });
    const ours = rows.filter((r) => r.indicator === 'violence.hospital-admissions' && r.areaCode === 'E08099001');
    expect(ours.map((r) => [r.periodStart, r.numerator, r.numeratorAbsence])).toEqual([
      ['2018-04-01', 428, undefined],
      // Blank value with "Value suppressed for disclosure control": not published, never 0.
      ['2017-04-01', null, 'suppressed'],
    ]);
    // A blank count without a note: not available.
    expect(rows.find((r) => r.indicator === 'fte.youth' && r.periodStart === '2020-01-01')).toMatchObject({ numerator: null, numeratorAbsence: 'not-available', denominator: 29100 });
    expect(rows.find((r) => r.indicator === 'fte.youth' && r.areaCode === 'E08099001' && r.periodStart === '2019-01-01')).toMatchObject({ numerator: 57, denominator: 28800, periodEnd: '2019-12-31' });
    expect(rows.find((r) => r.indicator === 'fingertips.12345')).toMatchObject({ areaName: 'Bristol, City of', periodStart: '2018-01-01', periodEnd: '2020-12-31' });
    expect(summary.note).toContain('OHID Fingertips export');
    expect(summary.note).toContain('2 rows of breakdowns');
    expect(summary.note).toContain('1 row repeating');
  });

  it('locates a period it cannot read and a count that is not a whole number', async () => {
    const [header, first] = (await import('node:fs')).readFileSync(SAMPLE, 'utf8').split('\r\n');
    const cells = first!.split(',');
    cells[11] = 'Mar 2020';
    cells[17] = '12.5';
    const err = await inputError(readMeasures(write('bad.csv', `${header}\r\n${cells.join(',')}\r\n`), { displayPath: 'bad.csv' }));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName])).toEqual([
      [2, 12, 'Time period'],
      [2, 18, 'Count'],
    ]);
  });
});
