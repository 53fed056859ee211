/**
 * Population from the ONS workbook as published ("Estimates of the population for the UK, England and Wales,
 * Scotland and Northern Ireland", e.g. `ukpopestimatesmid2020on2021geography.xlsx`): the sheet "MYE2 - Persons"
 * (./population-mye2.ts) and any sheet in the canonical or ONS wide layout. The males and females sheets repeat the
 * persons table by sex and are skipped, as are notes and the other MYE tables.
 */
import type { FileSummary, PopulationRow } from '../../model/data.js';
import { WORKBOOK_RE, type WorkbookSheet } from '../workbook.js';
import { COLUMNS, FORMAT_NAME, KIND, ONS_WIDE_COLUMNS, readPopulation } from './population.js';
import { MYE2_LAYOUT } from './population-mye2.js';
import type { FormatReadOptions } from './table-reader.js';
import { allRows, hasHeader, readSheets, workbookNote } from './workbook-tables.js';

const BY_SEX = /\b(fe)?males?\b/i;

async function readPopulationWorkbook(path: string, options: FormatReadOptions): Promise<{ rows: PopulationRow[]; summary: FileSummary }> {
  const wanted = (sheet: WorkbookSheet) => !BY_SEX.test(sheet.name) && hasHeader(sheet, [COLUMNS, ONS_WIDE_COLUMNS, MYE2_LAYOUT.columns]);
  const { read, skipped, edition } = await readSheets(path, options, wanted, readPopulation, {
    message: `no sheet of this workbook is a ${FORMAT_NAME} table`,
    expected: 'a sheet "MYE2 - Persons" (Code, Name, Geography, All ages, 0, 1, …), or a sheet in the population CSV layout',
    hint: 'this input takes the ONS mid-year population estimates workbook, or population.csv (see the README of the population folder)',
  });
  const rows = allRows(read);
  const summary: FileSummary = { file: options.displayPath ?? path, kind: KIND, rows: rows.length, areas: new Set(rows.map((r) => r.areaCode)).size };
  const years = rows.map((r) => r.year).sort((a, b) => a - b);
  if (years.length > 0) {
    summary.firstPeriod = `${years[0]}-06-30`;
    summary.lastPeriod = `${years[years.length - 1]}-06-30`;
  }
  summary.note = `${workbookNote(read, skipped, edition)}; ${read.map((r) => r.summary.note).join('; ')}`;
  return { rows, summary };
}

/** Population from a CSV or from the published workbook. */
export function readPopulationTable(path: string, options: FormatReadOptions = {}): Promise<{ rows: PopulationRow[]; summary: FileSummary }> {
  return WORKBOOK_RE.test(path) ? readPopulationWorkbook(path, options) : readPopulation(path, options);
}
