/**
 * The export on the demo workspace's real numbers: the JSON the CLI writes, turned into tables, CSV and a workbook,
 * with figures checked against the JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Assessment, Report } from '../../../../src/model/contract.js';
import { assessmentMeta, assessmentTables, csvFolder, reportMeta, reportTables, sheetNameOf, writeCsvTables, writeXlsx, type DataTable } from '../../../../src/render/export/index.js';
import { colLetters, readWorkbook, splitRef } from '../../../unit/render/export/xlsx-read.js';
import { tempDir } from '../../../helpers.js';
import { demoJson } from '../../demo-json.js';

describe('data tables for the demo workspace', () => {
  let assessment: Assessment;
  let report: Report;
  let out: string;

  beforeAll(async () => {
    // The documents come from the run's shared folder; this file writes its own tables into a folder of its own.
    ({ assessment, report } = await demoJson());
    out = tempDir();
  });

  it('derives the assessment tables, with every indicator, year, month and priority', () => {
    const tables = assessmentTables(assessment);
    expect(tables.map((t) => t.id)).toEqual(['indicators', 'trend_by_year', 'spc_monthly', 'spc_limits', 'spc_signals', 'harm', 'places', 'stop_search', 'priority_scores', 'priority_criteria']);
    const byId = new Map(tables.map((t) => [t.id, t]));
    expect(byId.get('indicators')!.rows.length).toBe(assessment.indicators.length);
    expect(byId.get('trend_by_year')!.rows.length).toBe(assessment.indicators.reduce((n, i) => n + (i.trend?.points.length ?? 0), 0));
    expect(byId.get('priority_scores')!.rows.length).toBe(assessment.priorities.length);
    expect(byId.get('priority_criteria')!.rows.length).toBe(assessment.priorities.reduce((n, p) => n + p.components.length, 0));
    const withSpc = assessment.indicators.filter((i) => i.spc);
    // Long form: one row per indicator and month of its series.
    expect(byId.get('spc_monthly')!.rows.length).toBe(withSpc.reduce((n, i) => n + i.spc!.points.length, 0));
  });

  it('writes CSV files whose figures are the JSON figures', async () => {
    const tables = assessmentTables(assessment);
    await writeCsvTables(csvFolder(out, 'assessment'), tables);
    const rows: Record<string, string>[] = parse(readFileSync(join(out, 'assessment-data', 'indicators.csv')), { bom: true, columns: true });
    for (const i of assessment.indicators) {
      const row = rows.find((r) => r['Indicator ID'] === i.id)!;
      expect(row['Value (unrounded)'], i.id).toBe(i.suppressed ? '[c]' : i.value === null ? '[x]' : String(i.value));
      // Published precision: one decimal, as the documents print it (the same digits toFixed gives away from ties).
      if (i.value !== null && !i.suppressed) expect(Number(row['Value']), i.id).toBeCloseTo(i.value, 1);
      expect(row['Area code']).toBe(assessment.area.code);
      expect(row['Count'], i.id).toBe(i.suppressed ? '[c]' : i.count === null ? '[x]' : String(i.count));
    }
  });

  it('writes the stop_search table: all searches, then each ethnic group, with the JSON figures', async () => {
    const tables = assessmentTables(assessment).filter((t) => t.id === 'stop_search');
    await writeCsvTables(csvFolder(out, 'assessment'), tables);
    const rows: Record<string, string>[] = parse(readFileSync(join(out, 'assessment-data', 'stop_search.csv')), { bom: true, columns: true });
    const s = assessment.stopSearch!;
    expect(rows.map((r) => r['Ethnic group'])).toEqual(['All searches', 'White', 'Black', 'Asian', 'Mixed', 'Other']);
    expect(rows[0]!['Searches']).toBe(String(s.searches));
    expect(rows[0]!['Searches ending in arrest']).toBe(String(s.arrests.count));
    expect(rows[0]!['Residents (Census 2021)']).toBe('[z]');
    const black = s.byEthnicity.find((e) => e.group === 'Black')!;
    expect(rows[2]!['Searches']).toBe(String(black.searches));
    expect(rows[2]!['Rate ratio against White residents (unrounded)']).toBe(String(black.rateRatio));
    expect(rows[1]!['Rate ratio against White residents']).toBe('[z]');
  });

  it('writes a workbook with the figures stored as numbers', async () => {
    const tables = assessmentTables(assessment);
    const path = join(out, 'assessment-data.xlsx');
    await writeXlsx(path, assessmentMeta(assessment, { protectiveMarking: 'OFFICIAL' }), tables);
    const wb = readWorkbook(readFileSync(path));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Cover', 'Contents', 'Notes', ...tables.map(sheetNameOf)]);
    const sheet = wb.sheet('Indicators');
    const header = splitRef(sheet.table!.ref.split(':')[0]!).row;
    const valueCol = colLetters(sheet.table!.columns.indexOf('Value (unrounded)'));
    const idCol = colLetters(sheet.table!.columns.indexOf('Indicator ID'));
    assessment.indicators.forEach((i, n) => {
      expect(sheet.cells.get(`${idCol}${header + 1 + n}`)!.value).toBe(i.id);
      const cell = sheet.cells.get(`${valueCol}${header + 1 + n}`)!;
      if (i.value === null) expect(cell).toMatchObject({ type: 's', value: i.suppressed ? '[c]' : '[x]' });
      else expect(cell).toMatchObject({ type: 'n', value: i.value });
    });
  });

  it('derives the report tables and writes them byte-identically twice', async () => {
    const tables: DataTable[] = reportTables(report);
    expect(tables.map((t) => t.id)).toEqual(['quarter_summary', 'exceptions', 'indicators', 'spc_monthly', 'spc_limits', 'spc_signals']);
    const summary = tables[0]!;
    expect(summary.rows.length).toBe(report.rows.length);
    const statusOf = new Map(report.rows.map((r) => [r.id, r.quarter.status]));
    const col = summary.columns.findIndex((c) => c.key === 'quarter_count');
    summary.rows.forEach((row, r) => {
      const status = statusOf.get(row[0] as string);
      if (status === 'suppressed') expect(summary.symbols[r]![col]).toBe('[c]');
      if (status === 'missing') expect(summary.symbols[r]![col]).toBe('[x]');
      if (status === 'ok') expect(typeof row[col]).toBe('number');
    });
    expect(tables[1]!.rows.length).toBe(report.exceptions.length);
    await writeXlsx(join(out, 'a.xlsx'), reportMeta(report), tables);
    await writeXlsx(join(out, 'b.xlsx'), reportMeta(report), reportTables(report));
    expect(readFileSync(join(out, 'a.xlsx')).equals(readFileSync(join(out, 'b.xlsx')))).toBe(true);
  });
});
