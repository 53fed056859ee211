/**
 * The data tables behind a document, for analysts to reuse: derived from the JSON contract (an Assessment or a
 * Report), one table per subject, with raw numbers at full precision. The CSV and spreadsheet writers (./csv.ts,
 * ./xlsx.ts) print them; neither rounds a number nor decides what a missing figure means — that is decided here.
 *
 * A figure that is not shown is `null` in `rows`, and the matching cell of `symbols` says why, with the Government
 * Statistical Service symbols ("Symbols in tables, definitions and help", 2021):
 *   [c] confidential: withheld to protect the people counted (disclosure control) — never printed as 0;
 *   [x] not available: no data for the period, or it could not be computed;
 *   [z] not applicable: the figure does not exist for this row (no target set, no raw number for a workshop score).
 *
 * Where the contract keeps the reason (`suppressed: true`, a report cell's `status`) it is used as is. Where it does
 * not, the reason follows from how the analysis builds the figure (src/analysis/indicator.ts and
 * disclosure-apply.ts):
 *   - a yearly trend point is only listed when its period has data, so a null count there was suppressed: [c];
 *   - `previous` is null when last year had no data ([x]); a null `previous.count` was suppressed ([c]);
 *   - `change` is dropped when either count was suppressed ([c]), and is otherwise null when it cannot be computed ([x]);
 *   - a null monthly (SPC) count in a month for which another indicator has a count cannot be a gap in the police.uk
 *     data (the months with data have a count, 0 included, for every category), so it was suppressed: [c]; a month
 *     with no count for any indicator is a gap: [x].
 */
import type { Assessment, IndicatorResult, Report } from '../../model/contract.js';
import { GSS } from '../format.js';

/** A cell: a number (full precision), a piece of text, or `null` when the figure is not shown (see `symbols`). */
export type CellValue = string | number | null;

/** Why a cell is empty: [c] confidential (suppressed), [x] not available, [z] not applicable. */
export type GssSymbol = typeof GSS.suppressed | typeof GSS.notAvailable | typeof GSS.notApplicable;

export interface TableColumn {
  /** Machine name: lower-case letters, digits and underscores, unique in the table. */
  key: string;
  /** Plain-English heading, without the unit. */
  heading: string;
  /** Unit of the column's numbers, printed after the heading: "Rate (per 1,000 residents)". */
  unit?: string;
  /** Decimal places the documents publish for the column's numbers (see `Column.rounded`). */
  decimals?: number;
  /** What the column holds, for the workbook's cell types and the tables.json schema; text unless said. */
  type?: 'date';
}

export interface DataTable {
  /** Sheet-safe name, unique in a document: starts with a letter; letters, digits and `_`; at most 31 characters. */
  id: string;
  title: string;
  /** One or two sentences saying what a row is. */
  description: string;
  columns: TableColumn[];
  rows: CellValue[][];
  /** Same shape as `rows`: the symbol for each `null` cell, and `null` where the cell has a value. */
  symbols: (GssSymbol | null)[][];
  /** Notes a reader needs to use the table correctly, one sentence or two each. */
  notes: string[];
}

/** A column heading with its unit: "Rate (per 1,000 residents)". */
export function headingWithUnit(c: TableColumn): string {
  return c.unit ? `${c.heading} (${c.unit})` : c.heading;
}

/** The text of a cell as a reader sees it where no number is shown: the value, or its GSS symbol. */
export function symbolAt(table: DataTable, row: number, col: number): GssSymbol {
  return table.symbols[row]?.[col] ?? GSS.notAvailable;
}

// ---------------------------------------------------------------------------------------------------------------
// Building tables

/** A cell as a builder passes it: a value, or a marker saying why there is none. */
type CellInput = CellValue | undefined | { symbol: GssSymbol };

const C = { symbol: GSS.suppressed } as const;
const X = { symbol: GSS.notAvailable } as const;
const Z = { symbol: GSS.notApplicable } as const;

/** A number, or [c] when suppressed, or [x] when missing. */
function fig(v: number | null | undefined, suppressed = false): CellInput {
  if (suppressed) return C;
  return v === null || v === undefined ? X : v;
}

/** A text, or a symbol when there is none. */
function text(v: string | null | undefined, none: { symbol: GssSymbol } = X): CellInput {
  return v === null || v === undefined || v === '' ? none : v;
}

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,30}$/;
const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

/**
 * A column defined once: its header and type (TableColumn) and the accessor that gives its cell for a row. Rows are
 * built from the columns, so a header can never drift from the value under it.
 */
interface Column<R> extends TableColumn {
  cell: (row: R) => CellInput;
  /**
   * The column holds the figure at the precision the documents publish (`decimals` places), and a column after it,
   * `<key>_unrounded`, the figure at full precision: an analyst who reproduces a table in the document matches it
   * exactly, and one who computes further keeps every digit (issue 15: values at published precision, the
   * unrounded value in its own column).
   */
  rounded?: true;
}

/** Round half away from zero to `decimals` places, as the documents print (Number.toFixed rounds 1.005 to 1.00). */
function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.sign(v) * Math.round(Math.abs(v) * f * (1 + Number.EPSILON)) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** A column at published precision, and its unrounded twin. */
function expandRounded<R>(c: Column<R>): Column<R>[] {
  if (!c.rounded || c.decimals === undefined) return [c];
  const { rounded: _r, ...plain } = c;
  const decimals = c.decimals;
  const published: Column<R> = { ...plain, cell: (row) => { const v = c.cell(row); return typeof v === 'number' ? roundTo(v, decimals) : v; } };
  const { decimals: _d, ...rest } = plain;
  return [published, { ...rest, key: `${c.key}_unrounded`, heading: `${c.heading} (unrounded)`, cell: c.cell }];
}

/** A table before its rows: what it is, its columns with their accessors, and its notes. */
interface TableSpec<R> {
  id: string;
  title: string;
  description: string;
  columns: Column<R>[];
  notes?: string[];
}

/** One cell as stored: the value, or null and the symbol saying why (a non-finite number is not available). */
function settle(cell: CellInput): [CellValue, GssSymbol | null] {
  if (cell === null || cell === undefined || (typeof cell === 'number' && !Number.isFinite(cell))) return [null, GSS.notAvailable];
  if (typeof cell === 'object') return [null, cell.symbol];
  return [cell, null];
}

/** Build a table: one row per item, each cell from its column's accessor. */
function buildTable<R>(spec: TableSpec<R>, items: Iterable<R>): DataTable {
  const { id } = spec;
  const columns = spec.columns.flatMap(expandRounded);
  if (!ID_PATTERN.test(id)) throw new Error(`table id "${id}" is not sheet-safe (a letter, then letters, digits or _; at most 31 characters)`);
  const keys = new Set<string>();
  for (const c of columns) {
    if (!KEY_PATTERN.test(c.key) || keys.has(c.key)) throw new Error(`table ${id}: column key "${c.key}" is invalid or repeated`);
    keys.add(c.key);
  }
  const rows: CellValue[][] = [];
  const symbols: (GssSymbol | null)[][] = [];
  for (const item of items) {
    const settled = columns.map((c) => settle(c.cell(item)));
    rows.push(settled.map(([v]) => v));
    symbols.push(settled.map(([, sym]) => sym));
  }
  // The writers see plain TableColumns (key, heading, unit, decimals), not the accessors.
  const plain = columns.map(({ cell: _cell, rounded: _r, ...c }): TableColumn => c);
  return { id, title: spec.title, description: spec.description, columns: plain, rows, symbols, notes: spec.notes ?? [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Wording

const COMPARISON_WORDS: Record<IndicatorResult['comparison'], string> = {
  better: 'better',
  similar: 'similar',
  worse: 'worse',
  higher: 'higher',
  lower: 'lower',
  'not-compared': 'not compared',
};

const words = (s: string): string => s.replace(/[-_]+/g, ' ');

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

const SYMBOL_NOTE = 'Cells show [c] where a figure is withheld to protect the people counted, [x] where it is not available and [z] where it does not apply; the Notes worksheet explains each symbol.';

// ---------------------------------------------------------------------------------------------------------------
// Tables shared by both documents

/** An indicator with what several of its cells depend on. */
interface IndicatorRow {
  i: IndicatorResult;
  /** The headline figure was suppressed. */
  s: boolean;
  /** The change was dropped because a count behind it was suppressed (it could be worked back to them). */
  changeSuppressed: boolean;
}

function indicatorRow(i: IndicatorResult): IndicatorRow {
  const s = i.suppressed;
  return { i, s, changeSuppressed: s || (i.previous !== null && i.previous.count === null) };
}

/** A figure the indicator's suppression explains when absent: [c] if the indicator is suppressed, else [x]. */
const withheldOrMissing = (r: IndicatorRow): CellInput => (r.s ? C : X);

/** A cell of the change: its value, or [c] when it was dropped for disclosure, else [x]. */
const changeCell = (r: IndicatorRow, v: (c: NonNullable<IndicatorResult['change']>) => CellInput): CellInput =>
  r.i.change ? v(r.i.change) : r.changeSuppressed ? C : X;

const indicatorColumns: Column<IndicatorRow>[] = [
  { key: 'indicator_id', heading: 'Indicator ID', cell: ({ i }) => i.id },
  { key: 'indicator', heading: 'Indicator', cell: ({ i }) => i.label },
  { key: 'group', heading: 'Group', cell: ({ i }) => words(i.group) },
  { key: 'period', heading: 'Period', cell: ({ i }) => i.period.label },
  { key: 'period_start', heading: 'Period start', type: 'date', cell: ({ i }) => i.period.start },
  { key: 'period_end', heading: 'Period end', type: 'date', cell: ({ i }) => i.period.end },
  { key: 'count', heading: 'Count', decimals: 0, cell: ({ i, s }) => fig(i.count, s) },
  { key: 'denominator', heading: 'Denominator', decimals: 0, cell: ({ i, s }) => fig(i.denominator, s && i.denominator === null) },
  { key: 'value', heading: 'Value', decimals: 1, rounded: true, cell: ({ i, s }) => fig(i.value, s) },
  { key: 'unit', heading: 'Unit of value', cell: ({ i }) => i.unit },
  { key: 'ci_lower', heading: 'Lower 95% confidence limit', decimals: 1, rounded: true, cell: ({ i, s }) => fig(i.ci95?.[0], s) },
  { key: 'ci_upper', heading: 'Upper 95% confidence limit', decimals: 1, rounded: true, cell: ({ i, s }) => fig(i.ci95?.[1], s) },
  { key: 'ci_method', heading: 'Confidence interval method', cell: (r) => r.i.ciMethod ?? withheldOrMissing(r) },
  { key: 'benchmark_area', heading: 'Benchmark area', cell: ({ i }) => text(i.national?.label) },
  { key: 'benchmark_period', heading: 'Benchmark period', cell: ({ i }) => text(i.national?.period.label) },
  { key: 'benchmark_value', heading: 'Benchmark value', decimals: 1, rounded: true, cell: ({ i }) => fig(i.national?.value) },
  { key: 'comparison', heading: 'Compared with benchmark', cell: ({ i }) => COMPARISON_WORDS[i.comparison] },
  { key: 'peer_average', heading: 'Most similar group average', decimals: 1, cell: (r) => (r.i.peers ? fig(r.i.peers.average) : withheldOrMissing(r)) },
  { key: 'peer_rank', heading: 'Rank in most similar group (1 is highest)', decimals: 0, cell: (r) => (r.i.peers ? fig(r.i.peers.rank) : withheldOrMissing(r)) },
  { key: 'peer_areas', heading: 'Areas in most similar group', decimals: 0, cell: (r) => (r.i.peers ? r.i.peers.of : withheldOrMissing(r)) },
  { key: 'force_area', heading: 'Police force area', cell: ({ i }) => text(i.force?.name) },
  { key: 'force_value', heading: 'Police force area value', decimals: 1, cell: (r) => (r.i.force ? fig(r.i.force.value) : withheldOrMissing(r)) },
  { key: 'force_comparison', heading: 'Compared with police force area', cell: (r) => (r.i.force ? COMPARISON_WORDS[r.i.force.comparison] : withheldOrMissing(r)) },
  { key: 'previous_period', heading: 'Previous period', cell: ({ i }) => text(i.previous?.period.label) },
  { key: 'previous_count', heading: 'Previous count', decimals: 0, cell: ({ i: { previous: p } }) => (p ? fig(p.count, p.count === null) : X) },
  { key: 'previous_value', heading: 'Previous value', decimals: 1, cell: ({ i: { previous: p } }) => (p ? fig(p.value, p.count === null) : X) },
  { key: 'change_percent', heading: 'Change in count on previous period', unit: '%', decimals: 1, cell: (r) => changeCell(r, (c) => fig(c.percent)) },
  { key: 'change_p_value', heading: 'Change p-value', decimals: 3, cell: (r) => changeCell(r, (c) => fig(c.pValue)) },
  { key: 'change_direction', heading: 'Change (significant at 5%)', cell: (r) => changeCell(r, (c) => words(c.direction)) },
  { key: 'change_method', heading: 'Change test', cell: (r) => changeCell(r, (c) => c.method) },
  { key: 'trend_direction', heading: 'Long-term trend', cell: ({ i }) => (i.trend ? words(i.trend.direction) : X) },
  { key: 'trend_p_value', heading: 'Long-term trend p-value', decimals: 3, cell: ({ i }) => (i.trend ? fig(i.trend.pValue) : X) },
  { key: 'trend_method', heading: 'Long-term trend test', cell: ({ i }) => (i.trend ? i.trend.method : X) },
  { key: 'polarity', heading: 'Polarity', cell: ({ i }) => words(i.polarity) },
  { key: 'rag_status', heading: 'RAG status', cell: ({ i }) => i.rag.status },
  { key: 'target', heading: 'Target', decimals: 1, cell: ({ i }) => i.rag.target ?? Z },
  { key: 'rag_reason', heading: 'RAG reason', cell: ({ i }) => i.rag.reason },
  { key: 'suppressed', heading: 'Suppressed', cell: ({ i }) => yesNo(i.suppressed) },
  { key: 'revision', heading: 'Provisional [p] or revised [r]', cell: ({ i }) => (i.revision === 'provisional' ? GSS.provisional : i.revision === 'revised' ? GSS.revised : Z) },
  { key: 'series_break', heading: 'Series break', cell: ({ i }) => text(i.seriesBreak, Z) },
  { key: 'notes', heading: 'Notes', cell: ({ i }) => (i.notes.length > 0 ? i.notes.join('; ') : Z) },
];

function indicatorsTable(indicators: IndicatorResult[], headline: string): DataTable {
  const spec: TableSpec<IndicatorRow> = {
    id: 'indicators',
    title: 'Indicators: headline figures, comparisons, change and targets',
    description: `One row per indicator: ${headline}, its 95% confidence interval, the England and Wales (or England) benchmark, the change on the same period a year earlier, the long-term trend and the RAG status against the partnership's target.`,
    columns: indicatorColumns,
    notes: [
      SYMBOL_NOTE,
      'Value is in the unit given in the "Unit of value" column; rates use the mid-year resident population. "Compared with benchmark" is better or worse only when the whole confidence interval lies on one side of the benchmark value.',
      'Change compares the count with the same period a year earlier and is called significant when the p-value is below 0.05. RAG compares the figure with the target; it is separate from statistical significance.',
    ],
  };
  return buildTable(spec, indicators.map(indicatorRow));
}

/** A year of an indicator's trend. Points are listed only for years with data: a null count there was suppressed. */
interface TrendRow {
  i: IndicatorResult;
  p: NonNullable<IndicatorResult['trend']>['points'][number];
  s: boolean;
}

const trendColumns: Column<TrendRow>[] = [
  { key: 'indicator_id', heading: 'Indicator ID', cell: ({ i }) => i.id },
  { key: 'indicator', heading: 'Indicator', cell: ({ i }) => i.label },
  { key: 'financial_year', heading: 'Financial year', cell: ({ p }) => p.period.label },
  { key: 'period_start', heading: 'Period start', type: 'date', cell: ({ p }) => p.period.start },
  { key: 'period_end', heading: 'Period end', type: 'date', cell: ({ p }) => p.period.end },
  { key: 'count', heading: 'Count', decimals: 0, cell: ({ p, s }) => fig(p.count, s) },
  { key: 'value', heading: 'Value', decimals: 1, rounded: true, cell: ({ p, s }) => fig(p.value, s) },
  { key: 'unit', heading: 'Unit of value', cell: ({ i }) => i.unit },
  { key: 'ci_lower', heading: 'Lower 95% confidence limit', decimals: 1, rounded: true, cell: ({ p, s }) => fig(p.ci95?.[0], s) },
  { key: 'ci_upper', heading: 'Upper 95% confidence limit', decimals: 1, rounded: true, cell: ({ p, s }) => fig(p.ci95?.[1], s) },
];

function trendTable(indicators: IndicatorResult[]): DataTable {
  const spec: TableSpec<TrendRow> = {
    id: 'trend_by_year',
    title: 'Long-term trend: each indicator by financial year',
    description: 'One row per indicator and financial year with data: the count, the value and its 95% confidence interval. The charts of trends in the document are drawn from this table.',
    columns: trendColumns,
    notes: [SYMBOL_NOTE, 'Years with no data for an indicator are left out rather than shown as empty rows.'],
  };
  return buildTable(spec, indicators.flatMap((i) => (i.trend?.points ?? []).map((p) => ({ i, p, s: p.count === null }))));
}

/** Is the key a month "YYYY-MM"? */
const MONTH = /^\d{4}-\d{2}$/;

type SpcIndicator = IndicatorResult & { spc: NonNullable<IndicatorResult['spc']> };

/** An indicator's count in a month, and whether any indicator has a count in that month (which tells [c] from [x]). */
interface MonthRow {
  i: SpcIndicator;
  month: string;
  value: number | null;
  anyData: boolean;
}

const monthlyColumns: Column<MonthRow>[] = [
  { key: 'indicator_id', heading: 'Indicator ID', cell: ({ i }) => i.id },
  { key: 'indicator', heading: 'Indicator', cell: ({ i }) => i.label },
  { key: 'month', heading: 'Month', cell: ({ month }) => month },
  { key: 'month_start', heading: 'Month start', type: 'date', cell: ({ month }) => `${month}-01` },
  { key: 'count', heading: 'Count', decimals: 0, cell: ({ value, anyData }) => fig(value, value === null && anyData) },
];

/**
 * The monthly series in long form, one row per indicator and month of its series (issue 15: one row per
 * observation, so a pivot table, R or Power BI reads it without reshaping).
 */
function spcMonthlyTable(withSpc: SpcIndicator[]): DataTable {
  const counted = new Set(withSpc.flatMap((i) => i.spc.points.filter((p) => typeof p.value === 'number').map((p) => p.period)));
  const rows = withSpc.flatMap((i) =>
    i.spc.points.filter((p) => MONTH.test(p.period)).map((p): MonthRow => ({ i, month: p.period, value: p.value, anyData: counted.has(p.period) })),
  );
  const spec: TableSpec<MonthRow> = {
    id: 'spc_monthly',
    title: 'Monthly counts behind the statistical process control charts',
    description: 'One row per indicator and month of its monthly series: the count of crimes or incidents recorded in that month.',
    columns: monthlyColumns,
    notes: [
      SYMBOL_NOTE,
      'A month with no data for any indicator is shown as [x]; a count withheld for disclosure control in a month that has data is shown as [c].',
    ],
  };
  return buildTable(spec, rows);
}

/** An indicator's XmR chart with the months that carry a signal and the latest signal. */
interface LimitsRow {
  i: SpcIndicator;
  flagged: number;
  latest: SpcIndicator['spc']['signals'][number] | undefined;
}

const limitsColumns: Column<LimitsRow>[] = [
  { key: 'indicator_id', heading: 'Indicator ID', cell: ({ i }) => i.id },
  { key: 'indicator', heading: 'Indicator', cell: ({ i }) => i.label },
  { key: 'first_month', heading: 'First month', cell: ({ i }) => text(i.spc.points[0]?.period) },
  { key: 'last_month', heading: 'Last month', cell: ({ i }) => text(i.spc.points.at(-1)?.period) },
  { key: 'months', heading: 'Months', decimals: 0, cell: ({ i }) => i.spc.points.length },
  { key: 'mean', heading: 'Mean', unit: 'count a month', decimals: 1, cell: ({ i }) => i.spc.mean },
  { key: 'lower_limit', heading: 'Lower process limit', unit: 'count a month', decimals: 1, cell: ({ i }) => i.spc.lower },
  { key: 'upper_limit', heading: 'Upper process limit', unit: 'count a month', decimals: 1, cell: ({ i }) => i.spc.upper },
  { key: 'variation', heading: 'Variation', cell: ({ i }) => words(i.spc.variation) },
  { key: 'assurance', heading: 'Assurance against target', cell: ({ i }) => (i.spc.assurance === null ? Z : words(i.spc.assurance)) },
  { key: 'signal_months', heading: 'Months with a special-cause signal', decimals: 0, cell: ({ flagged }) => flagged },
  { key: 'latest_signal', heading: 'Latest signal month', cell: ({ latest }) => (latest ? latest.period : Z) },
  { key: 'latest_signal_meaning', heading: 'Latest signal meaning', cell: ({ latest }) => (latest ? latest.meaning : Z) },
];

function spcLimitsTable(withSpc: SpcIndicator[]): DataTable {
  const spec: TableSpec<LimitsRow> = {
    id: 'spc_limits',
    title: 'Statistical process control: limits and variation',
    description: 'One row per indicator with a monthly series: the mean and the process limits of its XmR chart, what kind of variation it shows, and how many months carry a special-cause signal.',
    columns: limitsColumns,
    notes: [SYMBOL_NOTE, 'Limits are the mean ± 2.66 times the mean moving range (NHS England "Making Data Count"). Assurance is [z] where the indicator has no target.'],
  };
  const rows = withSpc.map((i) => ({
    i,
    flagged: new Set(i.spc.signals.map((s) => s.period)).size,
    latest: [...i.spc.signals].sort((a, b) => a.period.localeCompare(b.period)).at(-1),
  }));
  return buildTable(spec, rows);
}

interface SignalRow {
  i: SpcIndicator;
  s: SpcIndicator['spc']['signals'][number];
}

const signalColumns: Column<SignalRow>[] = [
  { key: 'indicator_id', heading: 'Indicator ID', cell: ({ i }) => i.id },
  { key: 'indicator', heading: 'Indicator', cell: ({ i }) => i.label },
  { key: 'month', heading: 'Month', cell: ({ s }) => s.period },
  { key: 'rule', heading: 'Rule', cell: ({ s }) => words(s.rule) },
  { key: 'direction', heading: 'High or low', cell: ({ s }) => s.direction },
  { key: 'meaning', heading: 'Meaning', cell: ({ s }) => s.meaning },
];

function spcSignalsTable(withSpc: SpcIndicator[]): DataTable {
  const spec: TableSpec<SignalRow> = {
    id: 'spc_signals',
    title: 'Statistical process control: special-cause signals',
    description: 'One row per month and rule that flagged special-cause variation: the rule, whether the point is high or low, and whether that is an improvement or a concern.',
    columns: signalColumns,
    notes: ['Rules: outside limits (a point beyond a process limit); shift (7 points in a row on one side of the mean); trend (7 points in a row rising or falling); two in three (2 of 3 points close to a limit).'],
  };
  return buildTable(spec, withSpc.flatMap((i) => i.spc.signals.map((s) => ({ i, s }))));
}

function spcTables(indicators: IndicatorResult[]): DataTable[] {
  const withSpc = indicators.filter((i): i is SpcIndicator => i.spc !== null);
  if (withSpc.length === 0) return [];
  return [spcMonthlyTable(withSpc), spcLimitsTable(withSpc), spcSignalsTable(withSpc)];
}

type HarmRow = IndicatorResult & { harm: NonNullable<IndicatorResult['harm']> };

const harmColumns: Column<HarmRow>[] = [
  { key: 'indicator_id', heading: 'Indicator ID', cell: (i) => i.id },
  { key: 'indicator', heading: 'Indicator', cell: (i) => i.label },
  { key: 'period', heading: 'Period', cell: (i) => i.period.label },
  { key: 'harm_score', heading: 'Harm score', unit: 'days of imprisonment', decimals: 0, cell: (i) => fig(i.harm.score) },
  { key: 'harm_per_1000', heading: 'Harm per 1,000 residents', unit: 'days of imprisonment', decimals: 1, cell: (i) => fig(i.harm.perThousand) },
  { key: 'share_of_harm', heading: 'Share of all harm', unit: 'proportion, 0 to 1', decimals: 3, cell: (i) => fig(i.harm.shareOfHarm) },
  { key: 'share_of_volume', heading: 'Share of all crimes', unit: 'proportion, 0 to 1', decimals: 3, cell: (i) => fig(i.harm.shareOfVolume) },
];

function harmTable(indicators: IndicatorResult[]): DataTable {
  const spec: TableSpec<HarmRow> = {
    id: 'harm',
    title: 'Harm: crime weighted by the Cambridge Crime Harm Index',
    description: 'One row per police recorded crime category with a harm weight: the total harm score, harm per 1,000 residents, and the category\'s share of all harm against its share of all crimes.',
    columns: harmColumns,
    notes: [SYMBOL_NOTE, 'Each crime is weighted by the days of imprisonment a first offence of its kind would attract under sentencing guidelines (Sherman, Neyroud and Neyroud 2016). The row for all recorded crime is the total.'],
  };
  return buildTable(spec, indicators.filter((i): i is HarmRow => !!i.harm));
}

type Place = NonNullable<Assessment['places']>['top'][number];

function placesTable(a: Assessment): DataTable {
  const spec: TableSpec<{ p: Place; rank: number }> = {
    id: 'places',
    title: 'Where crime happened: the neighbourhoods (LSOAs) with the most crime',
    description: `The LSOAs with the most police recorded crime (street-level, excluding anti-social behaviour) in ${a.period.label}, most first: crimes, their share of the area's crimes, and crimes the year before.`,
    columns: [
      { key: 'rank', heading: 'Rank', decimals: 0, cell: ({ rank }) => rank },
      { key: 'lsoa_code', heading: 'LSOA code', cell: ({ p }) => p.code },
      { key: 'lsoa_name', heading: 'LSOA name', cell: ({ p }) => p.name },
      { key: 'period', heading: 'Period', cell: () => a.period.label },
      { key: 'crimes', heading: 'Crimes', decimals: 0, cell: ({ p }) => fig(p.count, p.suppressed) },
      { key: 'share', heading: "Share of the area's crimes", unit: 'proportion, 0 to 1', decimals: 3, cell: ({ p }) => fig(p.share, p.suppressed) },
      { key: 'crimes_year_before', heading: 'Crimes, the year before', decimals: 0, cell: ({ p }) => (p.previousSuppressed ? C : fig(p.previousCount)) },
    ],
    notes: [
      SYMBOL_NOTE,
      a.places
        ? `Across all ${a.places.lsoas} LSOAs of the area, the ${a.places.topTenthLsoas} with the most crime (a tenth) had a share of ${a.places.topTenthShare.toFixed(3)} of its ${a.places.total} crimes.`
        : 'The police.uk data do not cover the year.',
    ],
  };
  return buildTable(spec, (a.places?.top ?? []).map((p, i) => ({ p, rank: i + 1 })));
}

type PeerGroupRow = {
  i: IndicatorResult;
  g: NonNullable<IndicatorResult['peerGroup']>;
  m: { code: string; name: string; count: number | null; population: number | null; value: number | null };
  ours: boolean;
};

const peerGroupColumns: Column<PeerGroupRow>[] = [
  { key: 'indicator_id', heading: 'Indicator ID', cell: (r) => r.i.id },
  { key: 'indicator', heading: 'Indicator', cell: (r) => r.i.label },
  { key: 'period', heading: 'Period', cell: (r) => r.i.period.label },
  { key: 'member_code', heading: 'Partnership code', cell: (r) => r.m.code },
  { key: 'member_name', heading: 'Partnership name', cell: (r) => r.m.name },
  { key: 'this_partnership', heading: 'This partnership', cell: (r) => yesNo(r.ours) },
  { key: 'crimes', heading: 'Crimes', decimals: 0, cell: (r) => fig(r.m.count) },
  { key: 'residents', heading: 'Residents', decimals: 0, cell: (r) => fig(r.m.population) },
  { key: 'rate', heading: 'Rate', unit: 'per 1,000 residents', decimals: 2, rounded: true, cell: (r) => fig(r.m.value) },
  { key: 'rank_lowest', heading: 'Rank of this partnership (1 is the lowest rate)', decimals: 0, cell: (r) => (r.ours ? r.g.rank : Z) },
  { key: 'group_size', heading: 'Partnerships compared', decimals: 0, cell: (r) => r.g.of },
  { key: 'peer_average', heading: "Average of the peers' rates", unit: 'per 1,000 residents', decimals: 2, cell: (r) => r.g.average },
  { key: 'pooled_rate', heading: 'Pooled rate of the group', unit: 'per 1,000 residents', decimals: 2, cell: (r) => r.g.pooled },
  { key: 'limit95_lower', heading: '95% lower limit for this partnership', unit: 'per 1,000 residents', decimals: 2, cell: (r) => r.g.limits95[0] },
  { key: 'limit95_upper', heading: '95% upper limit for this partnership', unit: 'per 1,000 residents', decimals: 2, cell: (r) => r.g.limits95[1] },
  { key: 'limit998_lower', heading: '99.8% lower limit for this partnership', unit: 'per 1,000 residents', decimals: 2, cell: (r) => r.g.limits998[0] },
  { key: 'limit998_upper', heading: '99.8% upper limit for this partnership', unit: 'per 1,000 residents', decimals: 2, cell: (r) => r.g.limits998[1] },
  { key: 'position', heading: 'This partnership against the 99.8% limits', cell: (r) => (r.ours ? r.g.position : Z) },
];

/** The most similar group: one row per indicator and partnership (this one first, then the peers kept). */
function peerGroupTable(a: Assessment): DataTable {
  const spec: TableSpec<PeerGroupRow> = {
    id: 'peer_group',
    title: 'Most similar group: the partnership among its peers',
    description: 'One row per police recorded crime category and partnership of the most similar group (this partnership, then its peers): crimes, residents and rate over the quarters every member has in full (Home Office CSP table), with the group average, this partnership\'s rank (1 is the lowest rate) and its control limits.',
    columns: peerGroupColumns,
    notes: [
      SYMBOL_NOTE,
      "The average is the mean of the peers' rates (this partnership excluded). The limits are exact Poisson funnel limits around the group's pooled rate for a population the size of this partnership's (APHO Technical Briefing 2; Spiegelhalter 2005).",
    ],
  };
  const rows = a.indicators.flatMap((i) => {
    const g = i.peerGroup;
    if (!g) return [];
    const own = { code: a.area.code, name: a.area.name, ...g.partnership };
    return [{ i, g, m: own, ours: true }, ...g.peers.map((m) => ({ i, g, m, ours: false }))];
  });
  return buildTable(spec, rows);
}

type PlacesSection = NonNullable<Assessment['places']>;
type WardRow = NonNullable<PlacesSection['wards']>[number];
type DecileRow = NonNullable<PlacesSection['deprivation']>[number];

const FUNNEL_WORDS: Record<WardRow['comparison'], string> = {
  higher: 'higher than average',
  similar: 'similar to average',
  lower: 'lower than average',
  'not-compared': 'not compared',
};

/** A rate's cell: [c] when the count behind it was suppressed, [x] when there is no rate (no population). */
const rateCell = (v: number | null | undefined, countSuppressed: boolean): CellInput => fig(v, countSuppressed);

const wardColumns = (period: string): Column<WardRow>[] => [
  { key: 'ward_code', heading: 'Ward code', cell: (w) => w.code },
  { key: 'ward_name', heading: 'Ward name', cell: (w) => w.name },
  { key: 'period', heading: 'Period', cell: () => period },
  { key: 'crimes', heading: 'Crimes', decimals: 0, cell: (w) => fig(w.count, w.suppressed) },
  { key: 'residents', heading: 'Residents', decimals: 0, cell: (w) => fig(w.population) },
  { key: 'rate', heading: 'Rate', unit: 'crimes per 1,000 residents', decimals: 1, rounded: true, cell: (w) => rateCell(w.value, w.suppressed) },
  { key: 'ci_lower', heading: 'Lower 95% confidence limit', decimals: 1, rounded: true, cell: (w) => rateCell(w.ci95?.lower, w.suppressed) },
  { key: 'ci_upper', heading: 'Upper 95% confidence limit', decimals: 1, rounded: true, cell: (w) => rateCell(w.ci95?.upper, w.suppressed) },
  { key: 'funnel_position', heading: 'Compared with the partnership average (95% funnel limits)', cell: (w) => (w.suppressed ? C : FUNNEL_WORDS[w.comparison]) },
  { key: 'beyond_99_8', heading: 'Outside the 99.8% funnel limits', cell: (w) => (w.suppressed ? C : w.comparison === 'not-compared' ? X : yesNo(w.beyond998)) },
];

function wardsTable(a: Assessment): DataTable {
  const p = a.places;
  const spec: TableSpec<WardRow> = {
    id: 'places_wards',
    title: 'Where crime happened: crime by ward',
    description: `One row per ward: police recorded crime (street-level, excluding anti-social behaviour) in ${a.period.label}, residents, the rate per 1,000 residents with its 95% confidence interval, and where the ward falls on the funnel plot against the partnership average.`,
    columns: wardColumns(a.period.label),
    notes: [
      SYMBOL_NOTE,
      'Ward counts add up to the area\'s total, so a ward with fewer crimes than the disclosure threshold is withheld ([c]), with a second ward where needed so that it cannot be worked back by subtraction. Residents are the sum of the ward\'s LSOA mid-year estimates ([x] where one is missing).',
      p?.average
        ? `The partnership average is ${p.average.count} crimes over ${p.average.population} residents. A ward is higher or lower than average when its rate is outside the 95% control limits of the funnel plot (exact Poisson limits, APHO Technical Briefing 2).`
        : 'Without LSOA population estimates, no rate or comparison is computed.',
    ],
  };
  return buildTable(spec, p?.wards ?? []);
}

const decileColumns = (period: string): Column<DecileRow>[] => [
  { key: 'decile', heading: 'Deprivation decile (1 is the most deprived tenth)', decimals: 0, cell: (d) => d.decile },
  { key: 'period', heading: 'Period', cell: () => period },
  { key: 'lsoas', heading: 'LSOAs', decimals: 0, cell: (d) => d.lsoas },
  { key: 'residents', heading: 'Residents', decimals: 0, cell: (d) => fig(d.population) },
  { key: 'crimes', heading: 'Crimes', decimals: 0, cell: (d) => fig(d.count, d.count === null) },
  { key: 'crime_rate', heading: 'Crime rate', unit: 'crimes per 1,000 residents', decimals: 1, rounded: true, cell: (d) => rateCell(d.value, d.count === null) },
  { key: 'crime_ci_lower', heading: 'Crime rate: lower 95% confidence limit', decimals: 1, rounded: true, cell: (d) => rateCell(d.ci95?.lower, d.count === null) },
  { key: 'crime_ci_upper', heading: 'Crime rate: upper 95% confidence limit', decimals: 1, rounded: true, cell: (d) => rateCell(d.ci95?.upper, d.count === null) },
  { key: 'asb_incidents', heading: 'Anti-social behaviour incidents', decimals: 0, cell: (d) => fig(d.asbCount, d.asbCount === null) },
  { key: 'asb_rate', heading: 'Anti-social behaviour rate', unit: 'incidents per 1,000 residents', decimals: 1, rounded: true, cell: (d) => rateCell(d.asbValue, d.asbCount === null) },
  { key: 'asb_ci_lower', heading: 'Anti-social behaviour rate: lower 95% confidence limit', decimals: 1, rounded: true, cell: (d) => rateCell(d.asbCi95?.lower, d.asbCount === null) },
  { key: 'asb_ci_upper', heading: 'Anti-social behaviour rate: upper 95% confidence limit', decimals: 1, rounded: true, cell: (d) => rateCell(d.asbCi95?.upper, d.asbCount === null) },
];

function deprivationTable(a: Assessment): DataTable {
  const r = a.places?.deprivationRatio;
  const ratio = (x: { value: number; ci95: { lower: number; upper: number } | null } | null | undefined, what: string) =>
    x ? `${what} ${x.value.toFixed(2)}${x.ci95 ? ` (95% CI ${x.ci95.lower.toFixed(2)} to ${x.ci95.upper.toFixed(2)})` : ''}` : `${what} not computed (a count withheld or no rate)`;
  const spec: TableSpec<DecileRow> = {
    id: 'places_deprivation',
    title: 'Where crime happened: crime and anti-social behaviour by deprivation decile',
    description: `One row per deprivation decile of the area's LSOAs (English Indices of Deprivation 2019 or WIMD 2019; 1 is the most deprived tenth nationally): crimes and anti-social behaviour incidents in ${a.period.label}, residents, and rates per 1,000 residents with 95% confidence intervals.`,
    columns: decileColumns(a.period.label),
    notes: [
      SYMBOL_NOTE,
      'Decile counts add up to the area\'s total, so crime and anti-social behaviour are each suppressed as a linked table: a decile with fewer than the disclosure threshold is withheld ([c]), with a second where needed.',
      r
        ? `Rate ratio, decile ${r.deciles[0]} over decile ${r.deciles[1]} (exact conditional Poisson interval, as R poisson.test): ${ratio(r.crime, 'crime')}; ${ratio(r.asb, 'anti-social behaviour')}.`
        : 'The area\'s LSOAs fall in one decile: no ratio is computed.',
    ],
  };
  return buildTable(spec, a.places?.deprivation ?? []);
}

type LocationRow = NonNullable<PlacesSection['locations']>[number];

function locationsTable(a: Assessment): DataTable {
  const spec: TableSpec<{ l: LocationRow; rank: number }> = {
    id: 'places_locations',
    title: 'Where crime happened: the places that attract the most crime',
    description: `The police.uk map points ("On or near …") with the most crime (street-level, excluding anti-social behaviour) in ${a.period.label}, most first, with the LSOA each lies in.`,
    columns: [
      { key: 'rank', heading: 'Rank', decimals: 0, cell: ({ rank }) => rank },
      { key: 'location', heading: 'Location', cell: ({ l }) => l.location },
      { key: 'lsoa_code', heading: 'LSOA code', cell: ({ l }) => l.lsoa },
      { key: 'lsoa_name', heading: 'LSOA name', cell: ({ l }) => l.lsoaName },
      { key: 'period', heading: 'Period', cell: () => a.period.label },
      { key: 'crimes', heading: 'Crimes', decimals: 0, cell: ({ l }) => l.count },
    ],
    notes: [
      'police.uk moves each crime to the nearest of a set of anonymised map points, so a location is a street, a car park or a shopping area rather than an address.',
      'Points with fewer crimes than the disclosure threshold are never listed.',
    ],
  };
  return buildTable(spec, (a.places?.locations ?? []).map((l, i) => ({ l, rank: i + 1 })));
}

/** The tables of the "Where crime happens" chapter beyond the LSOA list: wards, deprivation deciles, attractors. */
function placesDetailTables(a: Assessment): DataTable[] {
  return [wardsTable(a), deprivationTable(a), locationsTable(a)];
}

type StopSearchRow = { group: string; by?: string; all: boolean; s: NonNullable<Assessment['stopSearch']>; e?: NonNullable<Assessment['stopSearch']>['byEthnicity'][number] };

/** Stop and search (police.uk): a row for all searches (arrests, linked outcomes), then one per ethnic group. */
function stopSearchTable(a: Assessment): DataTable {
  const s = a.stopSearch;
  const byGroup = (v: (e: NonNullable<StopSearchRow['e']>) => number | null, withheld = false) => (r: StopSearchRow) =>
    r.all ? Z : r.e!.searches === null && withheld ? C : fig(v(r.e!));
  const share = (k: 'arrests' | 'linked', f: 'count' | 'share') => (r: StopSearchRow) => (r.all ? (r.s[k].count === null && r.s.searches !== null ? C : fig(r.s[k][f])) : Z);
  const spec: TableSpec<StopSearchRow> = {
    id: 'stop_search',
    title: 'Stop and search, by self-defined and officer-defined ethnic group',
    description: `Stop and searches in ${a.period.label} (police.uk), for the partnership or the whole force (see the level column): all searches with arrests and outcomes linked to the object of search, then each Census 2021 broad ethnic group with its search rate and rate ratio against White residents, by self-defined ethnicity and then by officer-defined ethnicity (which has no Mixed group).`,
    columns: [
      { key: 'group', heading: 'Ethnic group', cell: (r) => r.group },
      { key: 'ethnicity_by', heading: 'Ethnicity recorded as', cell: (r) => r.by ?? Z },
      { key: 'level', heading: 'Level', cell: (r) => r.s.level },
      { key: 'force', heading: 'Police force', cell: (r) => r.s.force },
      { key: 'searches', heading: 'Searches', decimals: 0, cell: (r) => (r.all ? fig(r.s.searches, r.s.searches === null) : fig(r.e!.searches, r.e!.searches === null)) },
      { key: 'arrests', heading: 'Searches ending in arrest', decimals: 0, cell: share('arrests', 'count') },
      { key: 'arrest_share', heading: 'Share ending in arrest', unit: '%', decimals: 1, rounded: true, cell: share('arrests', 'share') },
      { key: 'linked', heading: 'Outcome linked to the object of search', decimals: 0, cell: share('linked', 'count') },
      { key: 'linked_share', heading: 'Share with a linked outcome', unit: '%', decimals: 1, rounded: true, cell: share('linked', 'share') },
      { key: 'residents', heading: 'Residents (Census 2021)', decimals: 0, cell: byGroup((e) => e.population) },
      { key: 'rate', heading: 'Searches per 1,000 residents', decimals: 1, rounded: true, cell: byGroup((e) => e.rate, true) },
      { key: 'rate_ratio', heading: 'Rate ratio against White residents', decimals: 1, rounded: true, cell: (r) => (r.all || r.e!.group === 'White' ? Z : byGroup((e) => e.rateRatio, true)(r)) },
      { key: 'rate_ratio_lower', heading: 'Rate ratio, 95% interval lower limit', decimals: 1, rounded: true, cell: (r) => (r.all || r.e!.group === 'White' ? Z : byGroup((e) => e.rateRatioCi95?.[0] ?? null, true)(r)) },
      { key: 'rate_ratio_upper', heading: 'Rate ratio, 95% interval upper limit', decimals: 1, rounded: true, cell: (r) => (r.all || r.e!.group === 'White' ? Z : byGroup((e) => e.rateRatioCi95?.[1] ?? null, true)(r)) },
    ],
    notes: [
      SYMBOL_NOTE,
      'Self-defined ethnicity, grouped into the five broad groups of the 2021 Census, against the 2021 Census residents of each group, as the Home Office does; searches whose ethnicity was not stated are in the all-searches row only.',
      'Officer-defined ethnicity (White, Black, Asian, Other) against the same residents; it has no Mixed group, so Mixed residents are left out of that comparison.',
      ...(s?.notes ?? []),
    ],
  };
  const self = (s?.byEthnicity ?? []).map((e) => ({ group: e.group, by: 'self-defined', all: false, s: s!, e }));
  const officer = (s?.byOfficerEthnicity ?? []).map((e) => ({ group: e.group, by: 'officer-defined', all: false, s: s!, e }));
  const rows: StopSearchRow[] = s ? [{ group: 'All searches', all: true, s }, ...self, ...officer] : [];
  return buildTable(spec, rows);
}

type OutcomeTableRow = { row: NonNullable<Assessment['outcomes']>[number]; level: 'partnership' | 'force' };
const OUTCOME_COLUMNS = [
  ['charged', 'Charged or summonsed'],
  ['noSuspect', 'No suspect identified'],
  ['outOfCourt', 'Out of court'],
  ['open', 'Still under investigation'],
  ['other', 'Other outcome'],
] as const;

/** What happened to reported crimes (police.uk outcomes): per crime type, the partnership's row and the force's. */
function outcomesTable(a: Assessment): DataTable {
  const info = a.outcomesInfo;
  const of = (r: OutcomeTableRow) => (r.level === 'force' ? r.row.force : r.row);
  const withheld = (r: OutcomeTableRow, k: (typeof OUTCOME_COLUMNS)[number][0]) => of(r)[k].count === null;
  const categoryColumns = OUTCOME_COLUMNS.flatMap(([k, label]): Column<OutcomeTableRow>[] => {
    const key = k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`); // noSuspect → no_suspect
    return [
    { key, heading: label, decimals: 0, cell: (r) => fig(of(r)[k].count, withheld(r, k)) },
    { key: `${key}_share`, heading: `${label}: share of crimes with an outcome`, unit: '%', decimals: 1, rounded: true, cell: (r) => fig(of(r)[k].share, withheld(r, k)) },
    { key: `${key}_lower`, heading: `${label}: 95% interval lower limit`, unit: '%', decimals: 1, rounded: true, cell: (r) => fig(of(r)[k].ci95?.[0] ?? null, withheld(r, k)) },
    { key: `${key}_upper`, heading: `${label}: 95% interval upper limit`, unit: '%', decimals: 1, rounded: true, cell: (r) => fig(of(r)[k].ci95?.[1] ?? null, withheld(r, k)) },
    ];
  });
  const comparison = (f: (c: NonNullable<OutcomeTableRow['row']['comparison']>) => number | string) => (r: OutcomeTableRow) =>
    r.level === 'force' ? Z : r.row.comparison ? f(r.row.comparison) : X;
  const spec: TableSpec<OutcomeTableRow> = {
    id: 'outcomes',
    title: 'What happened to reported crimes',
    description: `The latest outcome (police.uk outcomes files, else the street files' last outcome category) of the crimes recorded in ${info?.period.label ?? a.period.label}, by crime type: for the partnership and for the whole of ${info?.forces.join(' and ') || 'the force'}, with shares of the crimes with an outcome and 95% Wilson intervals.`,
    columns: [
      { key: 'crime_type', heading: 'Crime type', cell: (r) => r.row.crimeType },
      { key: 'level', heading: 'Level', cell: (r) => r.level },
      { key: 'total', heading: 'Crimes with an outcome', decimals: 0, cell: (r) => fig(of(r).total, of(r).total === null) },
      ...categoryColumns,
      { key: 'charged_rest_of_force', heading: 'Charged share of the rest of the force', unit: '%', decimals: 1, rounded: true, cell: comparison((c) => c.restOfForceShare) },
      { key: 'charged_difference', heading: 'Charged share minus the rest of the force (percentage points)', decimals: 1, rounded: true, cell: comparison((c) => c.difference) },
      { key: 'charged_p_value', heading: 'Two-proportion test p-value', decimals: 3, rounded: true, cell: comparison((c) => c.pValue) },
      { key: 'charged_comparison', heading: 'Charged share against the rest of the force', cell: comparison((c) => c.result) },
    ],
    notes: [SYMBOL_NOTE, 'Charged or summonsed includes crimes awaiting a court outcome and every court result. The comparison is a two-proportion test (Pearson chi-squared without continuity correction) of the partnership against the rest of the force; higher or lower when p < 0.05.', ...(info?.notes ?? [])],
  };
  const rows = (a.outcomes ?? []).flatMap((row): OutcomeTableRow[] => [{ row, level: 'partnership' }, { row, level: 'force' }]);
  return buildTable(spec, rows);
}

type Priority = Assessment['priorities'][number];

const priorityScoreColumns: Column<Priority>[] = [
  { key: 'rank', heading: 'Rank', decimals: 0, cell: (p) => p.rank },
  { key: 'candidate_id', heading: 'Candidate ID', cell: (p) => p.id },
  { key: 'candidate', heading: 'Candidate priority', cell: (p) => p.label },
  { key: 'score', heading: 'Score', unit: '0 to 1', decimals: 3, cell: (p) => p.score },
  { key: 'rank_best', heading: 'Best rank when weights vary', decimals: 0, cell: (p) => p.rankRange[0] },
  { key: 'rank_worst', heading: 'Worst rank when weights vary', decimals: 0, cell: (p) => p.rankRange[1] },
];

interface CriterionRow {
  p: Priority;
  c: Priority['components'][number];
}

const priorityCriteriaColumns: Column<CriterionRow>[] = [
  { key: 'candidate_id', heading: 'Candidate ID', cell: ({ p }) => p.id },
  { key: 'candidate', heading: 'Candidate priority', cell: ({ p }) => p.label },
  { key: 'rank', heading: 'Rank', decimals: 0, cell: ({ p }) => p.rank },
  { key: 'score', heading: 'Score', unit: '0 to 1', decimals: 3, cell: ({ p }) => p.score },
  { key: 'criterion', heading: 'Criterion', cell: ({ c }) => words(c.criterion) },
  { key: 'raw_value', heading: 'Raw value', decimals: 1, cell: ({ c }) => (typeof c.raw === 'number' ? c.raw : c.raw === null ? X : Z) },
  { key: 'raw_evidence', heading: 'Raw evidence', cell: ({ c }) => (typeof c.raw === 'string' ? c.raw : c.raw === null ? X : Z) },
  { key: 'scaled', heading: 'Scaled value', unit: '0 to 1', decimals: 3, cell: ({ c }) => fig(c.scaled) },
  { key: 'weight', heading: 'Weight', unit: '0 to 1', decimals: 3, cell: ({ c }) => c.weight },
  { key: 'contribution', heading: 'Contribution to score', unit: '0 to 1', decimals: 3, cell: ({ c }) => c.contribution },
];

function prioritiesTables(priorities: Assessment['priorities']): DataTable[] {
  const scores = buildTable(
    {
      id: 'priority_scores',
      title: 'Priority scores and ranks',
      description: 'One row per candidate priority: its weighted score, its rank (1 is the highest priority) and the range of ranks it takes when the criteria weights are varied.',
      columns: priorityScoreColumns,
      notes: ['The score is the sum over the criteria of the scaled value (0 to 1) times the criterion\'s weight; the Priority_criteria worksheet gives the breakdown.'],
    },
    priorities,
  );
  const criteria = buildTable(
    {
      id: 'priority_criteria',
      title: 'Priority scores: breakdown by criterion',
      description: 'One row per candidate priority and criterion: the raw evidence, its value scaled from 0 to 1, the criterion\'s weight and its contribution to the score.',
      columns: priorityCriteriaColumns,
      notes: [
        SYMBOL_NOTE,
        'A raw value is a number for criteria measured from the data (volume, harm); for the others the raw evidence is text (the indicators\' trends or comparisons, or a workshop score with its source), and the raw value is [z].',
        'A criterion with no data ([x]) is left out of that candidate\'s score, and the other weights are scaled up to sum to 1.',
      ],
    },
    priorities.flatMap((p) => p.components.map((c) => ({ p, c }))),
  );
  return [scores, criteria];
}

/** Tables with no rows are left out: an empty table tells a reader nothing (GSS: do not publish empty tables). */
const nonEmpty = (tables: DataTable[]): DataTable[] => tables.filter((t) => t.rows.length > 0);

/** The area and period a document is about, which lead every row of its tables. */
interface Identity {
  code: string;
  name: string;
  period: string;
}

const IDENTITY_COLUMNS: TableColumn[] = [
  { key: 'area_code', heading: 'Area code' },
  { key: 'area_name', heading: 'Area name' },
  { key: 'document_period', heading: 'Document period' },
];

/**
 * Lead every row with the area's code and name and the document's period, so that tables of several areas or
 * years stack into one (--all-areas writes them stacked) and join on the code (issue 15: analysis-ready files).
 */
function withIdentity(t: DataTable, who: Identity): DataTable {
  const cells = [who.code, who.name, who.period];
  return {
    ...t,
    columns: [...IDENTITY_COLUMNS, ...t.columns],
    rows: t.rows.map((r) => [...cells, ...r]),
    symbols: t.symbols.map((r) => [null, null, null, ...r]),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Documents

/** The data tables of the strategic assessment, in the order the spreadsheet lists them. */
export function assessmentTables(a: Assessment): DataTable[] {
  const who = { code: a.area.code, name: a.area.name, period: a.period.label };
  return nonEmpty([
    indicatorsTable(a.indicators, `the figure for ${a.period.label} (or the latest year published)`),
    trendTable(a.indicators),
    ...spcTables(a.indicators),
    harmTable(a.indicators),
    placesTable(a),
    ...placesDetailTables(a),
    stopSearchTable(a),
    outcomesTable(a),
    peerGroupTable(a),
    ...prioritiesTables(a.priorities),
  ]).map((t) => withIdentity(t, who));
}

type ReportCell = Report['rows'][number]['quarter'];

/** A report cell's count: [c] when suppressed, [x] when missing. */
function reportCount(c: ReportCell): CellInput {
  return c.status === 'suppressed' ? C : c.status === 'missing' ? X : fig(c.count);
}

/** A report cell's value: [c] when suppressed, [x] when missing. */
function reportValue(c: ReportCell): CellInput {
  return c.status === 'suppressed' ? C : c.status === 'missing' ? X : fig(c.value);
}

/** A row of the board's summary, with its indicator (if the report has it) and what its change cells depend on. */
interface SummaryRow {
  row: Report['rows'][number];
  i: IndicatorResult | undefined;
  change: IndicatorResult['change'];
  /** The change was dropped because a count behind it was suppressed. */
  changeSuppressed: boolean;
  exception: boolean;
}

const summaryChange = (r: SummaryRow, v: (c: NonNullable<IndicatorResult['change']>) => CellInput): CellInput =>
  r.change ? v(r.change) : r.changeSuppressed ? C : X;

const summaryColumns: Column<SummaryRow>[] = [
  { key: 'indicator_id', heading: 'Indicator ID', cell: ({ row }) => row.id },
  { key: 'indicator', heading: 'Indicator', cell: ({ row, i }) => i?.label ?? row.id },
  { key: 'unit', heading: 'Unit of value', cell: ({ i }) => (i ? i.unit : X) },
  { key: 'quarter_count', heading: 'This quarter: count', decimals: 0, cell: ({ row }) => reportCount(row.quarter) },
  { key: 'quarter_value', heading: 'This quarter: value', decimals: 1, cell: ({ row }) => reportValue(row.quarter) },
  { key: 'last_year_quarter_count', heading: 'Same quarter last year: count', decimals: 0, cell: ({ row }) => reportCount(row.lastYearQuarter) },
  { key: 'last_year_quarter_value', heading: 'Same quarter last year: value', decimals: 1, cell: ({ row }) => reportValue(row.lastYearQuarter) },
  { key: 'ytd_count', heading: 'Year to date: count', decimals: 0, cell: ({ row }) => reportCount(row.yearToDate) },
  { key: 'ytd_value', heading: 'Year to date: value', decimals: 1, cell: ({ row }) => reportValue(row.yearToDate) },
  { key: 'last_ytd_count', heading: 'Same period last year: count', decimals: 0, cell: ({ row }) => reportCount(row.lastYearToDate) },
  { key: 'last_ytd_value', heading: 'Same period last year: value', decimals: 1, cell: ({ row }) => reportValue(row.lastYearToDate) },
  { key: 'change_percent', heading: 'Change in year to date count', unit: '%', decimals: 1, cell: (r) => summaryChange(r, (c) => fig(c.percent)) },
  { key: 'change_p_value', heading: 'Change p-value', decimals: 3, cell: (r) => summaryChange(r, (c) => fig(c.pValue)) },
  { key: 'change_direction', heading: 'Change (significant at 5%)', cell: (r) => summaryChange(r, (c) => words(c.direction)) },
  { key: 'benchmark_area', heading: 'Benchmark area', cell: ({ i }) => text(i?.national?.label) },
  { key: 'benchmark_period', heading: 'Benchmark period', cell: ({ i }) => text(i?.national?.period.label) },
  { key: 'benchmark_value', heading: 'Benchmark value', decimals: 1, cell: ({ i }) => fig(i?.national?.value) },
  { key: 'comparison', heading: 'Compared with benchmark', cell: ({ i }) => (i ? COMPARISON_WORDS[i.comparison] : X) },
  { key: 'rag_status', heading: 'RAG status', cell: ({ i }) => (i ? i.rag.status : X) },
  { key: 'target', heading: 'Target', decimals: 1, cell: ({ i }) => (i ? (i.rag.target ?? Z) : X) },
  { key: 'rag_reason', heading: 'RAG reason', cell: ({ i }) => (i ? i.rag.reason : X) },
  { key: 'exception', heading: 'In exceptions', cell: ({ exception }) => yesNo(exception) },
];

function summaryTable(r: Report, byId: ReadonlyMap<string, IndicatorResult>): DataTable {
  const exceptional = new Set(r.exceptions.map((e) => e.id));
  const rows = r.rows.map((row): SummaryRow => {
    const i = byId.get(row.id);
    const suppressed = i?.suppressed ?? false;
    const changeSuppressed = suppressed || row.yearToDate.status === 'suppressed' || row.lastYearToDate.status === 'suppressed';
    return { row, i, change: i?.change ?? null, changeSuppressed, exception: exceptional.has(row.id) };
  });
  const spec: TableSpec<SummaryRow> = {
    id: 'quarter_summary',
    title: `Performance summary: ${r.period.label}`,
    description: `One row per indicator on the board's report: this quarter, the year to date and the same periods a year earlier, the change in the year to date and its significance, the comparison with England and Wales and the RAG status.`,
    columns: summaryColumns,
    notes: [
      SYMBOL_NOTE,
      `This quarter is ${r.period.label}; the year to date is ${r.yearToDate.label}. Values are in the unit given in the "Unit of value" column.`,
      'The benchmark is the latest complete financial year with a national figure, never a part year. RAG compares the latest 12 months with the annual target; it is separate from statistical significance.',
    ],
  };
  return buildTable(spec, rows);
}

function exceptionsTable(r: Report, byId: ReadonlyMap<string, IndicatorResult>): DataTable {
  const spec: TableSpec<Report['exceptions'][number]> = {
    id: 'exceptions',
    title: `Exceptions: ${r.period.label}`,
    description: 'One row per indicator that needs the board\'s attention: a special-cause concern in its monthly series, or a significant deterioration in the year to date against last year.',
    columns: [
      { key: 'indicator_id', heading: 'Indicator ID', cell: (e) => e.id },
      { key: 'indicator', heading: 'Indicator', cell: (e) => byId.get(e.id)?.label ?? e.id },
      { key: 'reason', heading: 'Reason', cell: (e) => e.reason },
    ],
  };
  return buildTable(spec, r.exceptions);
}

/** The data tables of the quarterly performance report, in the order the spreadsheet lists them. */
export function reportTables(r: Report): DataTable[] {
  const byId = new Map(r.indicators.map((i) => [i.id, i]));
  const who = { code: r.area.code, name: r.area.name, period: r.period.label };
  return nonEmpty([
    summaryTable(r, byId),
    exceptionsTable(r, byId),
    indicatorsTable(r.indicators, `the figure for the ${r.yearToDate.label}`),
    trendTable(r.indicators),
    ...spcTables(r.indicators),
  ]).map((t) => withIdentity(t, who));
}

// The needs assessment's tables (./needs-tables.ts) are built with the same pieces.
export { buildTable, fig, indicatorsTable, nonEmpty, SYMBOL_NOTE, trendTable, withIdentity, type Column, type TableSpec };
