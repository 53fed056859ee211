/**
 * The OHID Fingertips CSV export ("Export table data", or the API's all_data/csv), read as measures by its header:
 *
 *   Indicator ID, Indicator Name, Parent Code, Parent Name, Area Code, Area Name, Area Type, Sex, Age, Category Type,
 *   Category, Time period, Value, Lower CI 95.0 limit, Upper CI 95.0 limit, Lower CI 99.8 limit, Upper CI 99.8 limit,
 *   Count, Denominator, Value note, Recent Trend, Compared to England value or percentiles, …, Time period Sortable,
 *   New data, Compared to goal[, Time period range]
 *
 * (header as in ukhsa-collaboration/fingertips-open's own export tests). The areas and the England row come from
 * the same file. `Count` is the numerator and `Denominator` the denominator: swp recomputes rates and intervals
 * itself where it can. `Value` and its 95% limits are kept beside them as the published figure (`published`), for
 * indicators whose value is not count / denominator (directly age-standardised rates such as 11201). A blank count is a figure that is not published (suppressed when
 * the value note says so), never zero. Breakdowns (a Category Type, or a sex other than Persons) are skipped and
 * counted: the measures model holds one figure per area and period. An area listed under two area types (a
 * unitary authority is both a county and a district) gives the same figures twice: the repeat is dropped.
 */
import type { MeasureRow } from '../../model/data.js';
import type { ColumnSpec } from '../header.js';
import { parseNumber } from '../values.js';
import { areaCodeCell, tidyText, type CountValue, type Layout, type RowContext } from './table-reader.js';

export const FINGERTIPS_FORMAT = 'OHID Fingertips export';

const COLUMNS: ColumnSpec[] = [
  { name: 'indicator_id', aliases: ['Indicator ID'], required: true },
  { name: 'indicator_name', aliases: ['Indicator Name'], required: false },
  { name: 'area_code', aliases: ['Area Code'], required: true },
  { name: 'area_name', aliases: ['Area Name'], required: true },
  { name: 'area_type', aliases: ['Area Type'], required: true },
  { name: 'sex', aliases: ['Sex'], required: true },
  { name: 'category_type', aliases: ['Category Type'], required: true },
  { name: 'time_period', aliases: ['Time period'], required: true },
  { name: 'value', aliases: ['Value'], required: false },
  { name: 'lower_ci_95', aliases: ['Lower CI 95.0 limit'], required: false },
  { name: 'upper_ci_95', aliases: ['Upper CI 95.0 limit'], required: false },
  { name: 'count', aliases: ['Count'], required: true },
  { name: 'denominator', aliases: ['Denominator'], required: true },
  { name: 'value_note', aliases: ['Value note'], required: false },
];

export const FINGERTIPS_LAYOUT: Layout = { id: 'fingertips', formatName: FINGERTIPS_FORMAT, columns: COLUMNS };

/**
 * Fingertips indicator ids swp knows, and the measures id each becomes (Public Health Outcomes Framework numbering
 * on Fingertips): 10401 first-time entrants to the youth justice system (PHOF 1.04, per 100,000 aged 10–17), 11201
 * hospital admissions for violence including sexual violence (PHOF 1.12i), 90244 and 90245 successful completion of
 * drug treatment, opiate and non-opiate users (PHOF 2.15i, 2.15ii). Any other indicator is `fingertips.<id>`.
 */
const KNOWN: Readonly<Record<string, string>> = {
  '10401': 'fte.youth',
  '11201': 'violence.hospital-admissions',
  '90244': 'treatment.opiate-completions',
  '90245': 'treatment.non-opiate-completions',
};

/** The measures id of a Fingertips indicator id. */
export function fingertipsIndicator(id: string): string {
  return KNOWN[id] ?? `fingertips.${id}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The four-digit year of a two-digit year that follows `after` ("20" after 2018 is 2020). */
const century = (after: number, yy: number) => after - (after % 100) + yy + (yy < after % 100 ? 100 : 0);
const QUARTER_START = [4, 7, 10, 1];

/**
 * A Fingertips time period as first and last day: "2020" (calendar year), "2019/20" (financial year), "2018 - 20"
 * (calendar years pooled), "2018/19 - 20/21" (financial years pooled), "2019/20 Q1" (a financial quarter).
 */
export function fingertipsPeriod(raw: string): { start: string; end: string } | undefined {
  const t = raw.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})$/.exec(t);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  m = /^(\d{4})\/(\d{2})$/.exec(t);
  if (m && Number(m[2]) === (Number(m[1]) + 1) % 100) return { start: `${m[1]}-04-01`, end: `${Number(m[1]) + 1}-03-31` };
  m = /^(\d{4}) ?- ?(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const to = m[2]!.length === 4 ? Number(m[2]) : century(Number(m[1]), Number(m[2]));
    if (to > Number(m[1])) return { start: `${m[1]}-01-01`, end: `${to}-12-31` };
  }
  m = /^(\d{4})\/(\d{2}) ?- ?(\d{2})\/(\d{2})$/.exec(t);
  if (m) {
    const to = century(Number(m[1]), Number(m[4]));
    if (to > Number(m[1]) + 1) return { start: `${m[1]}-04-01`, end: `${to}-03-31` };
  }
  m = /^(\d{4})\/(\d{2}) ?Q([1-4])$/.exec(t);
  if (m) {
    const q = Number(m[3]);
    const y = Number(m[1]) + (q === 4 ? 1 : 0);
    const first = QUARTER_START[q - 1]!;
    const lastDay = new Date(Date.UTC(y, first + 2, 0)).getUTCDate();
    return { start: `${y}-${pad(first)}-01`, end: `${y}-${pad(first + 2)}-${lastDay}` };
  }
  return undefined;
}

/** A count or denominator cell: a whole number, or null (blank or a marker) with why it is absent. */
function figure(ctx: RowContext, col: string, what: string): { ok: boolean; value: CountValue } {
  const raw = ctx.raw(col);
  const parsed = parseNumber(raw);
  if (parsed.kind === 'empty') {
    const note = ctx.raw('value_note').toLowerCase();
    return { ok: true, value: { value: null, absence: /suppress|disclos|small/.test(note) ? 'suppressed' : 'not-available' } };
  }
  if (parsed.kind === 'absent') return { ok: true, value: { value: null, absence: parsed.absence } };
  if (parsed.kind === 'value' && parsed.value >= 0 && Number.isInteger(parsed.value)) return { ok: true, value: { value: parsed.value } };
  ctx.problem(col, {
    message: `${what} is not a whole number`,
    expected: 'a whole number, or blank when the figure is not published',
    hint: 'Fingertips exports counts as whole numbers: check that the file was not edited or re-saved with another number format',
  });
  return { ok: false, value: { value: null } };
}

/** The published value and 95% limits of a row, when the value is a number (a blank or a marker: none). */
function publishedFigure(ctx: RowContext): MeasureRow['published'] {
  const num = (col: string) => {
    const p = parseNumber(ctx.raw(col));
    return p.kind === 'value' ? p.value : null;
  };
  const value = num('value');
  return value === null ? undefined : { value, lower: num('lower_ci_95'), upper: num('upper_ci_95') };
}

/** Why a row is not a figure for the measures model: a breakdown by category or by sex. */
export function fingertipsSkip(ctx: RowContext): boolean {
  const sex = tidyText(ctx.raw('sex')).toLowerCase();
  return tidyText(ctx.raw('category_type')) !== '' || (sex !== '' && sex !== 'persons');
}

/** Parse one Fingertips row into a measures row, or undefined when a cell was bad (the problems are recorded). */
export function parseFingertipsRow(ctx: RowContext): MeasureRow | undefined {
  const id = tidyText(ctx.raw('indicator_id'));
  if (!/^\d+$/.test(id)) {
    ctx.problem('indicator_id', { message: 'the indicator id is not a Fingertips indicator number', expected: 'a number such as 11201', hint: 'check that this is a Fingertips export as downloaded' });
  }
  const areaCode = areaCodeCell(ctx, { example: 'E08000031', nameHint: 'Fingertips exports give the ONS code of each area in "Area Code"' });
  const areaName = ctx.requiredText('area_name', 'an area name');
  const period = fingertipsPeriod(ctx.raw('time_period'));
  if (!period) {
    ctx.problem('time_period', {
      message: 'the time period is not one swp can read',
      expected: 'a Fingertips time period: 2020, 2019/20, 2018 - 20, 2018/19 - 20/21 or 2019/20 Q1',
      hint: 'report the period to the swp maintainers; in the meantime give this indicator in the measures CSV format',
    });
  }
  const numerator = figure(ctx, 'count', 'the count');
  const denominator = figure(ctx, 'denominator', 'the denominator');
  if (ctx.bad || !period || !areaName.ok || !numerator.ok || !denominator.ok) return undefined;
  const row: MeasureRow = {
    indicator: fingertipsIndicator(id),
    areaCode,
    areaName: areaName.value,
    periodStart: period.start,
    periodEnd: period.end,
    numerator: numerator.value.value,
    // A denominator is only absent with a reason when the figure itself is missing; else a blank one means "a count".
    denominator: denominator.value.value,
    reoffences: null,
    source: { file: ctx.file, line: ctx.line },
  };
  if (numerator.value.absence) row.numeratorAbsence = numerator.value.absence;
  if (denominator.value.absence && numerator.value.value === null) row.denominatorAbsence = denominator.value.absence;
  const published = publishedFigure(ctx);
  if (published && numerator.value.value !== null) row.published = published;
  return row;
}
