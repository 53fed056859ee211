/**
 * ONS Census 2021 table TS021 "Ethnic group", as the ONS bulk download publishes it (census2021-ts021-ltla.csv,
 * census2021-ts021-lsoa.csv; the same columns from Nomis): `date,geography,geography code,Ethnic group: Total: All
 * usual residents,Ethnic group: Asian, Asian British or Asian Welsh,Ethnic group: Asian, …: Bangladeshi,…`.
 * The five broad groups are the columns with no second "…: …" part; the detailed columns are not read.
 * Used as the resident population of stop-and-search rates (the Home Office's "Police powers and procedures: stop
 * and search" uses the 2021 Census populations by ethnic group).
 */
import type { FileSummary } from '../../model/data.js';
import type { ColumnSpec } from '../header.js';
import { readTable, tidyText, type FormatReadOptions, type Layout, type RowContext } from './table-reader.js';

/** One area's usual residents by Census 2021 broad ethnic group. */
export interface CensusEthnicityRow {
  code: string;
  name: string;
  total: number;
  White: number;
  Black: number;
  Asian: number;
  Mixed: number;
  Other: number;
  line: number;
}

export const CENSUS_ETHNICITY_FORMAT_NAME = 'Census 2021 TS021 ethnic group (ONS)';

const BROAD = {
  Asian: 'ethnic group: asian, asian british or asian welsh',
  Black: 'ethnic group: black, black british, black welsh, caribbean or african',
  Mixed: 'ethnic group: mixed or multiple ethnic groups',
  White: 'ethnic group: white',
  Other: 'ethnic group: other ethnic group',
} as const;

export const CENSUS_ETHNICITY_COLUMNS: ColumnSpec[] = [
  { name: 'code', aliases: ['geography code'], required: true },
  { name: 'name', aliases: ['geography'], required: true },
  { name: 'total', aliases: ['ethnic group: total: all usual residents'], required: true },
  ...Object.entries(BROAD).map(([name, alias]) => ({ name, aliases: [alias], required: true })),
];

function parseRow(ctx: RowContext): CensusEthnicityRow | null {
  const code = tidyText(ctx.raw('code'));
  if (code === '') {
    ctx.problem('code', { message: 'the geography code is empty', expected: 'a GSS code such as E08000025 or E01000001', hint: 'download the table again from the ONS or Nomis' });
    return null;
  }
  const out: Record<string, number> = {};
  for (const col of ['total', ...Object.keys(BROAD)]) {
    const cell = ctx.count(col, { what: 'the number of residents' });
    if (!cell.ok) return null;
    if (cell.value.value === null) {
      ctx.problem(col, { message: 'the number of residents is not given', expected: 'a whole number of people', hint: 'Census 2021 tables give every cell; download the table again' });
      return null;
    }
    out[col] = cell.value.value;
  }
  const { total, White, Black, Asian, Mixed, Other } = out as Record<'total' | keyof typeof BROAD, number>;
  if (White + Black + Asian + Mixed + Other !== total) {
    ctx.problem('total', {
      message: 'the five broad ethnic groups do not add up to the total',
      expected: `${White + Black + Asian + Mixed + Other} (the sum of the five broad groups)`,
      hint: 'the broad-group columns are those without a second ": …" part; check the file was not edited',
    });
    return null;
  }
  return { code, name: tidyText(ctx.raw('name')), total, White, Black, Asian, Mixed, Other, line: ctx.line };
}

/**
 * Read a TS021 file (any geography level: LSOA, local authority).
 *
 * @throws SwpError(INPUT) for a header that does not match, a file without data rows, or any bad rows.
 */
export async function readCensusEthnicity(path: string, options: FormatReadOptions = {}): Promise<{ rows: CensusEthnicityRow[]; summary: FileSummary }> {
  const file = options.displayPath ?? path;
  const rows: CensusEthnicityRow[] = [];
  const layout: Layout = { id: 'census-ts021', formatName: CENSUS_ETHNICITY_FORMAT_NAME, columns: CENSUS_ETHNICITY_COLUMNS };
  await readTable(path, options, [layout], (ctx) => {
    const row = parseRow(ctx);
    if (row) rows.push(row);
  });
  return { rows, summary: { file, kind: 'census-ethnicity', rows: rows.length, firstPeriod: '2021-03', lastPeriod: '2021-03' } };
}
