import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPoliceUk } from '../../../src/ingest/formats/police-uk.js';
import { CRIME_TYPES } from '../../../src/model/data.js';
import { ExitCode } from '../../../src/model/errors.js';
import { rejection, REAL_DATA, tempDir, writeTree } from '../../helpers.js';

const ESSEX = join(REAL_DATA, '2022-12-essex-street-sample.csv');
const STOP_SEARCH = join(REAL_DATA, '2019-06-greater-manchester-stop-and-search.csv');
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

/** Sum of a month's counts by crime type name. */
function byType(counts: Uint32Array | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  CRIME_TYPES.forEach((t, i) => {
    if (counts && counts[i]! > 0) out[t] = counts[i]!;
  });
  return out;
}

describe('police.uk street-level reader on the real Essex sample', () => {
  // Expected values computed independently with Python's csv module (not swp):
  //   python3 -c "import csv,re,collections; rows=list(csv.DictReader(open('2022-12-essex-street-sample.csv',newline='')));
  //     bas=[r for r in rows if re.fullmatch(r'Basildon \d{3}[A-Z]', r['LSOA name'])];
  //     print(len(rows), sum(r['LSOA code']=='' for r in rows), len(bas), len({r['LSOA code'] for r in bas}),
  //           collections.Counter(r['Crime type'] for r in bas))"
  it('counts Basildon rows by crime type exactly as an independent count does', async () => {
    const { data, summaries } = await readPoliceUk([ESSEX], { area: { lsoaNamePrefix: 'Basildon' }, latestMonth: '2026-11' });
    expect(data.tally.rows).toBe(3285);
    expect(data.tally.noLocation).toBe(27);
    expect(data.tally.inArea).toBe(412);
    expect(data.tally.outOfArea).toBe(3285 - 27 - 412);
    expect(data.byLsoa.size).toBe(101);
    expect([...data.byMonth.keys()]).toEqual(['2022-12']);
    expect(byType(data.byMonth.get('2022-12'))).toEqual({
      'Anti-social behaviour': 27,
      'Bicycle theft': 3,
      Burglary: 17,
      'Criminal damage and arson': 21,
      Drugs: 11,
      'Other crime': 10,
      'Other theft': 40,
      'Possession of weapons': 4,
      'Public order': 32,
      Robbery: 2,
      Shoplifting: 26,
      'Theft from the person': 2,
      'Vehicle crime': 27,
      'Violence and sexual offences': 190,
    });
    expect(summaries).toEqual([
      { file: expect.stringContaining('2022-12-essex-street-sample.csv'), kind: 'police-uk-street', rows: 3285, firstPeriod: '2022-12', lastPeriod: '2022-12', areas: 101 },
    ]);
    expect([...data.monthsByForce.keys()]).toEqual(['Essex Police']);
  });

  it('does not match a name that only starts like the area (Castle Point is not Castle)', async () => {
    const { data } = await readPoliceUk([ESSEX], { area: { lsoaNamePrefix: 'Castle' }, latestMonth: '2026-11' });
    expect(data.tally.inArea).toBe(0);
  });

  it('filters by an LSOA code list when one is given', async () => {
    const { data } = await readPoliceUk([ESSEX], { area: { lsoaCodes: new Set(['E01021237', 'E01021238']) }, latestMonth: '2026-11' });
    // python3 -c "import csv; print(sum(r['LSOA code'] in ('E01021237','E01021238') for r in csv.DictReader(open(F,newline=''))))" → 2
    expect(data.tally.inArea).toBe(2);
    expect([...data.byLsoa.keys()].sort()).toEqual(['E01021237', 'E01021238']);
    expect(data.byLsoa.get('E01021237')?.name).toBe('Basildon 001A');
  });
});

describe('police.uk bulk-download tree', () => {
  it('reads several forces, passes over stop-and-search and outcomes files (both read apart, without a warning), and de-duplicates crime IDs', async () => {
    const dir = tempDir();
    const row = (id: string, month: string, force: string, lsoa: string, name: string, type: string) =>
      `${id},${month},${force},${force},0.1,51.5,"On or near A, B",${lsoa},${name},${type},Under investigation,`;
    writeTree(dir, {
      '2016-04/2016-04-midshire-street.csv': [HEADER, row('aa', '2016-04', 'Midshire Police', 'E01099001', 'Castlebridge 001A', 'Burglary'), row('', '2016-04', 'Midshire Police', 'E01099001', 'Castlebridge 001A', 'Anti-social behaviour'), row('bb', '2016-04', 'Midshire Police', 'E01099301', 'Hollinbury 001A', 'Robbery')].join('\r\n') + '\r\n',
      '2016-04/2016-04-westshire-street.csv': [HEADER, row('aa', '2016-04', 'Westshire Police', 'E01099001', 'Castlebridge 001A', 'Burglary'), row('cc', '2016-04', 'Westshire Police', 'E01099002', 'Castlebridge 001B', 'Drugs')].join('\n'),
      '2016-05/2016-05-midshire-street.csv': [HEADER, row('dd', '2016-05', 'Midshire Police', '', '', 'Drugs')].join('\n'),
      '2016-05/2016-05-midshire-outcomes.csv': 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\naa,2016-05,Midshire Police,Midshire Police,,,,,,Suspect charged\n',
    });
    mkdirSync(join(dir, '2016-06'));
    copyFileSync(STOP_SEARCH, join(dir, '2016-06/2016-06-midshire-stop-and-search.csv'));
    const warnings: string[] = [];
    const { data, summaries } = await readPoliceUk([dir, join(dir, '2016-04')], {
      area: { lsoaNamePrefix: 'Castlebridge' },
      latestMonth: '2026-11',
      displayBase: dir,
      onWarning: (w) => warnings.push(`${w.file ?? ''}: ${w.message}`),
    });
    expect(byType(data.byMonth.get('2016-04'))).toEqual({ Burglary: 1, 'Anti-social behaviour': 1, Drugs: 1 });
    expect(data.tally).toEqual({ rows: 6, inArea: 3, outOfArea: 1, noLocation: 1, duplicates: 1 });
    expect([...data.monthsByForce.get('Midshire Police')!].sort()).toEqual(['2016-04', '2016-05']);
    expect(summaries.map((s) => [s.file, s.kind, s.rows])).toEqual([
      ['2016-04/2016-04-midshire-street.csv', 'police-uk-street', 3],
      ['2016-04/2016-04-westshire-street.csv', 'police-uk-street', 2],
      ['2016-05/2016-05-midshire-outcomes.csv', 'police-uk-outcomes', 0],
      ['2016-05/2016-05-midshire-street.csv', 'police-uk-street', 1],
      ['2016-06/2016-06-midshire-stop-and-search.csv', 'police-uk-stop-search', 0],
    ]);
    expect(warnings).toEqual([
      ': 1 crime appeared in more than one file and was counted once',
    ]);
  });

  it('refuses two street files for the same force and month (ASB would be double counted)', async () => {
    const dir = tempDir();
    const body = `${HEADER}\n,2016-04,Midshire Police,Midshire Police,,,,E01099001,Castlebridge 001A,Anti-social behaviour,,\n`;
    writeTree(dir, { 'a/2016-04-midshire-street.csv': body, 'b/2016-04-midshire-street.csv': body });
    const err = await rejection(readPoliceUk([dir], { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2026-11', displayBase: dir }));
    expect(err.code).toBe(ExitCode.INPUT);
    expect(err.problems[0]).toMatchObject({ message: 'two street-level files hold Midshire Police for 2016-04', file: 'b/2016-04-midshire-street.csv', line: 2, found: 'also in a/2016-04-midshire-street.csv' });
  });
});

describe('police.uk row errors', () => {
  const bad = async (lines: string[]) => {
    const dir = tempDir();
    writeTree(dir, { 'x.csv': [HEADER, ...lines].join('\n') });
    return rejection(readPoliceUk([join(dir, 'x.csv')], { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2017-03', displayBase: dir }));
  };
  const ok = (month: string, type = 'Burglary', id = 'aa') => `${id},${month},F,F,,,,E01099001,Castlebridge 001A,${type},,`;

  it('reports a month out of range with line, column and a hint', async () => {
    const err = await bad([ok('2016-04'), ok('2016-13', 'Burglary', 'bb')]);
    expect(err.problems).toEqual([
      expect.objectContaining({ message: 'invalid month', file: 'x.csv', line: 3, column: 2, columnName: 'Month', expected: 'a month as YYYY-MM, e.g. 2016-04', found: '"2016-13"' }),
    ]);
  });

  it('reports months in another format and in the future', async () => {
    const err = await bad([ok('Dec-16'), ok('2016/12', 'Burglary', 'b'), ok('2017-04', 'Burglary', 'c')]);
    expect(err.problems.map((p) => [p.line, p.message, p.found])).toEqual([
      [2, 'invalid month', '"Dec-16"'],
      [3, 'invalid month', '"2016/12"'],
      [4, 'month is in the future', '"2017-04"'],
    ]);
  });

  it('reports an unknown crime type naming the valid ones', async () => {
    const err = await bad([ok('2016-04', 'Violent crime')]);
    expect(err.problems[0]).toMatchObject({ line: 2, column: 10, columnName: 'Crime type', message: 'unknown crime type', found: '"Violent crime"' });
    expect(err.problems[0]!.expected).toContain('Violence and sexual offences');
  });

  it('reports short rows and a crime without an ID, collecting all problems', async () => {
    const err = await bad(['aa,2016-04,F,F', ok('2016-04', 'Burglary', '')]);
    expect(err.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'expected 12 fields, found 4'],
      [3, 'a crime has no Crime ID'],
    ]);
  });

  it('rejects a header from another format, naming the missing columns', async () => {
    const dir = tempDir();
    writeTree(dir, { 'm.csv': 'indicator,area_code,area_name,period_start,period_end,numerator,denominator\nx,E08099001,C,2016-04-01,2016-06-30,1,2\n' });
    const err = await rejection(readPoliceUk([join(dir, 'm.csv')], { area: {}, displayBase: dir }));
    expect(err.code).toBe(ExitCode.INPUT);
    expect(err.problems[0]!.message).toMatch(/^the header does not match the police.uk street-level crime format: missing columns "Crime ID", "Month"/);
    expect(err.problems[0]!.line).toBe(1);
  });

  it('rejects a header-only file', async () => {
    const err = await bad([]);
    expect(err.problems[0]).toMatchObject({ message: 'the file has a header but no data rows', line: 1 });
  });
});
