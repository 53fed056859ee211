/**
 * The Home Office CSP table read from the workbook as published (xlsx and ods, one sheet per financial year). The
 * fixtures are written by test/fixtures/ingest/home-office-workbook/make-fixtures.mjs with invented counts
 * 100·(offence+1) + 10·(CSP index) + quarter + (year − 2010), recomputed here.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHomeOfficeTable, readHomeOfficeWorkbook } from '../../../../src/ingest/formats/home-office-workbook.js';
import { loadWorkspace } from '../../../../src/ingest/workspace.js';
import type { Warning } from '../../../../src/model/errors.js';
import { tempDir } from '../../../helpers.js';
import { fixture, inputError } from './helpers.js';

const RECENT = fixture('home-office-workbook', 'prc-csp-mar16-sample-tables.xlsx');
const OLDER = fixture('home-office-workbook', 'prc-csp-1112-1213-sample-tables.ods');
const BROKEN = fixture('home-office-workbook', 'prc-csp-broken-tables.xlsx');

/** The count the fixture script gives offence o, CSP c, quarter q of the year starting `start`. */
const expected = (o: number, c: number, q: number, start: number) => 100 * (o + 1) + 10 * c + q + (start - 2010);

describe('readHomeOfficeWorkbook', () => {
  it('reads every year sheet of a recent xlsx edition, skipping the Notes sheet, with the edition recorded', async () => {
    const { rows, summary } = await readHomeOfficeWorkbook(RECENT, { displayPath: 'home-office/prc.xlsx' });
    // 2 years × 4 quarters × 2 CSPs × 3 offences.
    expect(rows).toHaveLength(48);
    const y1 = rows.filter((r) => r.financialYear === '2015/16');
    expect(y1).toHaveLength(24);
    // Sheet 2015_16, row 2 (header on row 1): quarter 1, Castlebridge, the first offence.
    expect(rows[0]).toMatchObject({ financialYear: '2015/16', quarter: 1, forceName: 'Midshire', cspName: 'Castlebridge', offenceCode: '8N', count: expected(0, 0, 1, 2015) });
    expect(rows[0]!.source).toEqual({ file: 'home-office/prc.xlsx [sheet 2015_16]', line: 2 });
    // Hollinbury, shoplifting, quarter 4 of 2015/16.
    const hol = y1.find((r) => r.cspName === 'Hollinbury' && r.offenceCode === '46' && r.quarter === 4);
    expect(hol?.count).toBe(expected(2, 1, 4, 2015));
    // A count formatted "#,##0" in the workbook is read as the number 1234.
    expect(rows.find((r) => r.financialYear === '2016/17')?.count).toBe(1234);
    const total = y1.reduce((a, r) => a + r.count!, 0);
    let byHand = 0;
    for (let o = 0; o < 3; o++) for (let c = 0; c < 2; c++) for (let q = 1; q <= 4; q++) byHand += expected(o, c, q, 2015);
    expect(total).toBe(byHand);
    expect(summary).toMatchObject({ file: 'home-office/prc.xlsx', kind: 'home-office-csp', rows: 48, areas: 2, firstPeriod: '2015-04', lastPeriod: '2017-03' });
    expect(summary.note).toContain('2 sheets read (2015_16, 2016_17)');
    expect(summary.note).toContain('edition: 24 April 2025');
    expect(summary.note).toContain('skipped: Notes');
  });

  it('reads an older ods edition: sheets "2011-12", title rows above the header, "Number of Offences"', async () => {
    const { rows, summary } = await readHomeOfficeWorkbook(OLDER, { displayPath: 'ho.ods' });
    expect(rows).toHaveLength(2 * 4 * 3);
    // Three title rows (one blank) above the header on row 4: the first data row is row 5.
    expect(rows[0]).toMatchObject({ financialYear: '2011/12', quarter: 1, count: expected(0, 0, 1, 2011), source: { file: 'ho.ods [sheet 2011-12]', line: 5 } });
    expect(rows.at(-1)).toMatchObject({ financialYear: '2012/13', quarter: 4, offenceCode: '46', count: expected(2, 0, 4, 2012) });
    expect(summary.note).toContain('2 sheets read (2011-12, 2012-13)');
    expect(summary.note).toContain('skipped: Contents');
  });

  it('locates bad cells by file, sheet, row and column, all problems together', async () => {
    const err = await inputError(readHomeOfficeTable(BROKEN, { displayPath: 'ho/broken.xlsx' }));
    const byColumn = new Map(err.problems.map((p) => [p.columnName, p]));
    // The script wrote "abc" into row 3, column I (9) and quarter 5 into row 4, column B (2).
    expect(byColumn.get('Offence Count')).toMatchObject({ file: 'ho/broken.xlsx [sheet 2016_17]', line: 3, column: 9 });
    expect(byColumn.get('Financial Quarter')).toMatchObject({ file: 'ho/broken.xlsx [sheet 2016_17]', line: 4, column: 2 });
    expect(err.problems).toHaveLength(2);
  });

  it('a workbook with no table sheet is refused, naming its sheets', async () => {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Area', 'Value'], ['Castlebridge', 1]]), 'Data');
    const path = join(tempDir(), 'other.xlsx');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const err = await inputError(readHomeOfficeWorkbook(path, { displayPath: 'other.xlsx' }));
    expect(err.problems[0]).toMatchObject({ file: 'other.xlsx', found: 'sheets "Data"' });
  });

  it('a sheet whose name and rows give different years is read with a warning', async () => {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.utils.book_new();
    const header = ['Financial Year', 'Financial Quarter', 'Police Force', 'CSP Name', 'Offence Description', 'Offence Group', 'Offence Subgroup', 'Offence Code', 'Offence Count'];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([header, ['2016/17', 1, 'Midshire', 'Castlebridge', 'Shoplifting', 'Theft offences', 'Shoplifting', '46', 12]]), '2015_16');
    const path = join(tempDir(), 'mismatch.xlsx');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const warnings: Warning[] = [];
    const { rows } = await readHomeOfficeWorkbook(path, { displayPath: 'm.xlsx', onWarning: (w) => warnings.push(w) });
    expect(rows).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'm.xlsx [sheet 2015_16]', line: 2 });
  });
});

describe('the workbook in a workspace', () => {
  /** A workspace whose Home Office folder holds the given files (the demo's config, police.uk left out). */
  function workspace(files: string[]): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'home-office'));
    mkdirSync(join(dir, 'population'));
    for (const f of files) copyFileSync(f, join(dir, 'home-office', f.split('/').pop()!));
    writeFileSync(join(dir, 'population', 'population.csv'), 'area_code,area_name,year,age_band,population\nE08099001,Castlebridge,2016,all,250000\n');
    writeFileSync(
      join(dir, 'swp.config.yaml'),
      'version: 1\npartnership: { name: Castlebridge CSP }\narea: { name: Castlebridge, code: E08099001 }\ninputs: { policeUk: [], homeOffice: [home-office], measures: [], population: [population] }\n',
    );
    return dir;
  }

  it('a workbook in the home-office folder is read directly', async () => {
    const ws = await loadWorkspace(workspace([RECENT]), { onWarning: () => {} });
    expect(ws.homeOffice).toHaveLength(48);
    expect(ws.summaries.find((s) => s.kind === 'home-office-csp')?.note).toContain('edition: 24 April 2025');
  });

  it('two editions covering the same year are refused (the existing overlap rule)', async () => {
    // The same workbook under a second name stands for a second edition kept beside the first.
    const dir = workspace([RECENT]);
    copyFileSync(RECENT, join(dir, 'home-office', 'prc-csp-later-edition.xlsx'));
    const err = await inputError(loadWorkspace(dir, { onWarning: () => {} }));
    expect(err.problems.some((p) => p.message.startsWith('the Home Office table is given twice'))).toBe(true);
  });
});
