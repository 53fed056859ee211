/**
 * What happened to reported crimes: for the crimes of a period (police.uk street files joined with the outcomes
 * files, src/ingest/outcomes.ts), the share of those with an outcome status in each of five categories, by crime type
 * and for all crime, for the partnership and for its covering force(s).
 *
 * - Shares are of the crimes with an outcome status; their 95% intervals are Wilson score intervals (Wilson 1927;
 *   PHE technical guide, ./stats/proportions.ts).
 * - The partnership's charge/summons share is compared with the rest of the force's (the force without the
 *   partnership, so the two groups are independent) by the two-proportion test, Pearson's χ² on the 2×2 table without
 *   continuity correction (R prop.test(correct = FALSE); Newcombe & Altman 2000; Agresti, "Categorical Data Analysis"
 *   §3.1): ./stats/proportions.ts compareProportions. Whether two intervals overlap is not a test and is not used.
 * - Disclosure: the table of crime types × categories has both margins (each type's total, and "All crime" as the
 *   sum over types). Counts of 1 to threshold − 1 are withheld, and then, so that none can be worked back by
 *   subtraction, every row (a type's five categories and its total), every column (a category over the types and its
 *   "All crime" figure, and the types' totals and the grand total) goes through the linked-table rule of
 *   ./disclosure.ts (suppressLinkedTable), again and again until nothing changes. Each line of the table then meets
 *   the GSS rule for parts with a total; a full audit of the two-way table (τ-ARGUS) is not made, as ./disclosure.ts
 *   says. Everything worked from a withheld count (its share, interval, the comparison) is withheld too.
 */
import type { OutcomeCrime, OutcomesInput } from '../ingest/outcomes.js';
import { OUTCOME_CATEGORIES, type OutcomeCategory } from '../ingest/formats/police-uk-outcomes.js';
import type { ChargeRate, OutcomeRow, OutcomeShare, OutcomesInfo } from '../model/contract.js';
import { ASB_INDEX, CRIME_TYPES } from '../model/data.js';
import { suppressLinkedTable } from './disclosure.js';
import { toPeriod } from './indicator.js';
import { addMonths, monthName, monthsBetween, type MonthRange } from './periods.js';
import { compareProportions, proportion } from './stats/index.js';

export const ALL_CRIME = 'All crime';

/** Counts per category, then the total (crimes with an outcome status), then the crimes with none. */
export type Tally = number[];
const TOTAL = OUTCOME_CATEGORIES.length;
const NONE = TOTAL + 1;

const CATEGORY_INDEX = new Map<OutcomeCategory, number>(OUTCOME_CATEGORIES.map((c, i) => [c, i]));
const emptyTally = (): Tally => new Array<number>(NONE + 1).fill(0);

/** Crime types in police.uk order, without anti-social behaviour. */
export const OUTCOME_TYPES = CRIME_TYPES.filter((_, i) => i !== ASB_INDEX);

/** The tallies by crime type (index in CRIME_TYPES) of the crimes of `range` kept by `keep`. */
export function tallyOutcomes(crimes: readonly OutcomeCrime[], range: MonthRange, keep: (c: OutcomeCrime) => boolean): Map<number, Tally> {
  const out = new Map<number, Tally>();
  for (const c of crimes) {
    if (c.month < range.start || c.month > range.end || !keep(c)) continue;
    let t = out.get(c.type);
    if (!t) out.set(c.type, (t = emptyTally()));
    if (c.category === null) t[NONE]!++;
    else {
      t[CATEGORY_INDEX.get(c.category)!]!++;
      t[TOTAL]!++;
    }
  }
  return out;
}

/** Rows: "All crime" first, then each crime type in police.uk order; each row its five categories and the total. */
export function gridOf(byType: ReadonlyMap<number, Tally>, types: readonly number[]): number[][] {
  const rows = types.map((t) => (byType.get(t) ?? emptyTally()).slice(0, TOTAL + 1));
  const all = OUTCOME_CATEGORIES.map((_, c) => rows.reduce((s, r) => s + r[c]!, 0));
  return [[...all, all.reduce((s, v) => s + v, 0)], ...rows];
}

/**
 * The published grid: the counts of `grid` (row 0 the column totals, column TOTAL the row totals), with null where
 * withheld. See the module comment for the rule.
 */
export function protectGrid(grid: readonly (readonly number[])[], threshold: number): (number | null)[][] {
  const shown: (number | null)[][] = grid.map((r) => [...r]);
  const lines: Array<{ parts: Array<[number, number]>; total: [number, number] }> = [];
  const width = TOTAL + 1;
  for (let r = 0; r < grid.length; r++) lines.push({ parts: OUTCOME_CATEGORIES.map((_, c) => [r, c] as [number, number]), total: [r, TOTAL] });
  if (grid.length > 1) for (let c = 0; c < width; c++) lines.push({ parts: grid.slice(1).map((_, k) => [k + 1, c] as [number, number]), total: [0, c] });
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const [tr, tc] = line.total;
      const parts = line.parts.map(([r, c], k) => ({ key: String(k), count: shown[r]![c]!, ...(shown[r]![c] === null ? { absence: 'suppressed' as const } : {}) }));
      const result = suppressLinkedTable({ parts, total: shown[tr]![tc]!, threshold });
      result.parts.forEach((d, k) => {
        const [r, c] = line.parts[k]!;
        if (d.suppressed && shown[r]![c] !== null) {
          shown[r]![c] = null;
          changed = true;
        }
      });
      if (result.total.suppressed && shown[tr]![tc] !== null) {
        shown[tr]![tc] = null;
        changed = true;
      }
    }
  }
  return shown;
}

/** A category's published count and share of the published total, with its Wilson interval. */
function shareOf(count: number | null, total: number | null): OutcomeShare {
  if (count === null || total === null) return { count, share: null, ci95: null };
  if (total === 0) return { count, share: null, ci95: null };
  const p = proportion(count, total, { multiplier: 100 });
  return { count, share: p.value, ci95: [p.lower, p.upper] };
}

type Categories = Pick<OutcomeRow, OutcomeCategory | 'total'>;

function categoriesOf(row: readonly (number | null)[]): Categories {
  const total = row[TOTAL]!;
  const out = { total } as Categories;
  OUTCOME_CATEGORIES.forEach((c, i) => (out[c] = shareOf(row[i]!, total)));
  return out;
}

/** The partnership's charge/summons share against the rest of the force's, when every count is published. */
function comparisonOf(area: readonly (number | null)[], areaRaw: readonly number[], forceRaw: readonly number[]): OutcomeRow['comparison'] {
  const charged = CATEGORY_INDEX.get('charged')!;
  if (area[charged] === null || area[TOTAL] === null || areaRaw[TOTAL]! === 0) return null;
  const rest = { numerator: forceRaw[charged]! - areaRaw[charged]!, denominator: forceRaw[TOTAL]! - areaRaw[TOTAL]! };
  if (rest.denominator <= 0) return null;
  const c = compareProportions(rest, { numerator: areaRaw[charged]!, denominator: areaRaw[TOTAL]! });
  return {
    method: "two-proportion test (Pearson's chi-squared without continuity correction) of the partnership against the rest of the force",
    restOfForceShare: (rest.numerator / rest.denominator) * 100,
    difference: c.difference * 100,
    pValue: c.pValue,
    result: c.direction === 'increase' ? 'higher' : c.direction === 'decrease' ? 'lower' : 'similar',
  };
}

/** The rows of the outcomes table for `range`: "All crime", then each crime type with any crime in the force. */
export function outcomeRows(input: OutcomesInput, range: MonthRange, threshold: number): OutcomeRow[] {
  const area = tallyOutcomes(input.crimes, range, (c) => c.inArea);
  const force = tallyOutcomes(input.crimes, range, () => true);
  const types = CRIME_TYPES.map((_, i) => i).filter((i) => i !== ASB_INDEX && (force.get(i)?.[TOTAL] ?? 0) > 0);
  const areaGrid = gridOf(area, types);
  const forceGrid = gridOf(force, types);
  const areaShown = protectGrid(areaGrid, threshold);
  const forceShown = protectGrid(forceGrid, threshold);
  return areaGrid.map((raw, r) => ({
    crimeType: r === 0 ? ALL_CRIME : CRIME_TYPES[types[r - 1]!]!,
    ...categoriesOf(areaShown[r]!),
    force: categoriesOf(forceShown[r]!),
    comparison: comparisonOf(areaShown[r]!, raw, forceGrid[r]!),
  }));
}

const small = (n: number, threshold: number) => n > 0 && n < threshold;

/** How settled the outcomes are: the partnership's crimes of the last three months still under investigation. */
export function outcomesInfoOf(input: OutcomesInput, range: MonthRange, threshold: number): OutcomesInfo {
  const start = addMonths(range.end, -2) < range.start ? range.start : addMonths(range.end, -2);
  const months = monthsBetween(start, range.end);
  const recentRange: MonthRange = { start, end: range.end, label: months.length === 1 ? monthName(start) : `${monthName(start)} to ${monthName(range.end)}` };
  const recent = [...tallyOutcomes(input.crimes, recentRange, (c) => c.inArea).values()].reduce((s, t) => s.map((v, i) => v + t[i]!), emptyTally());
  const year = [...tallyOutcomes(input.crimes, range, (c) => c.inArea).values()].reduce((s, t) => s.map((v, i) => v + t[i]!), emptyTally());
  const open = recent[CATEGORY_INDEX.get('open')!]!;
  const total = recent[TOTAL]!;
  // The open count with its complement (the settled ones): both must be publishable, as for a proportion.
  const withheld = small(open, threshold) || small(total - open, threshold) || small(total, threshold);
  const notes: string[] = [];
  if (input.outcomesFiles.length === 0) notes.push("No police.uk outcomes files were found: each crime's outcome is the street file's last outcome category.");
  if (input.unknown.length > 0) notes.push(`Outcome names swp does not know were counted as other: ${input.unknown.map((u) => `"${u.text}"`).join(', ')}.`);
  return {
    period: toPeriod(range),
    forces: input.forces,
    outcomesFiles: input.outcomesFiles.length,
    latestOutcomesMonth: input.latestOutcomesMonth,
    noStatus: small(year[NONE]!, threshold) ? null : year[NONE]!,
    recent: { period: toPeriod(recentRange), total: small(total, threshold) ? null : total, open: withheld ? { count: null, share: null, ci95: null } : shareOf(open, total) },
    notes,
  };
}

/** The assessment's outcome figures for the year starting in April of `startYear` (read by the pipeline into `ws.outcomes`). */
export function outcomesOf(ws: { outcomes?: OutcomesInput; police?: unknown; config: { disclosure: { threshold: number } } }, range: MonthRange): { outcomes?: OutcomeRow[] | null; outcomesInfo?: OutcomesInfo | null } {
  const input = ws.outcomes;
  if (!input) return ws.police ? { outcomes: null, outcomesInfo: null } : {};
  const threshold = ws.config.disclosure.threshold;
  return { outcomes: outcomeRows(input, range, threshold), outcomesInfo: outcomesInfoOf(input, range, threshold) };
}

type ChargeCell = ChargeRate['partnership']['quarter'];

/**
 * The share of crimes with an outcome that were charged or summonsed, over `range`: published when the charged
 * count, the rest (total − charged) and the total are none of them 1 to threshold − 1 (./disclosure.ts
 * decideProportion's rule, applied by hand to the pair).
 */
function chargeCell(crimes: readonly OutcomeCrime[], range: MonthRange, keep: (c: OutcomeCrime) => boolean, threshold: number): ChargeCell {
  let charged = 0;
  let total = 0;
  for (const c of crimes) {
    if (c.month < range.start || c.month > range.end || !keep(c) || c.category === null) continue;
    total++;
    if (c.category === 'charged') charged++;
  }
  const period = toPeriod(range);
  if (small(total, threshold)) return { period, charged: null, total: null, share: null, ci95: null };
  if (small(charged, threshold) || small(total - charged, threshold)) return { period, charged: null, total, share: null, ci95: null };
  if (total === 0) return { period, charged, total, share: null, ci95: null };
  const p = proportion(charged, total, { multiplier: 100 });
  return { period, charged, total, share: p.value, ci95: [p.lower, p.upper] };
}

/**
 * The board's charge/summons indicator for a quarter: the quarter, the year to date and the same two a year earlier,
 * for the partnership and the covering force(s). Higher is better. It cannot be one of the report's indicators
 * (those are counts or rates of one month series, observed through DataSource, with SPC and targets): a share whose
 * months keep changing as outcomes are recorded is given as its own section instead.
 */
export function chargeRateOf(ws: { outcomes?: OutcomesInput; config: { disclosure: { threshold: number } } }, p: { q: MonthRange; ytd: MonthRange; qLast: MonthRange; ytdLast: MonthRange }): { chargeRate?: ChargeRate | null } {
  const input = ws.outcomes;
  if (!input) return {};
  const t = ws.config.disclosure.threshold;
  const cells = (keep: (c: OutcomeCrime) => boolean) => ({
    quarter: chargeCell(input.crimes, p.q, keep, t),
    yearToDate: chargeCell(input.crimes, p.ytd, keep, t),
    lastYearQuarter: chargeCell(input.crimes, p.qLast, keep, t),
    lastYearToDate: chargeCell(input.crimes, p.ytdLast, keep, t),
  });
  const notes = [
    'Outcomes settle over months: the latest months still have many crimes under investigation, so this quarter\'s share will usually rise, and last year\'s figures have had a year longer to settle than this year\'s.',
    "Share of the crimes with an outcome status on police.uk (the latest outcome in the outcomes files, else the street file's last outcome category) that were charged or summonsed, including those awaiting a court outcome and every court result.",
  ];
  if (input.outcomesFiles.length === 0) notes.push("No police.uk outcomes files were found: each crime's outcome is the street file's last outcome category.");
  return { chargeRate: { label: 'Crimes charged or summonsed', polarity: 'higher-is-better', forces: input.forces, partnership: cells((c) => c.inArea), force: cells(() => true), notes } };
}
