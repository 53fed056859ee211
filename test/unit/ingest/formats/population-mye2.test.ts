/**
 * ONS MYE2 population tables read as published (test/fixtures/ingest/population-mye2/SOURCES.md). The fixtures give
 * single year of age x in area number a the figure factor·(1000 + 10·a + x) (factor 1 persons, 2 males, 3 females).
 */
import { describe, expect, it } from 'vitest';
import { readPopulation } from '../../../../src/ingest/formats/population.js';
import { readPopulationTable } from '../../../../src/ingest/formats/population-workbook.js';
import { fixture, inputError, tempDir } from './helpers.js';

const WORKBOOK = fixture('population-mye2', 'ukpopestimatesmid2020on2021geography-sample.xlsx');
const CSV = fixture('population-mye2', 'mye2-persons-2019-sample.csv');
const write = tempDir();

/** All ages (0 to 90+) and ages 10 to 17 of area number a, by hand. */
function expected(a: number): { all: number; youth: number } {
  let all = 0;
  let youth = 0;
  for (let x = 0; x <= 90; x++) {
    const v = 1000 + 10 * a + x;
    all += v;
    if (x >= 10 && x <= 17) youth += v;
  }
  return { all, youth };
}

describe('ONS MYE2 population', () => {
  it('reads the "MYE2 - Persons" sheet of the workbook (mid-year from its title), skipping the sex sheets', async () => {
    const { rows, summary } = await readPopulationTable(WORKBOOK, { displayPath: 'population/ons.xlsx' });
    expect(rows).toHaveLength(6);
    const castlebridge = rows.filter((r) => r.areaCode === 'E08099001');
    expect(castlebridge.map((r) => [r.year, r.ageBand, r.population])).toEqual([
      [2020, 'all', expected(1).all],
      [2020, '10-17', expected(1).youth],
    ]);
    // Header on row 8 of the sheet: England is row 9.
    expect(rows[0]).toMatchObject({ areaCode: 'E92000001', areaName: 'ENGLAND', source: { file: 'population/ons.xlsx [sheet MYE2 - Persons]', line: 9 } });
    expect(summary.note).toContain('1 sheet read (MYE2 - Persons)');
    expect(summary.note).toContain('skipped: Contents, MYE2 - Males, MYE2 - Females');
    expect(summary).toMatchObject({ rows: 6, areas: 3, firstPeriod: '2020-06-30', lastPeriod: '2020-06-30' });
  });

  it('reads the sheet saved as CSV, 2019 layout ("Geography1", header on line 5)', async () => {
    const { rows, summary } = await readPopulation(CSV, { displayPath: 'mye2.csv' });
    expect(rows.find((r) => r.areaCode === 'E06000053' && r.ageBand === '10-17')).toMatchObject({ year: 2019, population: expected(2).youth, source: { line: 8 } });
    expect(summary.note).toContain('ONS MYE2');
  });

  it('takes the mid-year from the file name when the titles were not kept', async () => {
    const text = (await import('node:fs')).readFileSync(CSV, 'utf8').split('\r\n').slice(4).join('\r\n');
    const { rows } = await readPopulation(write('mye2-mid2018.csv', text));
    expect(new Set(rows.map((r) => r.year))).toEqual(new Set([2018]));
    const err = await inputError(readPopulation(write('mye2.csv', text), { displayPath: 'mye2.csv' }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: 'mye2.csv', line: 2, columnName: 'All ages' });
    expect(err.problems[0]!.message).toContain('mid-year');
  });
});
