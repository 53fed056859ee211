/**
 * Population (mid-year estimates) for rates per 1,000 and per 100,000.
 *
 * Two layouts are accepted, told apart by the header:
 * - canonical (long): `area_code,area_name,year,age_band,population`, one row per area × year × age band;
 * - ONS wide: `CODE, AREA, AGE GROUP, 2018, 2019, …` (as in ONS subnational population tables, often tab-separated
 *   with "1,234" values), one row per area × age group with a column per year. It is unpivoted to canonical rows.
 *
 * Age bands are normalised (`All ages` → `all`, `10 to 17` → `10-17`, `90 and over` → `90+`); other bands are kept
 * as published.
 */
import type { FileSummary, InputKind, PopulationRow } from '../../model/data.js';
import type { ColumnSpec } from '../header.js';
import { MYE2_LAYOUT, mye2Rows, mye2Year } from './population-mye2.js';
import { areaCodeCell, DuplicateTracker, readTable, tidyText, type Cell, type FormatReadOptions, type Header, type Layout, type RowContext } from './table-reader.js';

export const FORMAT_NAME = 'population';
export const KIND: InputKind = 'population';

/** Canonical (long) layout. */
export const COLUMNS: ColumnSpec[] = [
  { name: 'area_code', aliases: ['area_code', 'code', 'geography code', 'ladcode', 'la code'], required: true },
  { name: 'area_name', aliases: ['area_name', 'name', 'area', 'geography name', 'laname', 'la name'], required: true },
  { name: 'year', aliases: ['year', 'mid-year', 'mid year'], required: true },
  { name: 'age_band', aliases: ['age_band', 'age group', 'age'], required: true },
  { name: 'population', aliases: ['population', 'persons', 'count', 'value'], required: true },
];

/** ONS wide layout: area code, name and age group, then one column per year (`2018` or `mid-2018`). */
export const ONS_WIDE_COLUMNS: ColumnSpec[] = [
  { name: 'area_code', aliases: ['CODE', 'area_code', 'area code', 'ladcode', 'la code'], required: true },
  { name: 'area_name', aliases: ['AREA', 'area_name', 'name', 'laname', 'la name'], required: true },
  { name: 'age_band', aliases: ['AGE GROUP', 'age_band', 'age'], required: true },
];

/** A year column header of the wide layout: `2018`, `mid-2018`, `Mid 2018`. */
const YEAR_HEADER_RE = /^(?:mid[\s-]*)?(\d{4})$/i;
/** A year cell of the canonical layout: `2016` or `mid-2016`. */
const YEAR_CELL_RE = /^(?:mid[\s-]*)?(\d{4})$/i;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function yearColumns(fields: readonly string[], taken: readonly number[]): { at: number; year: number }[] {
  const out: { at: number; year: number }[] = [];
  fields.forEach((f, at) => {
    if (taken.includes(at)) return;
    const m = YEAR_HEADER_RE.exec(tidyText(f));
    if (m) out.push({ at, year: Number(m[1]) });
  });
  return out;
}

const CANONICAL: Layout = { id: 'canonical', formatName: FORMAT_NAME, columns: COLUMNS };
const ONS_WIDE: Layout = {
  id: 'ons-wide',
  formatName: 'population (ONS wide: CODE, AREA, AGE GROUP, then a column per year)',
  columns: ONS_WIDE_COLUMNS,
  extraMissing: (fields, index) => (yearColumns(fields, Object.values(index)).length > 0 ? [] : ['a year column such as 2018']),
};

/** Normalise an age band: `All ages`/`all` → `all`, `10 to 17`/`10 - 17` → `10-17`, `90 and over` → `90+`. */
export function normaliseAgeBand(raw: string): string {
  const s = tidyText(raw);
  const lower = s.toLowerCase();
  if (lower === 'all' || lower === 'all ages' || lower === 'all persons' || lower === 'total') return 'all';
  const range = /^(?:aged?\s+)?(\d+)\s*(?:-|–|to)\s*(\d+)$/i.exec(s);
  if (range) return `${Number(range[1])}-${Number(range[2])}`;
  const open = /^(?:aged?\s+)?(\d+)\s*(?:\+|and over|or over|and above)$/i.exec(s);
  if (open) return `${Number(open[1])}+`;
  return s;
}

const POPULATION_EXPECTED = 'a whole number of people, more than 0 (e.g. 531947 or "531,947")';

/** A population cell: a positive whole number; no suppression markers. */
function populationCell(ctx: RowContext, at: number): Cell<number> {
  const cell = ctx.count(at, { what: 'the population' });
  if (!cell.ok) return cell;
  if (cell.value.value === null) {
    ctx.problem(at, {
      message: 'the population is marked as not published',
      expected: POPULATION_EXPECTED,
      hint: 'population estimates are published for every area and age band; fill in the figure from the ONS release',
    });
    return { ok: false };
  }
  if (cell.value.value === 0) {
    ctx.problem(at, {
      message: 'the population is 0',
      expected: POPULATION_EXPECTED,
      hint: 'a rate needs a population of more than 0; check the area and age band',
    });
    return { ok: false };
  }
  return { ok: true, value: cell.value.value };
}

/** The row's area code, as written; records a problem when it is not an ONS/GSS code. */
function areaCodeOf(ctx: RowContext): string {
  return areaCodeCell(ctx, { example: 'E06000047', nameHint: 'use the 9-character ONS code of the area, not its name' });
}

/** The row's age band, normalised; records a problem when it is empty. */
function ageBandOf(ctx: RowContext): string {
  const ageRaw = tidyText(ctx.raw('age_band'));
  if (ageRaw === '') {
    ctx.problem('age_band', {
      message: 'the age band is empty',
      expected: 'an age band such as all, 10-17 or 10-14',
      hint: 'write "all" for the whole population',
    });
  }
  return normaliseAgeBand(ageRaw);
}

/** The canonical layout's year; undefined (with a problem recorded) when it is not a plausible 4-digit year. */
function yearOf(ctx: RowContext): number | undefined {
  const ym = YEAR_CELL_RE.exec(ctx.raw('year').trim());
  if (!ym || Number(ym[1]) < MIN_YEAR || Number(ym[1]) > MAX_YEAR) {
    ctx.problem('year', {
      message: ym ? `the year is out of range (${MIN_YEAR} to ${MAX_YEAR})` : 'the year is not a 4-digit year',
      expected: 'a year such as 2016 (or mid-2016): the mid-year (30 June) of the estimate',
      hint: 'give the calendar year of the mid-year estimate, not a financial year or a date',
    });
    return undefined;
  }
  return Number(ym[1]);
}

/** The cells both layouts share. */
interface Common {
  areaCode: string;
  areaName: Cell<string>;
  ageBand: string;
}

/** Makes the row of one year's population for the current CSV row (its area, age band and source). */
type Row = (year: number, population: number) => PopulationRow;

/** An ONS wide row: one population a year column, unpivoted; none when a cell is bad or the row repeats. */
function wideRows(ctx: RowContext, c: Common, years: readonly { at: number; year: number }[], duplicates: DuplicateTracker, row: Row): PopulationRow[] {
  const values = years.map(({ at }) => populationCell(ctx, at));
  if (ctx.bad || !c.areaName.ok) return [];
  const firstLine = duplicates.check(`${c.areaCode} ${c.ageBand}`, ctx.line);
  if (firstLine !== undefined) {
    ctx.problem('age_band', {
      message: `duplicate row: lines ${firstLine} and ${ctx.line} both give age group ${c.ageBand} for ${c.areaCode}`,
      expected: 'one row per area and age group',
      found: `the same area and age group as line ${firstLine}`,
      hint: 'remove one of the two rows',
    });
    return [];
  }
  return years.flatMap(({ year }, i) => {
    const v = values[i]!;
    return v.ok ? [row(year, v.value)] : [];
  });
}

/** A canonical row (one area, year and age band); undefined when a cell is bad or the row repeats. */
function canonicalRow(ctx: RowContext, c: Common, duplicates: DuplicateTracker, row: Row): PopulationRow | undefined {
  const year = yearOf(ctx);
  const population = populationCell(ctx, ctx.header.index['population']!);
  if (ctx.bad || !c.areaName.ok || year === undefined || !population.ok) return undefined;
  const firstLine = duplicates.check(`${c.areaCode} ${year} ${c.ageBand}`, ctx.line);
  if (firstLine !== undefined) {
    ctx.problem('age_band', {
      message: `duplicate row: lines ${firstLine} and ${ctx.line} both give the ${year} population of ${c.areaCode}, age band ${c.ageBand}`,
      expected: 'one row per area_code, year and age_band',
      found: `the same area, year and age band as line ${firstLine}`,
      hint: 'remove one of the two rows (age bands "All ages" and "all" are the same band)',
    });
    return undefined;
  }
  return row(year, population.value);
}

/** The file's summary: rows, areas, the layout read and the span of mid-years. */
function summarise(file: string, rows: readonly PopulationRow[], note: string): FileSummary {
  const summary: FileSummary = { file, kind: KIND, rows: rows.length, areas: new Set(rows.map((r) => r.areaCode)).size, note };
  // A loop, not Math.min(...years): a national file unpivots to more rows than a call may take arguments.
  let minYear: number | undefined;
  let maxYear: number | undefined;
  for (const { year } of rows) {
    if (minYear === undefined || year < minYear) minYear = year;
    if (maxYear === undefined || year > maxYear) maxYear = year;
  }
  if (minYear !== undefined) summary.firstPeriod = `${minYear}-06-30`;
  if (maxYear !== undefined) summary.lastPeriod = `${maxYear}-06-30`;
  return summary;
}

/**
 * Read a population file (canonical or ONS wide layout).
 *
 * @throws SwpError(INPUT) for a header that matches neither layout, a file without data rows, or any bad rows (all
 *   of them, up to `maxProblems`, in one error).
 */
export async function readPopulation(path: string, options: FormatReadOptions = {}): Promise<{ rows: PopulationRow[]; summary: FileSummary }> {
  const rows: PopulationRow[] = [];
  const duplicates = new DuplicateTracker();
  // The year columns of an ONS wide header, found once per header rather than once per row.
  let wide: { header: Header; years: { at: number; year: number }[] } | undefined;

  let mye2: { header: Header; year: number | undefined } | undefined;
  const onRow = (ctx: RowContext): void => {
    if (ctx.header.layout === MYE2_LAYOUT) {
      mye2 = mye2Row(ctx, mye2, options.displayPath ?? path, rows);
      return;
    }
    const c: Common = { areaCode: areaCodeOf(ctx), areaName: ctx.requiredText('area_name', 'an area name'), ageBand: ageBandOf(ctx) };
    // Called only once the row's cells are all good, so the area name is there.
    const row: Row = (year, population) => ({ areaCode: c.areaCode, areaName: c.areaName.ok ? c.areaName.value : '', year, ageBand: c.ageBand, population, source: { file: ctx.file, line: ctx.line } });
    if (ctx.header.layout === ONS_WIDE) {
      if (wide?.header !== ctx.header) wide = { header: ctx.header, years: yearColumns(ctx.header.names, Object.values(ctx.header.index)) };
      rows.push(...wideRows(ctx, c, wide.years, duplicates, row));
    } else {
      const one = canonicalRow(ctx, c, duplicates, row);
      if (one) rows.push(one);
    }
  };

  const { header, dataRows } = await readTable(path, options, [CANONICAL, ONS_WIDE, MYE2_LAYOUT], onRow);
  const note =
    header.layout === ONS_WIDE
      ? `ONS wide layout: ${dataRows} rows × ${wide?.years.length ?? 0} year columns unpivoted`
      : header.layout === MYE2_LAYOUT
        ? `ONS MYE2 (single year of age), mid-${mye2?.year ?? '?'}: all ages and 10-17 for ${dataRows} areas`
        : 'canonical layout';
  return { rows, summary: summarise(options.displayPath ?? path, rows, note) };
}

/**
 * One MYE2 row into `rows` (./population-mye2.ts); the mid-year is found once per header. No mid-year in the titles
 * or the file name is one problem, on the first row, and nothing is read.
 */
function mye2Row(ctx: RowContext, state: { header: Header; year: number | undefined } | undefined, file: string, rows: PopulationRow[]) {
  const now = state?.header === ctx.header ? state : { header: ctx.header, year: mye2Year(ctx.header, file) };
  if (now.year === undefined) {
    if (state?.header !== ctx.header) {
      ctx.problem('all_ages', {
        message: 'the mid-year of these estimates is not named in the titles above the header or in the file name',
        expected: 'a title row such as "Population estimates … mid-2020", or a file name with mid2020 (as ONS names it)',
        found: ctx.header.titles?.map((t) => t.fields.join(' ').trim()).filter(Boolean).join(' / ') || 'no title rows',
        hint: 'keep the title rows when saving the MYE2 sheet as CSV, or name the file with the year, e.g. mye2-mid2020.csv',
      });
    }
    return now;
  }
  const c = { areaCode: areaCodeOf(ctx), areaName: ctx.requiredText('area_name', 'an area name') };
  if (!c.areaName.ok) return now;
  for (const r of mye2Rows(ctx, now.year, c.areaCode, c.areaName.value, (at) => populationCell(ctx, at))) rows.push(r);
  return now;
}
