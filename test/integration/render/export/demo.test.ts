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
    expect(tables.map((t) => t.id)).toEqual(['indicators', 'trend_by_year', 'spc_monthly', 'spc_limits', 'spc_signals', 'harm', 'places', 'places_wards', 'places_deprivation', 'places_locations', 'stop_search', 'outcomes', 'peer_group', 'priority_scores', 'priority_criteria']);
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
    expect(rows.map((r) => r['Ethnic group'])).toEqual(['All searches', 'White', 'Black', 'Asian', 'Mixed', 'Other', 'White', 'Black', 'Asian', 'Other']);
    expect(rows.map((r) => r['Ethnicity recorded as'])).toEqual(['[z]', ...Array(5).fill('self-defined'), ...Array(4).fill('officer-defined')]);
    const officerBlack = s.byOfficerEthnicity!.find((e) => e.group === 'Black')!;
    expect(rows[7]!['Searches']).toBe(String(officerBlack.searches));
    expect(rows[7]!['Rate ratio against White residents (unrounded)']).toBe(String(officerBlack.rateRatio));
    expect(rows[0]!['Searches']).toBe(String(s.searches));
    expect(rows[0]!['Searches ending in arrest']).toBe(String(s.arrests.count));
    expect(rows[0]!['Residents (Census 2021)']).toBe('[z]');
    const black = s.byEthnicity.find((e) => e.group === 'Black')!;
    expect(rows[2]!['Searches']).toBe(String(black.searches));
    expect(rows[2]!['Rate ratio against White residents (unrounded)']).toBe(String(black.rateRatio));
    expect(rows[1]!['Rate ratio against White residents']).toBe('[z]');
  });

  it('writes the outcomes table: the partnership and the force for each crime type, with the JSON figures', async () => {
    const tables = assessmentTables(assessment).filter((t) => t.id === 'outcomes');
    await writeCsvTables(csvFolder(out, 'assessment'), tables);
    const rows: Record<string, string>[] = parse(readFileSync(join(out, 'assessment-data', 'outcomes.csv')), { bom: true, columns: true });
    const o = assessment.outcomes!;
    expect(rows.length).toBe(o.length * 2);
    expect(rows.slice(0, 2).map((r) => [r['Crime type'], r['Level']])).toEqual([['All crime', 'partnership'], ['All crime', 'force']]);
    expect(rows[0]!['Charged or summonsed']).toBe(String(o[0]!.charged.count));
    expect(rows[0]!['Charged or summonsed: share of crimes with an outcome (unrounded) (%)']).toBe(String(o[0]!.charged.share));
    expect(Number(rows[0]!['Charged or summonsed: share of crimes with an outcome (%)'])).toBeCloseTo(o[0]!.charged.share!, 1);
    expect(rows[1]!['Crimes with an outcome']).toBe(String(o[0]!.force.total));
    expect(rows[1]!['Two-proportion test p-value']).toBe('[z]');
    const withheld = o.findIndex((r) => r.charged.count === null);
    if (withheld >= 0) expect(rows[2 * withheld]!['Charged or summonsed']).toBe('[c]');
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

  it('writes the places tables (wards, deprivation deciles, locations) with the JSON figures, [c] where withheld', async () => {
    const p = assessment.places!;
    expect(p.wards?.length && p.deprivation?.length && p.locations?.length).toBeTruthy();
    await writeCsvTables(csvFolder(out, 'places'), assessmentTables(assessment));
    const csv = (name: string): Record<string, string>[] => parse(readFileSync(join(out, 'places-data', `${name}.csv`)), { bom: true, columns: true });
    // Published precision: one decimal, rounded half away from zero (as the documents print).
    const oneDp = (v: number) => String(Math.sign(v) * Math.round(Math.abs(v) * 10 + 1e-9) / 10);
    const wards = csv('places_wards');
    expect(wards.map((r) => r['Ward code'])).toEqual(p.wards!.map((w) => w.code));
    for (const w of p.wards!) {
      const r = wards.find((x) => x['Ward code'] === w.code)!;
      expect(r['Ward name']).toBe(w.name);
      expect(r['Crimes'], w.code).toBe(w.suppressed ? '[c]' : String(w.count));
      expect(r['Residents']).toBe(w.population === null ? '[x]' : String(w.population));
      expect(r['Rate (unrounded) (crimes per 1,000 residents)'], w.code).toBe(w.suppressed ? '[c]' : w.value === null ? '[x]' : String(w.value));
      if (w.value !== null) expect(r['Rate (crimes per 1,000 residents)'], w.code).toBe(oneDp(w.value));
      if (w.ci95) expect([r['Lower 95% confidence limit (unrounded)'], r['Upper 95% confidence limit (unrounded)']]).toEqual([String(w.ci95.lower), String(w.ci95.upper)]);
      // The funnel position in words, from the JSON's comparison.
      expect(r['Compared with the partnership average (95% funnel limits)']).toBe(w.suppressed ? '[c]' : { higher: 'higher than average', lower: 'lower than average', similar: 'similar to average', 'not-compared': 'not compared' }[w.comparison]);
      expect(r['Area code']).toBe(assessment.area.code);
    }
    const deciles = csv('places_deprivation');
    expect(deciles.map((r) => Number(r['Deprivation decile (1 is the most deprived tenth)']))).toEqual(p.deprivation!.map((d) => d.decile));
    p.deprivation!.forEach((d, i) => {
      const r = deciles[i]!;
      expect(r['Crimes']).toBe(d.count === null ? '[c]' : String(d.count));
      expect(r['Anti-social behaviour incidents']).toBe(d.asbCount === null ? '[c]' : String(d.asbCount));
      expect(r['Crime rate (unrounded) (crimes per 1,000 residents)']).toBe(d.count === null ? '[c]' : d.value === null ? '[x]' : String(d.value));
      expect(r['Anti-social behaviour rate (unrounded) (incidents per 1,000 residents)']).toBe(d.asbCount === null ? '[c]' : d.asbValue === null ? '[x]' : String(d.asbValue));
      if (d.ci95) expect(r['Crime rate: upper 95% confidence limit (unrounded)']).toBe(String(d.ci95.upper));
      expect(r['Residents']).toBe(d.population === null ? '[x]' : String(d.population));
    });
    const locations = csv('places_locations');
    expect(locations.map((r) => [r['Rank'], r['Location'], r['LSOA code'], r['Crimes']])).toEqual(p.locations!.map((l, i) => [String(i + 1), l.location, l.lsoa, String(l.count)]));
  });
});
