import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLUMNS, FORMAT_NAME, ONS_WIDE_COLUMNS, normaliseAgeBand, readPopulation } from '../../../../src/ingest/formats/population.js';
import { fixture, inputError, oneProblem, tempDir } from './helpers.js';

const HEADER = 'area_code,area_name,year,age_band,population';
const write = tempDir();
const ONS = fixture('population', 'ons-snpp2018-la-population_EXCERPT.tsv');

describe('readPopulation: canonical layout', () => {
  it('reads the fixture: thousands separators, mid-YYYY years, age band spellings', async () => {
    const { rows, summary } = await readPopulation(fixture('population', 'population.csv'), { displayPath: 'population.csv' });
    expect(rows.map((r) => [r.areaCode, r.areaName, r.year, r.ageBand, r.population, r.source.line])).toEqual([
      ['E08000031', 'Wolverhampton', 2016, 'all', 259930, 2],
      ['E08000031', 'Wolverhampton', 2017, 'all', 261413, 3],
      ['E08000031', 'Wolverhampton', 2016, '10-17', 26521, 4],
      ['E08000031', 'Wolverhampton', 2017, '10-17', 26840, 5],
      ['K04000001', 'England and Wales', 2017, 'all', 58744595, 6],
      ['E06000047', 'County Durham', 2017, '90+', 4512, 7],
    ]);
    expect(rows[0]!.source.file).toBe('population.csv');
    expect(summary).toEqual({
      file: 'population.csv',
      kind: 'population',
      rows: 6,
      areas: 3,
      firstPeriod: '2016-06-30',
      lastPeriod: '2017-06-30',
      note: 'canonical layout',
    });
  });

  it('normalises age bands and keeps other bands as published', () => {
    expect(['All ages', 'all', 'All', ' ALL  AGES '].map(normaliseAgeBand)).toEqual(['all', 'all', 'all', 'all']);
    expect(['10 to 17', '10-17', '10 - 17', 'Aged 10 to 17'].map(normaliseAgeBand)).toEqual(['10-17', '10-17', '10-17', '10-17']);
    expect(['90+', '90 and over'].map(normaliseAgeBand)).toEqual(['90+', '90+']);
    expect(normaliseAgeBand('Working age')).toBe('Working age');
    expect(FORMAT_NAME).toBe('population');
    expect(COLUMNS.map((c) => c.name)).toEqual(['area_code', 'area_name', 'year', 'age_band', 'population']);
    expect(ONS_WIDE_COLUMNS.map((c) => c.aliases[0])).toEqual(['CODE', 'AREA', 'AGE GROUP']);
  });
});

describe('readPopulation: ONS wide layout (real sample)', () => {
  it('unpivots the real ONS excerpt: every cell checked against the file text', async () => {
    // Parse the file independently of the reader: tab-separated, "1,234" values, no quotes.
    const lines = readFileSync(ONS, 'utf8').split('\n').filter((l) => l !== '');
    const head = lines[0]!.split('\t');
    const years = head.slice(3).map(Number);
    const expected = lines.slice(1).flatMap((l, i) => {
      const f = l.split('\t');
      return years.map((year, j) => ({
        areaCode: f[0],
        areaName: f[1],
        year,
        ageBand: f[2] === 'All ages' ? 'all' : f[2],
        population: Number(f[3 + j]!.replace(/,/g, '')),
        source: { file: 'ons.tsv', line: i + 2 },
      }));
    });
    expect(lines).toHaveLength(12);
    expect(years).toHaveLength(26);
    expect(years[0]).toBe(2018);

    const { rows, summary } = await readPopulation(ONS, { displayPath: 'ons.tsv' });
    expect(rows).toHaveLength(11 * 26);
    expect(rows).toEqual(expected);
    expect(summary).toEqual({
      file: 'ons.tsv',
      kind: 'population',
      rows: 286,
      areas: new Set(lines.slice(1).map((l) => l.split('\t')[0])).size,
      firstPeriod: '2018-06-30',
      lastPeriod: '2043-06-30',
      note: 'ONS wide layout: 11 rows × 26 year columns unpivoted',
    });

    expect(summary.areas).toBe(6);
    const find = (code: string, band: string, year: number) => rows.find((r) => r.areaCode === code && r.ageBand === band && r.year === year);
    expect(find('E06000047', 'all', 2020)).toMatchObject({ areaName: 'County Durham', population: 531947, source: { line: 6 } });
    expect(find('E06000001', '90+', 2018)?.population).toBe(787);
    expect(find('E92000001', '10-14', 2043)?.population).toBe(3282891);
    expect(find('E92000001', 'all', 2018)?.population).toBe(55977178);
  });
});

describe('readPopulation: broken files', () => {
  it('rejects a population of 0, a suppression marker and a fraction', async () => {
    const path = write(
      'pop.csv',
      `${HEADER}\nE08000031,Wolverhampton,2016,all,0\nE08000031,Wolverhampton,2017,all,[c]\nE08000031,Wolverhampton,2018,all,"259,930.5"\nE08000031,Wolverhampton,2019,all,-5\n`,
    );
    const err = await inputError(readPopulation(path, { displayPath: 'pop.csv' }));
    expect(err.problems.map((p) => [p.file, p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      ['pop.csv', 2, 5, 'population', '"0"', 'the population is 0'],
      ['pop.csv', 3, 5, 'population', '"[c]"', 'the population is marked as not published'],
      ['pop.csv', 4, 5, 'population', '"259,930.5"', 'the population must be a whole number'],
      ['pop.csv', 5, 5, 'population', '"-5"', 'the population cannot be negative'],
    ]);
    expect(err.problems[0]!.expected).toBe('a whole number of people, more than 0 (e.g. 531947 or "531,947")');
  });

  it('rejects a year that is not a 4-digit year', async () => {
    const path = write('year.csv', `${HEADER}\nE08000031,Wolverhampton,2016/17,all,100\nE08000031,Wolverhampton,1850,all,100\n`);
    const err = await inputError(readPopulation(path));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      [2, 3, 'year', '"2016/17"', 'the year is not a 4-digit year'],
      [3, 3, 'year', '"1850"', 'the year is out of range (1900 to 2100)'],
    ]);
    expect(err.problems[0]!.expected).toBe('a year such as 2016 (or mid-2016): the mid-year (30 June) of the estimate');
  });

  it('rejects duplicate area/year/band rows, after normalising the band', async () => {
    const path = write('dup.csv', `${HEADER}\nE08000031,Wolverhampton,2016,All ages,100\nE08000031,Wolverhampton,2016,10-17,10\nE08000031,Wolverhampton,mid-2016,all,101\n`);
    const p = await oneProblem(readPopulation(path));
    expect(p).toMatchObject({
      message: 'duplicate row: lines 2 and 4 both give the 2016 population of E08000031, age band all',
      line: 4,
      column: 4,
      columnName: 'age_band',
      found: 'the same area, year and age band as line 2',
    });
  });

  it('rejects a bad area code and an empty age band', async () => {
    const path = write('area.csv', `${HEADER}\nWolverhampton,Wolverhampton,2016,all,100\nE08000031,Wolverhampton,2016, ,100\n`);
    const err = await inputError(readPopulation(path));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      [2, 1, 'area_code', '"Wolverhampton"', 'the area code is not an ONS/GSS code'],
      [3, 4, 'age_band', '" "', 'the age band is empty'],
    ]);
  });

  it('locates a bad value of the wide layout at its year column', async () => {
    const path = write('wide.tsv', 'CODE\tAREA\tAGE GROUP\t2018\t2019\nE06000047\tCounty Durham\tAll ages\t526,980\t1,23\nE06000005\tDarlington\tAll ages\t106,566\t[x]\n');
    const err = await inputError(readPopulation(path));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName, p.found, p.message])).toEqual([
      [2, 5, '2019', '"1,23"', 'the population is not a number'],
      [3, 5, '2019', '"[x]"', 'the population is marked as not published'],
    ]);
  });

  it('rejects a wide header without year columns, naming what is missing', async () => {
    const path = write('noyears.tsv', 'CODE\tAREA\tAGE GROUP\tNOTES\nE06000047\tCounty Durham\tAll ages\tx\n');
    const p = await oneProblem(readPopulation(path));
    expect(p).toMatchObject({
      message: 'the header does not match the population (ONS wide: CODE, AREA, AGE GROUP, then a column per year) format: missing column "a year column such as 2018"',
      line: 1,
      expected: 'CODE,AREA,AGE GROUP',
      found: '"CODE", "AREA", "AGE GROUP", "NOTES"',
    });
  });

  it('rejects a header-only file and a short row', async () => {
    const headerOnly = write('header.csv', `${HEADER}\n`);
    expect(await oneProblem(readPopulation(headerOnly))).toMatchObject({ message: 'no data rows: the file has a header but nothing below it', line: 1, file: headerOnly });
    const short = write('short.csv', `${HEADER}\nE08000031,Wolverhampton,2016,all\n`);
    expect(await oneProblem(readPopulation(short))).toMatchObject({ message: 'expected 5 fields, found 4', line: 2, column: 5, columnName: 'population' });
  });
});
