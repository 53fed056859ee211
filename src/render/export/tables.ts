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
  /** Decimal places a spreadsheet shows for the column's numbers (the stored number keeps its full precision). */
  decimals?: number;
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

class TableBuilder {
  readonly rows: CellValue[][] = [];
  readonly symbols: (GssSymbol | null)[][] = [];

  constructor(
    readonly id: string,
    readonly title: string,
    readonly description: string,
    readonly columns: TableColumn[],
    readonly notes: string[] = [],
  ) {
    if (!ID_PATTERN.test(id)) throw new Error(`table id "${id}" is not sheet-safe (a letter, then letters, digits or _; at most 31 characters)`);
    const keys = new Set<string>();
    for (const c of columns) {
      if (!KEY_PATTERN.test(c.key) || keys.has(c.key)) throw new Error(`table ${id}: column key "${c.key}" is invalid or repeated`);
      keys.add(c.key);
    }
  }

  add(cells: CellInput[]): void {
    if (cells.length !== this.columns.length) throw new Error(`table ${this.id}: a row has ${cells.length} cells for ${this.columns.length} columns`);
    const row: CellValue[] = [];
    const sym: (GssSymbol | null)[] = [];
    for (const cell of cells) {
      if (cell === null || cell === undefined || (typeof cell === 'number' && !Number.isFinite(cell))) {
        row.push(null);
        sym.push(GSS.notAvailable);
      } else if (typeof cell === 'object') {
        row.push(null);
        sym.push(cell.symbol);
      } else {
        row.push(cell);
        sym.push(null);
      }
    }
    this.rows.push(row);
    this.symbols.push(sym);
  }

  build(): DataTable {
    return { id: this.id, title: this.title, description: this.description, columns: this.columns, rows: this.rows, symbols: this.symbols, notes: this.notes };
  }
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

const indicatorColumns: TableColumn[] = [
  { key: 'indicator_id', heading: 'Indicator ID' },
  { key: 'indicator', heading: 'Indicator' },
  { key: 'group', heading: 'Group' },
  { key: 'period', heading: 'Period' },
  { key: 'period_start', heading: 'Period start' },
  { key: 'period_end', heading: 'Period end' },
  { key: 'count', heading: 'Count', decimals: 0 },
  { key: 'denominator', heading: 'Denominator', decimals: 0 },
  { key: 'value', heading: 'Value', decimals: 1 },
  { key: 'unit', heading: 'Unit of value' },
  { key: 'ci_lower', heading: 'Lower 95% confidence limit', decimals: 1 },
  { key: 'ci_upper', heading: 'Upper 95% confidence limit', decimals: 1 },
  { key: 'ci_method', heading: 'Confidence interval method' },
  { key: 'benchmark_area', heading: 'Benchmark area' },
  { key: 'benchmark_period', heading: 'Benchmark period' },
  { key: 'benchmark_value', heading: 'Benchmark value', decimals: 1 },
  { key: 'comparison', heading: 'Compared with benchmark' },
  { key: 'peer_average', heading: 'Most similar group average', decimals: 1 },
  { key: 'peer_rank', heading: 'Rank in most similar group (1 is highest)', decimals: 0 },
  { key: 'peer_areas', heading: 'Areas in most similar group', decimals: 0 },
  { key: 'force_area', heading: 'Police force area' },
  { key: 'force_value', heading: 'Police force area value', decimals: 1 },
  { key: 'force_comparison', heading: 'Compared with police force area' },
  { key: 'previous_period', heading: 'Previous period' },
  { key: 'previous_count', heading: 'Previous count', decimals: 0 },
  { key: 'previous_value', heading: 'Previous value', decimals: 1 },
  { key: 'change_percent', heading: 'Change in count on previous period', unit: '%', decimals: 1 },
  { key: 'change_p_value', heading: 'Change p-value', decimals: 3 },
  { key: 'change_direction', heading: 'Change (significant at 5%)' },
  { key: 'change_method', heading: 'Change test' },
  { key: 'trend_direction', heading: 'Long-term trend' },
  { key: 'trend_p_value', heading: 'Long-term trend p-value', decimals: 3 },
  { key: 'trend_method', heading: 'Long-term trend test' },
  { key: 'polarity', heading: 'Polarity' },
  { key: 'rag_status', heading: 'RAG status' },
  { key: 'target', heading: 'Target', decimals: 1 },
  { key: 'rag_reason', heading: 'RAG reason' },
  { key: 'suppressed', heading: 'Suppressed' },
  { key: 'revision', heading: 'Provisional [p] or revised [r]' },
  { key: 'series_break', heading: 'Series break' },
  { key: 'notes', heading: 'Notes' },
];

function indicatorRow(i: IndicatorResult): CellInput[] {
  const s = i.suppressed;
  const prev = i.previous;
  // A change is dropped when either count behind it was suppressed (it could be worked back to them).
  const changeSuppressed = s || (prev !== null && prev.count === null);
  const change = i.change;
  const changeCell = (v: number | null | undefined): CellInput => (change ? fig(v) : changeSuppressed ? C : X);
  return [
    i.id,
    i.label,
    words(i.group),
    i.period.label,
    i.period.start,
    i.period.end,
    fig(i.count, s),
    fig(i.denominator, s && i.denominator === null),
    fig(i.value, s),
    i.unit,
    fig(i.ci95?.[0], s),
    fig(i.ci95?.[1], s),
    i.ciMethod ?? (s ? C : X),
    text(i.national?.label),
    text(i.national?.period.label),
    fig(i.national?.value),
    COMPARISON_WORDS[i.comparison],
    i.peers ? fig(i.peers.average) : s ? C : X,
    i.peers ? fig(i.peers.rank) : s ? C : X,
    i.peers ? i.peers.of : s ? C : X,
    text(i.force?.name),
    i.force ? fig(i.force.value) : s ? C : X,
    i.force ? COMPARISON_WORDS[i.force.comparison] : s ? C : X,
    text(prev?.period.label),
    prev ? fig(prev.count, prev.count === null) : X,
    prev ? fig(prev.value, prev.count === null) : X,
    changeCell(change?.percent),
    changeCell(change?.pValue),
    change ? words(change.direction) : changeSuppressed ? C : X,
    change ? change.method : changeSuppressed ? C : X,
    i.trend ? words(i.trend.direction) : X,
    i.trend ? fig(i.trend.pValue) : X,
    i.trend ? i.trend.method : X,
    words(i.polarity),
    i.rag.status,
    i.rag.target ?? Z,
    i.rag.reason,
    yesNo(i.suppressed),
    i.revision === 'provisional' ? GSS.provisional : i.revision === 'revised' ? GSS.revised : Z,
    text(i.seriesBreak, Z),
    i.notes.length > 0 ? i.notes.join('; ') : Z,
  ];
}

function indicatorsTable(indicators: IndicatorResult[], headline: string): DataTable {
  const t = new TableBuilder(
    'indicators',
    'Indicators: headline figures, comparisons, change and targets',
    `One row per indicator: ${headline}, its 95% confidence interval, the England and Wales (or England) benchmark, the change on the same period a year earlier, the long-term trend and the RAG status against the partnership's target.`,
    indicatorColumns,
    [
      SYMBOL_NOTE,
      'Value is in the unit given in the "Unit of value" column; rates use the mid-year resident population. "Compared with benchmark" is better or worse only when the whole confidence interval lies on one side of the benchmark value.',
      'Change compares the count with the same period a year earlier and is called significant when the p-value is below 0.05. RAG compares the figure with the target; it is separate from statistical significance.',
    ],
  );
  for (const i of indicators) t.add(indicatorRow(i));
  return t.build();
}

function trendTable(indicators: IndicatorResult[]): DataTable {
  const t = new TableBuilder(
    'trend_by_year',
    'Long-term trend: each indicator by financial year',
    'One row per indicator and financial year with data: the count, the value and its 95% confidence interval. The charts of trends in the document are drawn from this table.',
    [
      { key: 'indicator_id', heading: 'Indicator ID' },
      { key: 'indicator', heading: 'Indicator' },
      { key: 'financial_year', heading: 'Financial year' },
      { key: 'period_start', heading: 'Period start' },
      { key: 'period_end', heading: 'Period end' },
      { key: 'count', heading: 'Count', decimals: 0 },
      { key: 'value', heading: 'Value', decimals: 1 },
      { key: 'unit', heading: 'Unit of value' },
      { key: 'ci_lower', heading: 'Lower 95% confidence limit', decimals: 1 },
      { key: 'ci_upper', heading: 'Upper 95% confidence limit', decimals: 1 },
    ],
    [SYMBOL_NOTE, 'Years with no data for an indicator are left out rather than shown as empty rows.'],
  );
  for (const i of indicators) {
    for (const p of i.trend?.points ?? []) {
      // Trend points are listed only for years with data: a null count there was suppressed.
      const s = p.count === null;
      t.add([i.id, i.label, p.period.label, p.period.start, p.period.end, fig(p.count, s), fig(p.value, s), i.unit, fig(p.ci95?.[0], s), fig(p.ci95?.[1], s)]);
    }
  }
  return t.build();
}

/** Is the key a month "YYYY-MM"? */
const MONTH = /^\d{4}-\d{2}$/;

function spcTables(indicators: IndicatorResult[]): DataTable[] {
  const withSpc = indicators.filter((i): i is IndicatorResult & { spc: NonNullable<IndicatorResult['spc']> } => i.spc !== null);
  if (withSpc.length === 0) return [];
  const months = [...new Set(withSpc.flatMap((i) => i.spc.points.map((p) => p.period)))].filter((m) => MONTH.test(m)).sort();
  const byIndicator = withSpc.map((i) => new Map(i.spc.points.map((p) => [p.period, p.value])));
  // Machine names: the indicator's position and id (i1_recorded_crime_all), unique even if two ids clean alike.
  const monthly = new TableBuilder(
    'spc_monthly',
    'Monthly counts behind the statistical process control charts',
    'One row per month; one column per indicator with a monthly series, giving the count of crimes or incidents recorded in that month.',
    [{ key: 'month', heading: 'Month' }, ...withSpc.map((i, n) => ({ key: `i${n + 1}_${i.id.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`.replace(/_+$/, ''), heading: i.label, unit: 'count', decimals: 0 }))],
    [
      SYMBOL_NOTE,
      'A month before an indicator\'s series starts, or with no data for any indicator, is shown as [x]; a count withheld for disclosure control in a month that has data is shown as [c].',
    ],
  );
  for (const m of months) {
    const anyData = byIndicator.some((series) => typeof series.get(m) === 'number');
    monthly.add([m, ...byIndicator.map((series) => (series.has(m) ? fig(series.get(m), series.get(m) === null && anyData) : X))]);
  }

  const limits = new TableBuilder(
    'spc_limits',
    'Statistical process control: limits and variation',
    'One row per indicator with a monthly series: the mean and the process limits of its XmR chart, what kind of variation it shows, and how many months carry a special-cause signal.',
    [
      { key: 'indicator_id', heading: 'Indicator ID' },
      { key: 'indicator', heading: 'Indicator' },
      { key: 'first_month', heading: 'First month' },
      { key: 'last_month', heading: 'Last month' },
      { key: 'months', heading: 'Months', decimals: 0 },
      { key: 'mean', heading: 'Mean', unit: 'count a month', decimals: 1 },
      { key: 'lower_limit', heading: 'Lower process limit', unit: 'count a month', decimals: 1 },
      { key: 'upper_limit', heading: 'Upper process limit', unit: 'count a month', decimals: 1 },
      { key: 'variation', heading: 'Variation' },
      { key: 'assurance', heading: 'Assurance against target' },
      { key: 'signal_months', heading: 'Months with a special-cause signal', decimals: 0 },
      { key: 'latest_signal', heading: 'Latest signal month' },
      { key: 'latest_signal_meaning', heading: 'Latest signal meaning' },
    ],
    [SYMBOL_NOTE, 'Limits are the mean ± 2.66 times the mean moving range (NHS England "Making Data Count"). Assurance is [z] where the indicator has no target.'],
  );
  const signals = new TableBuilder(
    'spc_signals',
    'Statistical process control: special-cause signals',
    'One row per month and rule that flagged special-cause variation: the rule, whether the point is high or low, and whether that is an improvement or a concern.',
    [
      { key: 'indicator_id', heading: 'Indicator ID' },
      { key: 'indicator', heading: 'Indicator' },
      { key: 'month', heading: 'Month' },
      { key: 'rule', heading: 'Rule' },
      { key: 'direction', heading: 'High or low' },
      { key: 'meaning', heading: 'Meaning' },
    ],
    ['Rules: outside limits (a point beyond a process limit); shift (7 points in a row on one side of the mean); trend (7 points in a row rising or falling); two in three (2 of 3 points close to a limit).'],
  );
  for (const i of withSpc) {
    const pts = i.spc.points;
    const flagged = [...new Set(i.spc.signals.map((s) => s.period))].sort();
    const latest = [...i.spc.signals].sort((a, b) => a.period.localeCompare(b.period)).at(-1);
    limits.add([
      i.id,
      i.label,
      text(pts[0]?.period),
      text(pts.at(-1)?.period),
      pts.length,
      i.spc.mean,
      i.spc.lower,
      i.spc.upper,
      words(i.spc.variation),
      i.spc.assurance === null ? Z : words(i.spc.assurance),
      flagged.length,
      latest ? latest.period : Z,
      latest ? latest.meaning : Z,
    ]);
    for (const s of i.spc.signals) signals.add([i.id, i.label, s.period, words(s.rule), s.direction, s.meaning]);
  }
  return [monthly.build(), limits.build(), signals.build()];
}

function harmTable(indicators: IndicatorResult[]): DataTable {
  const t = new TableBuilder(
    'harm',
    'Harm: crime weighted by the Cambridge Crime Harm Index',
    'One row per police recorded crime category with a harm weight: the total harm score, harm per 1,000 residents, and the category\'s share of all harm against its share of all crimes.',
    [
      { key: 'indicator_id', heading: 'Indicator ID' },
      { key: 'indicator', heading: 'Indicator' },
      { key: 'period', heading: 'Period' },
      { key: 'harm_score', heading: 'Harm score', unit: 'days of imprisonment', decimals: 0 },
      { key: 'harm_per_1000', heading: 'Harm per 1,000 residents', unit: 'days of imprisonment', decimals: 1 },
      { key: 'share_of_harm', heading: 'Share of all harm', unit: 'proportion, 0 to 1', decimals: 3 },
      { key: 'share_of_volume', heading: 'Share of all crimes', unit: 'proportion, 0 to 1', decimals: 3 },
    ],
    [SYMBOL_NOTE, 'Each crime is weighted by the days of imprisonment a first offence of its kind would attract under sentencing guidelines (Sherman, Neyroud and Neyroud 2016). The row for all recorded crime is the total.'],
  );
  for (const i of indicators) {
    if (!i.harm) continue;
    t.add([i.id, i.label, i.period.label, fig(i.harm.score), fig(i.harm.perThousand), fig(i.harm.shareOfHarm), fig(i.harm.shareOfVolume)]);
  }
  return t.build();
}

function placesTable(a: Assessment): DataTable {
  const t = new TableBuilder(
    'places',
    'Where crime happened: the neighbourhoods (LSOAs) with the most crime',
    `The LSOAs with the most police recorded crime (street-level, excluding anti-social behaviour) in ${a.period.label}, most first: crimes, their share of the area's crimes, and crimes the year before.`,
    [
      { key: 'rank', heading: 'Rank', decimals: 0 },
      { key: 'lsoa_code', heading: 'LSOA code' },
      { key: 'lsoa_name', heading: 'LSOA name' },
      { key: 'crimes', heading: `Crimes, ${a.period.label}`, decimals: 0 },
      { key: 'share', heading: "Share of the area's crimes", unit: 'proportion, 0 to 1', decimals: 3 },
      { key: 'crimes_year_before', heading: 'Crimes, the year before', decimals: 0 },
    ],
    [
      SYMBOL_NOTE,
      a.places
        ? `Across all ${a.places.lsoas} LSOAs of the area, the ${a.places.topTenthLsoas} with the most crime (a tenth) had a share of ${a.places.topTenthShare.toFixed(3)} of its ${a.places.total} crimes.`
        : 'The police.uk data do not cover the year.',
    ],
  );
  a.places?.top.forEach((p, i) => {
    t.add([i + 1, p.code, p.name, fig(p.count, p.suppressed), fig(p.share, p.suppressed), p.previousSuppressed ? C : fig(p.previousCount)]);
  });
  return t.build();
}

function prioritiesTables(priorities: Assessment['priorities']): DataTable[] {
  const scores = new TableBuilder(
    'priority_scores',
    'Priority scores and ranks',
    'One row per candidate priority: its weighted score, its rank (1 is the highest priority) and the range of ranks it takes when the criteria weights are varied.',
    [
      { key: 'rank', heading: 'Rank', decimals: 0 },
      { key: 'candidate_id', heading: 'Candidate ID' },
      { key: 'candidate', heading: 'Candidate priority' },
      { key: 'score', heading: 'Score', unit: '0 to 1', decimals: 3 },
      { key: 'rank_best', heading: 'Best rank when weights vary', decimals: 0 },
      { key: 'rank_worst', heading: 'Worst rank when weights vary', decimals: 0 },
    ],
    ['The score is the sum over the criteria of the scaled value (0 to 1) times the criterion\'s weight; the Priority_criteria worksheet gives the breakdown.'],
  );
  const criteria = new TableBuilder(
    'priority_criteria',
    'Priority scores: breakdown by criterion',
    'One row per candidate priority and criterion: the raw evidence, its value scaled from 0 to 1, the criterion\'s weight and its contribution to the score.',
    [
      { key: 'candidate_id', heading: 'Candidate ID' },
      { key: 'candidate', heading: 'Candidate priority' },
      { key: 'rank', heading: 'Rank', decimals: 0 },
      { key: 'score', heading: 'Score', unit: '0 to 1', decimals: 3 },
      { key: 'criterion', heading: 'Criterion' },
      { key: 'raw_value', heading: 'Raw value', decimals: 1 },
      { key: 'raw_evidence', heading: 'Raw evidence' },
      { key: 'scaled', heading: 'Scaled value', unit: '0 to 1', decimals: 3 },
      { key: 'weight', heading: 'Weight', unit: '0 to 1', decimals: 3 },
      { key: 'contribution', heading: 'Contribution to score', unit: '0 to 1', decimals: 3 },
    ],
    [
      SYMBOL_NOTE,
      'A raw value is a number for criteria measured from the data (volume, harm); for the others the raw evidence is text (the indicators\' trends or comparisons, or a workshop score with its source), and the raw value is [z].',
      'A criterion with no data ([x]) is left out of that candidate\'s score, and the other weights are scaled up to sum to 1.',
    ],
  );
  for (const p of priorities) {
    scores.add([p.rank, p.id, p.label, p.score, p.rankRange[0], p.rankRange[1]]);
    for (const c of p.components) {
      criteria.add([
        p.id,
        p.label,
        p.rank,
        p.score,
        words(c.criterion),
        typeof c.raw === 'number' ? c.raw : c.raw === null ? X : Z,
        typeof c.raw === 'string' ? c.raw : c.raw === null ? X : Z,
        fig(c.scaled),
        c.weight,
        c.contribution,
      ]);
    }
  }
  return [scores.build(), criteria.build()];
}

/** Tables with no rows are left out: an empty table tells a reader nothing (GSS: do not publish empty tables). */
const nonEmpty = (tables: DataTable[]): DataTable[] => tables.filter((t) => t.rows.length > 0);

// ---------------------------------------------------------------------------------------------------------------
// Documents

/** The data tables of the strategic assessment, in the order the spreadsheet lists them. */
export function assessmentTables(a: Assessment): DataTable[] {
  return nonEmpty([
    indicatorsTable(a.indicators, `the figure for ${a.period.label} (or the latest year published)`),
    trendTable(a.indicators),
    ...spcTables(a.indicators),
    harmTable(a.indicators),
    placesTable(a),
    ...prioritiesTables(a.priorities),
  ]);
}

type ReportCell = Report['rows'][number]['quarter'];

function reportCell(c: ReportCell): [CellInput, CellInput] {
  if (c.status === 'suppressed') return [C, C];
  if (c.status === 'missing') return [X, X];
  return [fig(c.count), fig(c.value)];
}

/** The data tables of the quarterly performance report, in the order the spreadsheet lists them. */
export function reportTables(r: Report): DataTable[] {
  const byId = new Map(r.indicators.map((i) => [i.id, i]));
  const exceptional = new Map(r.exceptions.map((e) => [e.id, e.reason]));
  const q = r.period.label;
  const ytd = r.yearToDate.label;
  const summary = new TableBuilder(
    'quarter_summary',
    `Performance summary: ${q}`,
    `One row per indicator on the board's report: this quarter, the year to date and the same periods a year earlier, the change in the year to date and its significance, the comparison with England and Wales and the RAG status.`,
    [
      { key: 'indicator_id', heading: 'Indicator ID' },
      { key: 'indicator', heading: 'Indicator' },
      { key: 'unit', heading: 'Unit of value' },
      { key: 'quarter_count', heading: 'This quarter: count', decimals: 0 },
      { key: 'quarter_value', heading: 'This quarter: value', decimals: 1 },
      { key: 'last_year_quarter_count', heading: 'Same quarter last year: count', decimals: 0 },
      { key: 'last_year_quarter_value', heading: 'Same quarter last year: value', decimals: 1 },
      { key: 'ytd_count', heading: 'Year to date: count', decimals: 0 },
      { key: 'ytd_value', heading: 'Year to date: value', decimals: 1 },
      { key: 'last_ytd_count', heading: 'Same period last year: count', decimals: 0 },
      { key: 'last_ytd_value', heading: 'Same period last year: value', decimals: 1 },
      { key: 'change_percent', heading: 'Change in year to date count', unit: '%', decimals: 1 },
      { key: 'change_p_value', heading: 'Change p-value', decimals: 3 },
      { key: 'change_direction', heading: 'Change (significant at 5%)' },
      { key: 'benchmark_area', heading: 'Benchmark area' },
      { key: 'benchmark_period', heading: 'Benchmark period' },
      { key: 'benchmark_value', heading: 'Benchmark value', decimals: 1 },
      { key: 'comparison', heading: 'Compared with benchmark' },
      { key: 'rag_status', heading: 'RAG status' },
      { key: 'target', heading: 'Target', decimals: 1 },
      { key: 'rag_reason', heading: 'RAG reason' },
      { key: 'exception', heading: 'In exceptions' },
    ],
    [
      SYMBOL_NOTE,
      `This quarter is ${q}; the year to date is ${ytd}. Values are in the unit given in the "Unit of value" column.`,
      'The benchmark is the latest complete financial year with a national figure, never a part year. RAG compares the latest 12 months with the annual target; it is separate from statistical significance.',
    ],
  );
  for (const row of r.rows) {
    const i = byId.get(row.id);
    const suppressed = i?.suppressed ?? false;
    const change = i?.change ?? null;
    const changeSuppressed = suppressed || row.yearToDate.status === 'suppressed' || row.lastYearToDate.status === 'suppressed';
    const changeCell = (v: number | null | undefined): CellInput => (change ? fig(v) : changeSuppressed ? C : X);
    summary.add([
      row.id,
      i?.label ?? row.id,
      i ? i.unit : X,
      ...reportCell(row.quarter),
      ...reportCell(row.lastYearQuarter),
      ...reportCell(row.yearToDate),
      ...reportCell(row.lastYearToDate),
      changeCell(change?.percent),
      changeCell(change?.pValue),
      change ? words(change.direction) : changeSuppressed ? C : X,
      text(i?.national?.label),
      text(i?.national?.period.label),
      fig(i?.national?.value),
      i ? COMPARISON_WORDS[i.comparison] : X,
      i ? i.rag.status : X,
      i ? (i.rag.target ?? Z) : X,
      i ? i.rag.reason : X,
      yesNo(exceptional.has(row.id)),
    ]);
  }

  const exceptions = new TableBuilder(
    'exceptions',
    `Exceptions: ${q}`,
    'One row per indicator that needs the board\'s attention: a special-cause concern in its monthly series, or a significant deterioration in the year to date against last year.',
    [
      { key: 'indicator_id', heading: 'Indicator ID' },
      { key: 'indicator', heading: 'Indicator' },
      { key: 'reason', heading: 'Reason' },
    ],
    [],
  );
  for (const e of r.exceptions) exceptions.add([e.id, byId.get(e.id)?.label ?? e.id, e.reason]);

  return nonEmpty([
    summary.build(),
    exceptions.build(),
    indicatorsTable(r.indicators, `the figure for the ${ytd}`),
    trendTable(r.indicators),
    ...spcTables(r.indicators),
  ]);
}
