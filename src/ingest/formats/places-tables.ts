/**
 * The tables of the "Where crime happens" chapter, recognised by their headers as published:
 * - ONS LSOA → ward → local authority lookup (Open Geography Portal, e.g. "LSOA (2021) to Electoral Ward (2023) to
 *   LAD (2023) Best Fit Lookup in EW"): LSOA21CD, LSOA21NM, WD23CD, WD23NM, LAD23CD, LAD23NM (any years; 2011 LSOAs too);
 * - MHCLG English Indices of Deprivation 2019, File 7 ("All IoD2019 Scores, Ranks, Deciles and Population
 *   Denominators"): "LSOA code (2011)", "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)";
 * - Welsh Government WIMD 2019 ranks ("WIMD_2019_ranks" sheet saved as CSV): "LSOA code", "WIMD 2019" (the rank);
 * - ONS LSOA mid-year population estimates (SAPE tables saved as CSV): "LSOA 2021 Code" (or "LSOA Code") and
 *   "Total" (or "All Ages").
 */
import { tidyText, readTable, type FormatReadOptions, type Layout, type RowContext } from './table-reader.js';
import type { ColumnSpec } from '../header.js';
import type { FileSummary } from '../../model/data.js';

/** Ward and local-authority columns carry their boundary year: WD11CD … WD30CD, LAD11CD … LAD30CD. */
const years = (stem: string, suffix: string) => Array.from({ length: 20 }, (_, i) => `${stem}${11 + i}${suffix}`);

const LOOKUP_COLUMNS: ColumnSpec[] = [
  { name: 'lsoa', aliases: ['LSOA21CD', 'LSOA11CD'], required: true },
  { name: 'ward', aliases: years('WD', 'CD'), required: true },
  { name: 'ward_name', aliases: years('WD', 'NM'), required: true },
  { name: 'lad', aliases: years('LAD', 'CD'), required: true },
  { name: 'lad_name', aliases: years('LAD', 'NM'), required: false },
];

const IMD_COLUMNS: ColumnSpec[] = [
  { name: 'lsoa', aliases: ['LSOA code (2011)', 'LSOA code (2021)'], required: true },
  { name: 'decile', aliases: ['Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)', 'IMD Decile (where 1 is most deprived 10% of LSOAs)'], required: true },
];

const WIMD_COLUMNS: ColumnSpec[] = [
  { name: 'lsoa', aliases: ['LSOA code'], required: true },
  { name: 'rank', aliases: ['WIMD 2019'], required: true },
];

const POPULATION_COLUMNS: ColumnSpec[] = [
  { name: 'lsoa', aliases: ['LSOA 2021 Code', 'LSOA 2011 Code', 'LSOA Code', 'LSOA21CD', 'LSOA11CD'], required: true },
  { name: 'total', aliases: ['Total', 'All Ages'], required: true },
];

export type PlacesTableKind = 'ward-lookup' | 'imd' | 'wimd' | 'lsoa-population';

const LAYOUTS: Layout[] = [
  { id: 'ward-lookup', formatName: 'ONS LSOA to ward to local authority lookup (LSOA21CD, WD23CD, WD23NM, LAD23CD)', columns: LOOKUP_COLUMNS },
  { id: 'imd', formatName: 'English Indices of Deprivation 2019, File 7 (LSOA code (2011), IMD Decile)', columns: IMD_COLUMNS },
  { id: 'wimd', formatName: 'Welsh Index of Multiple Deprivation 2019 ranks (LSOA code, WIMD 2019)', columns: WIMD_COLUMNS },
  { id: 'lsoa-population', formatName: 'ONS LSOA mid-year population estimates (LSOA 2021 Code, Total)', columns: POPULATION_COLUMNS },
];

/** Wales has 1,909 LSOAs (2011): WIMD 2019 deciles are tenths of the rank, 1 the most deprived (Welsh Government, WIMD 2019 guidance). */
export const WIMD_LSOAS = 1909;

/** One row of any of the four tables, by kind. */
export type PlacesTableRow =
  | { kind: 'ward-lookup'; lsoa: string; ward: string; wardName: string; lad: string; ladName: string }
  | { kind: 'imd' | 'wimd'; lsoa: string; decile: number }
  | { kind: 'lsoa-population'; lsoa: string; population: number };

const LSOA_RE = /^[EW]01\d{6}$/;

/** The LSOA code of a row; a problem when it is not one. */
function lsoaOf(ctx: RowContext): string | undefined {
  const code = tidyText(ctx.raw('lsoa'));
  if (LSOA_RE.test(code)) return code;
  ctx.problem('lsoa', { message: 'the LSOA code is not an ONS LSOA code', expected: 'E01 or W01 then 6 digits, e.g. E01010001', hint: 'check the column: the LSOA code, not its name' });
  return undefined;
}

/** One row of a places table, by its layout. */
function rowOf(ctx: RowContext): PlacesTableRow | undefined {
  const lsoa = lsoaOf(ctx);
  const kind = ctx.header.layout.id as PlacesTableKind;
  if (kind === 'ward-lookup') {
    const ward = ctx.requiredText('ward', 'the ward code');
    const wardName = ctx.requiredText('ward_name', 'the ward name');
    const lad = ctx.requiredText('lad', 'the local authority code');
    if (!lsoa || !ward.ok || !wardName.ok || !lad.ok) return undefined;
    return { kind, lsoa, ward: ward.value, wardName: wardName.value, lad: lad.value, ladName: tidyText(ctx.raw('lad_name')) };
  }
  if (kind === 'imd') {
    const d = ctx.numberInRange('decile', 'the IMD decile', 1, 10, { expected: 'a decile from 1 (most deprived) to 10' });
    return lsoa && d.ok && Number.isInteger(d.value) ? { kind, lsoa, decile: d.value } : undefined;
  }
  if (kind === 'wimd') {
    const r = ctx.numberInRange('rank', 'the WIMD 2019 rank', 1, WIMD_LSOAS, { expected: `a rank from 1 (most deprived) to ${WIMD_LSOAS}` });
    return lsoa && r.ok ? { kind, lsoa, decile: Math.ceil((r.value * 10) / WIMD_LSOAS) } : undefined;
  }
  const p = ctx.count('total', { what: 'the population' });
  return lsoa && p.ok && p.value.value !== null ? { kind, lsoa, population: p.value.value } : undefined;
}

/** Read one places table, recognised by its header; problems are located (file, line, column). */
export async function readPlacesTable(path: string, options: FormatReadOptions): Promise<{ kind: PlacesTableKind; rows: PlacesTableRow[]; summary: FileSummary }> {
  const rows: PlacesTableRow[] = [];
  const { header, dataRows } = await readTable(path, options, LAYOUTS, (ctx) => {
    const r = rowOf(ctx);
    if (r) rows.push(r);
  });
  const kind = header.layout.id as PlacesTableKind;
  const summary: FileSummary = { file: options.displayPath ?? path, kind: 'places', rows: dataRows, note: header.layout.formatName };
  return { kind, rows, summary };
}
