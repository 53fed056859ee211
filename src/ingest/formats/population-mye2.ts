/**
 * ONS mid-year population estimates as published: table MYE2 ("Population estimates: Persons by single year of age",
 * sheet "MYE2 - Persons" of the ONS "Estimates of the population for the UK, England and Wales, Scotland and
 * Northern Ireland" workbook, or that sheet saved as CSV). Header `Code, Name, Geography (Geography1 in 2019
 * editions), All ages, 0, 1, …, 89, 90+`, below title rows; the mid-year is named only in the titles ("… mid-2020")
 * or the file name (`ukpopestimatesmid2020on2021geography.xlsx`, `mye22final.xlsx`). Each area gives two population
 * rows: `all` (the All ages column) and `10-17` (the sum of the single years 10 to 17, for youth justice rates).
 */
import type { PopulationRow } from '../../model/data.js';
import type { ColumnSpec } from '../header.js';
import { tidyText, type Cell, type Header, type Layout, type RowContext } from './table-reader.js';

const COLUMNS: ColumnSpec[] = [
  { name: 'area_code', aliases: ['Code'], required: true },
  { name: 'area_name', aliases: ['Name'], required: true },
  { name: 'geography', aliases: ['Geography', 'Geography1'], required: true },
  { name: 'all_ages', aliases: ['All ages'], required: true },
];

const YOUTH_AGES = [10, 11, 12, 13, 14, 15, 16, 17];

/** The columns of the single years 10 to 17 (`undefined` for an age whose column is not there). */
function youthColumns(fields: readonly string[]): (number | undefined)[] {
  const names = fields.map((f) => tidyText(f));
  return YOUTH_AGES.map((age) => {
    const at = names.indexOf(String(age));
    return at < 0 ? undefined : at;
  });
}

export const MYE2_LAYOUT: Layout = {
  id: 'ons-mye2',
  formatName: 'population (ONS MYE2: Code, Name, Geography, All ages, 0, 1, …)',
  columns: COLUMNS,
  extraMissing: (fields) => (youthColumns(fields).some((at) => at === undefined) ? ['single-year columns 10 to 17'] : []),
};

/** The mid-year an MYE2 table is for: from its title rows ("mid-2020"), else its file name. */
export function mye2Year(header: Header, file: string): number | undefined {
  for (const row of header.titles ?? []) {
    const m = /\bmid[\s-]?(\d{4})\b/i.exec(row.fields.join(' '));
    if (m) return Number(m[1]);
  }
  const name = file.split(/[\\/]/).pop() ?? file;
  const m = /mid[\s_-]?(\d{4})/i.exec(name) ?? /mye(\d{2})(?!\d)/i.exec(name);
  if (!m) return undefined;
  return m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
}

/**
 * The two population rows of an MYE2 row, or none when a cell is bad (problems recorded). `cell` reads a population
 * cell at a field index (the population reader's own rule: a positive whole number).
 */
export function mye2Rows(ctx: RowContext, year: number, areaCode: string, areaName: string, cell: (at: number) => Cell<number>): PopulationRow[] {
  const all = cell(ctx.header.index['all_ages']!);
  // A single year of age may be 0 in the smallest areas (Isles of Scilly, City of London): counts, not populations.
  const youth = youthColumns(ctx.header.names).map((at) => ctx.count(at!, { what: 'the population of a single year of age' }));
  if (ctx.bad || !all.ok || youth.some((c) => !c.ok || c.value.value === null)) return [];
  const sum = youth.reduce((a, c) => a + (c.ok ? (c.value.value ?? 0) : 0), 0);
  const source = { file: ctx.file, line: ctx.line };
  return [
    { areaCode, areaName, year, ageBand: 'all', population: all.value, source },
    { areaCode, areaName, year, ageBand: '10-17', population: sum, source },
  ];
}
