import { describe, expect, it } from 'vitest';
import { COLUMNS, FORMAT_NAME, parseFinancialYear, readHomeOfficeCsp } from '../../../../src/ingest/formats/home-office-csp.js';
import type { Warning } from '../../../../src/model/errors.js';
import { fixture, inputError, oneProblem, tempDir } from './helpers.js';

const HEADER = 'Financial Year,Financial Quarter,Force Name,CSP Name,Offence Description,Offence Group,Offence Subgroup,Offence Code,Number of Offences';
const GOOD = '2016/17,1,West Midlands,Castlebridge,Burglary - residential,Theft offences,Domestic burglary,28E,412';
const write = tempDir();

describe('readHomeOfficeCsp: valid files', () => {
  it('reads a quarterly table with BOM, CRLF, title rows, FY spellings, thousands and markers', async () => {
    const warnings: Warning[] = [];
    const { rows, summary } = await readHomeOfficeCsp(fixture('home-office-csp', 'csp-quarterly.csv'), {
      displayPath: 'crime/csp-quarterly.csv',
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toEqual([]);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      financialYear: '2016/17',
      quarter: 1,
      forceName: 'West Midlands',
      cspName: 'Castlebridge',
      offenceDescription: 'Burglary - residential',
      offenceGroup: 'Theft offences',
      offenceSubgroup: 'Domestic burglary',
      offenceCode: '28E',
      count: 412,
      source: { file: 'crime/csp-quarterly.csv', line: 4 },
    });
    // "2016-17" normalised; "1,234" (quoted) read with its thousands separator.
    expect(rows[1]).toMatchObject({ financialYear: '2016/17', quarter: 2, count: 1234, source: { line: 5 } });
    expect(rows[1]!.absence).toBeUndefined();
    // "FY2016/17", "Q3", padded CSP name, [c] → null + suppressed.
    expect(rows[2]).toMatchObject({ financialYear: '2016/17', quarter: 3, cspName: 'Castlebridge North', count: null, absence: 'suppressed' });
    // Inner whitespace collapsed; * → suppressed (never 0).
    expect(rows[3]).toMatchObject({ offenceGroup: 'Criminal damage and arson', offenceCode: '56', count: null, absence: 'suppressed' });
    expect(rows[4]).toMatchObject({ financialYear: '2017/18', quarter: 1, offenceDescription: 'Stalking', count: null, absence: 'not-available', source: { line: 8 } });
    expect(summary).toEqual({
      file: 'crime/csp-quarterly.csv',
      kind: 'home-office-csp',
      rows: 5,
      areas: 2,
      firstPeriod: '2016-04',
      lastPeriod: '2017-06',
      note: 'count column "Number of Offences"; quarterly figures',
    });
  });

  it('reads an annual Windows-1252 table with the "Offence Count" alias and a £ in a text field', async () => {
    const warnings: Warning[] = [];
    const path = fixture('home-office-csp', 'csp-annual-offence-count.csv');
    const { rows, summary } = await readHomeOfficeCsp(path, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/Windows-1252/);
    expect(warnings[0]!.file).toBe(path);
    expect(rows.map((r) => [r.financialYear, r.quarter, r.offenceDescription, r.count])).toEqual([
      ['2019/20', null, 'Shoplifting (goods worth £200 or less)', 2071],
      ['2019/20', null, 'Criminal damage to a dwelling', 0],
      ['2020/21', null, 'Shoplifting (goods worth £200 or less)', 1502],
    ]);
    expect(rows[1]!.absence).toBeUndefined();
    expect(summary).toMatchObject({ rows: 3, areas: 1, firstPeriod: '2019-04', lastPeriod: '2021-03', note: 'count column "Offence Count"; annual figures' });

    const declared: Warning[] = [];
    const again = await readHomeOfficeCsp(path, { encoding: 'windows-1252', onWarning: (w) => declared.push(w) });
    expect(declared).toEqual([]);
    expect(again.rows[2]!.offenceDescription).toBe('Shoplifting (goods worth £200 or less)');
  });

  it('maps a renamed column with `columns:` and accepts a header without Financial Quarter', async () => {
    const path = write('renamed.csv', 'Financial Year,Force Name,CSP Name,Offence Description,Offence Group,Offence Subgroup,Offence Code,Crimes recorded\n2018/2019,Kent,Dover,Robbery of personal property,Robbery,Robbery of personal property,34B,17\n');
    const { rows } = await readHomeOfficeCsp(path, { columns: { count: 'Crimes recorded' } });
    expect(rows).toEqual([
      expect.objectContaining({ financialYear: '2018/19', quarter: null, forceName: 'Kent', cspName: 'Dover', count: 17, source: { file: path, line: 2 } }),
    ]);
  });

  it('warns when annual and quarterly rows are mixed', async () => {
    const warnings: Warning[] = [];
    const path = write('mixed.csv', `${HEADER}\n${GOOD}\n2016/17,,West Midlands,Castlebridge,Burglary - residential,Theft offences,Domestic burglary,28E,900\n`);
    await readHomeOfficeCsp(path, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([
      { message: expect.stringMatching(/mixes annual rows \(no quarter, e\.g\. line 3\) and quarterly rows \(e\.g\. line 2\)/), file: path, line: 3 },
    ]);
  });

  it('normalises financial years', () => {
    expect(parseFinancialYear('2016/17')).toEqual({ year: 2016, label: '2016/17' });
    expect(parseFinancialYear(' fy 1999-00 ')).toEqual({ year: 1999, label: '1999/00' });
    expect(parseFinancialYear('2016/2017')).toEqual({ year: 2016, label: '2016/17' });
    expect(parseFinancialYear('2016/18')).toEqual({ why: 'the second year must be the year after the first' });
    expect(parseFinancialYear('2016')).toEqual({ why: 'not a financial year' });
  });

  it('declares the count column under both of its names', () => {
    const count = COLUMNS.find((c) => c.name === 'count')!;
    expect(count.aliases).toContain('Number of Offences');
    expect(count.aliases).toContain('Offence Count');
    expect(FORMAT_NAME).toBe('Home Office CSP table');
  });
});

describe('readHomeOfficeCsp: broken files', () => {
  it('rejects a financial year whose second part is not the next year', async () => {
    const path = write('fy.csv', `${HEADER}\n${GOOD}\n2016/18,2,West Midlands,Castlebridge,Robbery,Robbery,Robbery,34B,5\n`);
    const p = await oneProblem(readHomeOfficeCsp(path, { displayPath: 'fy.csv' }));
    expect(p).toMatchObject({
      message: 'the financial year is not valid: the second year must be the year after the first',
      file: 'fy.csv',
      line: 3,
      column: 1,
      columnName: 'Financial Year',
      expected: 'a financial year such as 2016/17 (also 2016-17 or FY2016/17)',
      found: '"2016/18"',
    });
    expect(p.hint).toMatch(/April to March/);
  });

  it('rejects a quarter outside 1–4', async () => {
    const path = write('q.csv', `${HEADER}\n2016/17,Q5,West Midlands,Castlebridge,Robbery,Robbery,Robbery,34B,5\n`);
    const p = await oneProblem(readHomeOfficeCsp(path));
    expect(p).toMatchObject({ file: path, line: 2, column: 2, columnName: 'Financial Quarter', found: '"Q5"', message: 'the financial quarter is not 1, 2, 3 or 4' });
    expect(p.expected).toBe('a quarter 1 to 4 (or Q1 to Q4), or empty in an annual table');
  });

  it('rejects negative, fractional and textual counts, all in one error, with the values found', async () => {
    const path = write(
      'counts.csv',
      `${HEADER}\n${GOOD}\n2016/17,1,West Midlands,Castlebridge,A,G,S,1,-3\n2016/17,1,West Midlands,Castlebridge,B,G,S,2,12.5\n2016/17,1,West Midlands,Castlebridge,C,G,S,3,n/a\n2016/17,1,West Midlands,Castlebridge,D,G,S,4,\n`,
    );
    const err = await inputError(readHomeOfficeCsp(path));
    expect(err.problems.map((p) => [p.line, p.column, p.columnName, p.message, p.found])).toEqual([
      [3, 9, 'Number of Offences', 'the number of offences cannot be negative', '"-3"'],
      [4, 9, 'Number of Offences', 'the number of offences must be a whole number', '"12.5"'],
      [5, 9, 'Number of Offences', 'the number of offences is not a number', '"n/a"'],
      [6, 9, 'Number of Offences', 'the number of offences is empty', '""'],
    ]);
    expect(err.problems[0]!.expected).toBe('a whole number of 0 or more (e.g. 1234 or "1,234"), or a suppression marker such as [c] or *');
    expect(err.problems.every((p) => p.file === path && p.hint !== undefined)).toBe(true);
  });

  it('rejects a row with fewer fields than the header', async () => {
    const path = write('short.csv', `${HEADER}\n${GOOD}\n2016/17,2,West Midlands,Castlebridge,Burglary - residential\n`);
    const p = await oneProblem(readHomeOfficeCsp(path));
    expect(p).toMatchObject({
      message: 'expected 9 fields, found 5',
      file: path,
      line: 3,
      column: 6,
      columnName: 'Offence Group',
      expected: '9 fields, as in the header on line 1',
      found: '5 fields, the last "Burglary - residential"',
    });
    expect(p.hint).toMatch(/truncated/);
    expect(p.hint).toMatch(/comma/);
  });

  it('rejects a row with an unquoted comma (more fields than the header)', async () => {
    const path = write('long.csv', `${HEADER}\n2016/17,2,West Midlands,Castlebridge,Burglary, residential,Theft offences,Domestic burglary,28E,5\n`);
    const p = await oneProblem(readHomeOfficeCsp(path));
    expect(p).toMatchObject({ message: 'expected 9 fields, found 10', line: 2, column: 10, found: '10 fields; field 10 is "5"' });
  });

  it('rejects a header-only file', async () => {
    const path = write('empty.csv', `Title row\r\n${HEADER}\r\n`);
    const p = await oneProblem(readHomeOfficeCsp(path, { displayPath: 'empty.csv' }));
    expect(p).toMatchObject({ message: 'no data rows: the file has a header but nothing below it', file: 'empty.csv', line: 2, found: 'only the header' });
  });

  it('names the missing columns of the best-matching header row (not the title row)', async () => {
    const path = write(
      'wrong.csv',
      'Police recorded crime by CSP\nFinancial Year,Financial Quarter,Force Name,CSP Name,Offence Description,Offence Group,Offence Subgroup,Crimes\n2016/17,1,A,B,C,D,E,5\n',
    );
    const p = await oneProblem(readHomeOfficeCsp(path));
    expect(p.message).toBe('the header does not match the Home Office CSP table format: missing columns "Offence Code", "Number of Offences"');
    expect(p).toMatchObject({ file: path, line: 2 });
    expect(p.found).toMatch(/^"Financial Year", "Financial Quarter"/);
    expect(p.expected).toBe('Financial Year,Force Name,CSP Name,Offence Description,Offence Group,Offence Subgroup,Offence Code,Number of Offences');
  });

  it('does not look for the header beyond MAX_TITLE_ROWS title rows', async () => {
    const titles = Array.from({ length: 11 }, (_, i) => `Note ${i + 1}`).join('\n');
    const path = write('deep.csv', `${titles}\n${HEADER}\n${GOOD}\n`);
    const err = await inputError(readHomeOfficeCsp(path));
    expect(err.problems[0]!.message).toMatch(/^the header does not match the Home Office CSP table format: missing columns "Financial Year"/);
    // Ten title rows are fine.
    const ok = write('ten.csv', `${titles.split('\n').slice(1).join('\n')}\n${HEADER}\n${GOOD}\n`);
    const { rows } = await readHomeOfficeCsp(ok);
    expect(rows[0]!.source.line).toBe(12);
  });

  it('rejects an empty CSP name and a duplicate row, and stops keeping problems at maxProblems', async () => {
    const path = write(
      'many.csv',
      `${HEADER}\n${GOOD}\n2016/17,1,West Midlands,  ,Robbery,Robbery,Robbery,34B,5\n${GOOD}\n2016/17,1,West Midlands,Castlebridge,X,G,S,1,-1\n2016/17,1,West Midlands,Castlebridge,Y,G,S,1,-2\n`,
    );
    const err = await inputError(readHomeOfficeCsp(path, { maxProblems: 2 }));
    expect(err.problems).toHaveLength(2);
    expect(err.omitted).toBe(2);
    expect(err.problems[0]).toMatchObject({ line: 3, column: 4, columnName: 'CSP Name', message: 'a Community Safety Partnership name is empty', found: '"  "' });
    expect(err.problems[1]).toMatchObject({ line: 4, column: 9, found: 'the same year, quarter, CSP and offence as line 2' });
    expect(err.problems[1]!.message).toBe('duplicate row: lines 2 and 4 both give 2016/17 Q1 "Burglary - residential" for Castlebridge');
  });
});
