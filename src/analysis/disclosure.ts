/**
 * Statistical disclosure control for published counts: which figures a document must show as `[c]`.
 *
 * Pure functions: they decide, they never format. The renderer shows a suppressed figure as SUPPRESSED_SYMBOL and
 * must apply one decision to every place the figure appears (table, chart, text, JSON, CSV appendix).
 *
 * Sources of the rules
 *  - Office for National Statistics, "Statistical disclosure control" (ONS methodology topic pages) and the
 *    GSS/GSR "Disclosure control guidance for tables produced from administrative sources" (Government Statistical
 *    Service, 2014): a threshold rule for small counts (primary suppression); secondary ("complementary")
 *    suppression so that a suppressed cell cannot be worked out by subtracting shown cells from a shown total
 *    (disclosure by differencing); and the point that a zero, or a cell holding all of a group, can disclose an
 *    attribute of everyone in the group.
 *  - Hundepool A. et al. (2012) "Statistical Disclosure Control", Wiley, ch. 5 (frequency tables: threshold rule,
 *    group attribute disclosure, secondary suppression and the linear relations of a table).
 *  - Analysis Function / GSS, "Symbols in tables, definitions and help" (2021): `[c]` = confidential information
 *    that is not published (see also src/ingest/values.ts).
 * These were cited from memory, not quoted: read them for the wording. The threshold itself comes from config
 * (`disclosure.threshold`, default 5: counts of 1–4 are not shown).
 *
 * The rules, in short
 *  1. Primary: a count c with 1 ≤ c < threshold is suppressed. A zero is shown by default: no victim is there to be
 *     identified, and official health and crime statistics (e.g. OHID Fingertips, ONS tables) commonly publish zeros.
 *     Set `suppressZero` where a zero would itself disclose something (e.g. "none of the 12 pupils…").
 *  2. Proportions: also suppressed when the complement, denominator − numerator, is 1 ≤ d − n < threshold:
 *     38 reoffenders in a cohort of 40 tells the reader that exactly 2 people of a known cohort did not reoffend. With
 *     `suppressZero`, a complement of 0 (100%: "all of them") is suppressed too.
 *  3. Derived figures: anything computed from a suppressed count — its rate, its confidence interval, its change, its
 *     share of a total — is suppressed (decideDerived). A rate or interval gives the count back by arithmetic.
 *  4. Secondary: where parts are shown with a total (suppressLinkedTable) or with running totals
 *     (suppressCumulativeSeries), more cells are suppressed until no suppressed cell, and no sum of suppressed
 *     cells, can be worked out as a number of 1 to threshold − 1 by adding and subtracting published figures.
 *     suppressYearToDateReports applies the same test to a year's quarterly reports, deciding one quarter at a time
 *     because a report's figures cannot be taken back by a later one (used for every document: ./disclosure-plan.ts).
 *
 * What this module does not protect against (the caller must not publish these; see also the comments of the functions):
 *  - two-way tables with both margins (e.g. crime type × quarter with row and column totals) — a 2-D table needs a
 *    full audit (e.g. τ-ARGUS, sdcTable); publish one dimension of a suppressed indicator, not the grid;
 *  - the same counts in another arrangement that was not passed in (a rolling 12-month total, a half-year figure, a
 *    ward breakdown summing to the partnership, last quarter's published figures that have since been revised);
 *  - inference from bounds rather than arithmetic. The rules stop exact recovery by adding and subtracting published
 *    figures, which is what the guidance asks of small tables, but a reader who knows the rules can still narrow a
 *    range: t = 5, [3, 5, 5] total 13 is published [c] [c] 5; the two [c] add to 8, and if the secondary one was the
 *    smallest shown part it is at most 5, so the pair is 3 and 5 in some order. Where that matters, raise the
 *    threshold or do not publish the breakdown.
 *
 * Primary rule in one line, for callers holding a bare threshold: isDisclosive(x, threshold).
 */
import type { Config } from '../model/config.js';
import type { Absence } from '../model/data.js';
import { StatsInputError } from './stats/errors.js';

export interface DisclosureOptions {
  /** Counts from 1 to threshold − 1 are suppressed; a whole number ≥ 1 (1 suppresses nothing but, optionally, 0). */
  threshold: number;
  /**
   * Suppress zeros too (default false). A zero is shown by default: it is no person, so there is no one to identify
   * (and zeros are commonly published). Turn it on where a zero discloses an attribute of a whole group.
   */
  suppressZero?: boolean;
}

/** Why a figure is not shown. `source`: it was already suppressed in the input (count null, absence 'suppressed'). */
export type SuppressionReason = 'primary' | 'secondary' | 'source';

/** The rule that fired, for data-quality notes and debugging. */
export type SuppressionRule =
  /** primary: 1 ≤ count < threshold */
  | 'small-count'
  /** primary: count 0 with suppressZero */
  | 'zero-count'
  /** primary: 1 ≤ denominator − numerator < threshold */
  | 'small-complement'
  /** primary: numerator = denominator with suppressZero */
  | 'zero-complement'
  /** secondary: hidden so that a linked suppressed cell cannot be recovered by subtraction */
  | 'linked-cell'
  /** source: suppressed in the input */
  | 'marked-in-source'
  /** computed from a suppressed figure */
  | 'derived';

export interface Shown {
  readonly suppressed: false;
}
export interface Suppressed {
  readonly suppressed: true;
  readonly reason: SuppressionReason;
  readonly rule: SuppressionRule;
}
/**
 * The decision for one figure. `{ suppressed: false }` also covers a figure that is missing for another reason
 * (not available): that is not a disclosure decision, and its value is null anyway.
 */
export type SuppressionDecision = Shown | Suppressed;

/** The decision "show it". */
export const SHOWN: Shown = Object.freeze({ suppressed: false as const });

// ---------------------------------------------------------------------------------------------------------------------
// Scope

/**
 * Whether disclosure control applies to an indicator: `patterns` as in config `disclosure.indicators` — an exact id
 * (`reoffending.youth`) or a prefix ending in `*` (`hidden.*` matches `hidden.fgm`, not `hidden`; `*` matches all).
 * Only a trailing `*` is a wildcard; matching is case-sensitive, like indicator ids.
 */
export function appliesTo(indicatorId: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) =>
    pattern.endsWith('*') ? indicatorId.startsWith(pattern.slice(0, -1)) : indicatorId === pattern,
  );
}

/**
 * The options for an indicator whose id matches `disclosure.indicators`, or null. This only reads the patterns: which
 * indicators a document protects is decided by protectionOf (./disclosure-plan.ts), where every measures indicator is
 * protected unless exempted.
 */
export function disclosureFor(
  indicatorId: string,
  disclosure: Pick<Config['disclosure'], 'threshold' | 'indicators'>,
  extra: { suppressZero?: boolean } = {},
): DisclosureOptions | null {
  if (!appliesTo(indicatorId, disclosure.indicators)) return null;
  return { threshold: disclosure.threshold, suppressZero: extra.suppressZero ?? false };
}

// ---------------------------------------------------------------------------------------------------------------------
// Primary suppression

interface Normalised {
  threshold: number;
  suppressZero: boolean;
}

function normalise(options: DisclosureOptions, name = 'threshold'): Normalised {
  const { threshold } = options;
  if (typeof threshold !== 'number' || !Number.isSafeInteger(threshold) || threshold < 1) {
    throw new StatsInputError(name, threshold, 'must be a whole number of 1 or more (e.g. 5: counts of 1–4 are suppressed)');
  }
  return { threshold, suppressZero: options.suppressZero ?? false };
}

function checkCountValue(name: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) {
    throw new StatsInputError(name, x, 'must be a whole number of 0 or more');
  }
  return x;
}

function small(count: number, o: Normalised): boolean {
  return count === 0 ? o.suppressZero : count < o.threshold;
}

/** Whether a count is disclosive on its own: 1 ≤ count < threshold (or 0 with suppressZero). */
export function isDisclosiveCount(count: number, options: DisclosureOptions): boolean {
  return small(checkCountValue('count', count), normalise(options));
}

/**
 * The threshold rule on a bare number, for callers holding a threshold rather than options: true when
 * 1 ≤ x < threshold, or x = 0 with suppressZero. Never throws: a negative, non-finite or fractional x below 1 is
 * judged by the same inequalities (so NaN and negatives are false). Prefer isDisclosiveCount for validated counts.
 */
export function isDisclosive(x: number, threshold: number, suppressZero = false): boolean {
  if (x === 0) return suppressZero;
  return x >= 1 && x < threshold;
}

/** An absent figure is a `source` suppression when marked suppressed — or when no reason was given (to be safe). */
function absentIsSuppressed(absence: Absence | undefined): boolean {
  return absence === undefined || absence === 'suppressed';
}

const MARKED: Suppressed = Object.freeze({ suppressed: true, reason: 'source', rule: 'marked-in-source' });

function primary(rule: SuppressionRule): Suppressed {
  return { suppressed: true, reason: 'primary', rule };
}

/**
 * Primary decision for one count. A null count is `source`-suppressed when its absence is 'suppressed' (or not given);
 * null for another reason (not available…) is not a disclosure decision and gives SHOWN (with nothing to show).
 *
 * Use it for a count that stands alone. A count that is part of a shown total, or of a run of year-to-date totals,
 * must go through suppressLinkedTable or suppressCumulativeSeries instead, or it can be recovered by subtraction.
 */
export function decideCount(count: number | null, options: DisclosureOptions, absence?: Absence): SuppressionDecision {
  const o = normalise(options);
  if (count === null) return absentIsSuppressed(absence) ? MARKED : SHOWN;
  checkCountValue('count', count);
  if (!small(count, o)) return SHOWN;
  return primary(count === 0 ? 'zero-count' : 'small-count');
}

export interface ProportionCounts {
  numerator: number | null;
  denominator: number | null;
  numeratorAbsence?: Absence;
  denominatorAbsence?: Absence;
}

/**
 * Primary decision for a proportion (and its interval, and the numerator shown beside it): suppressed when the
 * numerator is small (1 ≤ n < threshold), or when the complement is small (1 ≤ d − n < threshold): "38 of 40
 * reoffended" says "2 did not", a small count about identifiable people (group attribute disclosure, Hundepool et al.
 * 2012 §5; GSS 2014). A denominator of 1 to threshold − 1 always makes one of the two small, so it is covered. With
 * `suppressZero`, a numerator of 0 and a numerator equal to the denominator (0% or 100% of the group) are suppressed.
 *
 * The denominator itself (e.g. a cohort size) may still be shown when it is not small: with the numerator and the
 * proportion hidden, the complement cannot be worked out. Decide it with decideCount if it is in scope on its own.
 *
 * @throws StatsInputError if a count is not a whole number ≥ 0, the denominator is 0, or numerator > denominator.
 */
export function decideProportion(counts: ProportionCounts, options: DisclosureOptions): SuppressionDecision {
  const o = normalise(options);
  const { numerator, denominator } = counts;
  if (numerator === null && absentIsSuppressed(counts.numeratorAbsence)) return MARKED;
  if (denominator === null && absentIsSuppressed(counts.denominatorAbsence)) return MARKED;
  if (numerator === null || denominator === null) return SHOWN;
  checkCountValue('numerator', numerator);
  checkCountValue('denominator', denominator);
  if (denominator === 0) throw new StatsInputError('denominator', denominator, 'a proportion needs a denominator of 1 or more');
  if (numerator > denominator) {
    throw new StatsInputError('numerator', numerator, `must not exceed the denominator (${denominator})`);
  }
  if (small(numerator, o)) return primary(numerator === 0 ? 'zero-count' : 'small-count');
  const complement = denominator - numerator;
  if (small(complement, o)) return primary(complement === 0 ? 'zero-complement' : 'small-complement');
  return SHOWN;
}

/**
 * The decision for a figure computed from others — a rate or its confidence interval (from its count), a change or
 * percentage change (from both counts), a share of a total (from the part and the total): suppressed when any input
 * is, with that input's reason and rule 'derived'. The reason is the first suppressed input's.
 */
export function decideDerived(...inputs: readonly SuppressionDecision[]): SuppressionDecision {
  for (const d of inputs) {
    if (d.suppressed) return { suppressed: true, reason: d.reason, rule: 'derived' };
  }
  return SHOWN;
}

// ---------------------------------------------------------------------------------------------------------------------
// Secondary suppression

/** One part of a table: a count, or null when the input did not give it (`absence` says why). */
export interface PartInput {
  /** Unique within the table (e.g. `2024-Q1`, `hidden.fgm`). */
  key: string;
  count: number | null;
  /** Why `count` is null. 'suppressed' — or no reason at all — makes the part a `source` suppression. */
  absence?: Absence;
}

/** The published form of one figure: the count to print (null when not printed), and why. */
export type CellDecision = SuppressionDecision & {
  key: string;
  /** The number to publish, or null. */
  count: number | null;
  /** Why `count` is null: 'suppressed' (print `[c]`) or the input's own reason; absent when the count is shown. */
  absence?: Absence;
};

export interface LinkedTableInput {
  /** The parts, in the order the table shows them (the order breaks ties). At least one. */
  parts: readonly PartInput[];
  /**
   * The total as it will be shown, or null when no total is shown. When every part is known it must equal their sum;
   * otherwise it must be at least the sum of the known parts.
   */
  total: number | null;
  threshold: number;
  suppressZero?: boolean;
}

export interface LinkedTableResult {
  /** One decision per part, in input order. */
  parts: CellDecision[];
  /** The total's decision (key 'total'). */
  total: CellDecision;
  /** Keys of the suppressed parts, in input order. */
  suppressedKeys: string[];
}

/**
 * Primary and secondary suppression for parts shown with their total — four quarters and the year, hidden-crime
 * types and their total, the months of a quarter and the quarter.
 *
 * Rules (threshold t; "hidden" = not shown, for any reason):
 *  - primary: each part and the total, as decideCount (a total of 1 to t − 1 is itself suppressed);
 *  - secondary, when the total is shown: the hidden parts' sum S = total − shown parts is public. If any part is
 *    suppressed, there must be at least two suppressed parts (else the one is S) and S ≥ t (else the suppressed
 *    parts are known to add to a small number). Until that holds, the smallest shown non-zero part is suppressed as
 *    well (ties: the earliest). Zeros are skipped: hiding a 0 adds nothing to S. If no such part is left, the total
 *    is suppressed (secondary). A group with only unavailable hidden parts needs S = 0 or S ≥ t.
 *
 * Worked: t = 5, [12, 3, 20, 8] total 43 → 3 primary; one suppressed part would be 43 − 40, so 8 (the next smallest)
 * is secondary: S = 11. [2, 2, 30] total 34 → both 2s primary, S = 4 (< 5: "the two add to 4" is a small number),
 * so 30 is secondary: S = 34 and neither 2 can be narrowed below 1–4. The total is kept rather than suppressed
 * because it is usually the headline figure.
 *
 * The result is idempotent: passing the published counts back (suppressed parts as null, 'suppressed') suppresses
 * the same parts. It protects one total over one list of parts: see the module comment for what is not covered.
 *
 * @throws StatsInputError on duplicate keys, a count that is not a whole number ≥ 0, a bad threshold, or a total
 *   inconsistent with the parts.
 */
export function suppressLinkedTable(input: LinkedTableInput): LinkedTableResult {
  const o = normalise({ threshold: input.threshold, suppressZero: input.suppressZero ?? false });
  const parts = readParts(input.parts, 'parts');
  if (parts.length === 0) throw new StatsInputError('parts', input.parts, 'a linked table needs at least one part');
  const cumulative: (Cell | null)[] = parts.map(() => null);
  if (input.total !== null) {
    const total = checkCountValue('total', input.total);
    cumulative[parts.length - 1] = small(total, o)
      ? { value: total, state: 'primary', rule: total === 0 ? 'zero-count' : 'small-count' }
      : { value: total, state: 'shown' };
  }
  checkConsistency(parts, cumulative, 'total');
  protect(parts, cumulative, o);
  const decisions = parts.map((cell, i) => toDecision(input.parts[i]!.key, cell));
  const totalCell = cumulative[parts.length - 1];
  const total: CellDecision = totalCell ? toDecision('total', totalCell) : { key: 'total', count: null, suppressed: false };
  return { parts: decisions, total, suppressedKeys: decisions.filter((d) => d.suppressed).map((d) => d.key) };
}

/** A period of a cumulative series: its count, and optionally the year-to-date figure as the input gives it. */
export interface PeriodInput extends PartInput {
  /**
   * The running total to the end of this period, when the input gives it (e.g. a published year-to-date that is
   * known although a month is `[c]`); null = given as absent (see cumulativeAbsence). When left out it is the sum of
   * the periods so far, or unknown if one of them is null.
   */
  cumulative?: number | null;
  cumulativeAbsence?: Absence;
}

export interface CumulativeSeriesInput {
  /** The periods of ONE running total (e.g. the months or quarters of one financial year), in time order. */
  periods: readonly PeriodInput[];
  threshold: number;
  suppressZero?: boolean;
}

export interface CumulativeSeriesResult {
  /** One decision per period, in input order. */
  periods: CellDecision[];
  /** The running total at the end of each period (key: the period's key). The last is the total of the series. */
  cumulative: CellDecision[];
  /** Keys of the suppressed periods, in input order. */
  suppressedKeys: string[];
  /** Keys of the periods whose running total is suppressed, in input order. */
  suppressedCumulativeKeys: string[];
}

/**
 * Primary and secondary suppression for a series shown two ways at once: each period, and the running
 * (year-to-date) total at the end of every period — the last of which is the total of the series.
 *
 * Consecutive shown running totals C_a, C_b publish the sum of the periods between them (C_b − C_a), so each stretch
 * between two shown running totals (C_0 = 0 counts as shown) is a linked group as in suppressLinkedTable. Rules:
 *  - primary: every period count and every running total, as decideCount;
 *  - a hidden running total C_j in a stretch (a, b] must have a hidden period on each side of it within the stretch,
 *    in (a, j] and in (j, b] — otherwise C_j = C_a + shown periods, or C_b − shown periods. (After the last shown
 *    running total only the left side is needed.) The smallest shown non-zero period on the missing side is hidden
 *    (ties: earliest; a zero only if there is no other);
 *  - each closed stretch satisfies the linked-table rule: with any suppressed period, at least two are suppressed and
 *    their sum is ≥ t. The smallest shown non-zero period inside the stretch is hidden; when there is none, the
 *    stretch is merged with a neighbour by suppressing a running total — its right end, except that the last running
 *    total (the series total) is kept while the left end can be used instead.
 * Example, t = 5: quarters [12, 3, 20, 8], year to date [12, 15, 35, 43] → Q2 primary. Hiding Q4 (as in a flat
 * table) would not help: Q2 = 15 − 12. So YTD-Q2 is suppressed, and then Q3 so that YTD-Q2 is not 35 − 20:
 * published Q1 12, Q4 8, YTD 12, [c], 35, 43; Q2 + Q3 = 23 is all that can be worked out.
 *
 * Handles one running total that starts at 0. Call once per financial year (year-to-date restarts in April; the
 * years' counts are then unlinked). Do not also show, for the same periods, another partial sum (a half-year, a
 * rolling 12 months, the quarter totals of a monthly series) unless it is one of these running totals; do not show
 * the same periods split another way (by type) with these totals — see the module comment.
 *
 * @throws StatsInputError on duplicate keys, a count that is not a whole number ≥ 0, a bad threshold, or running
 *   totals inconsistent with the periods (decreasing, or not the sum of known periods).
 */
export function suppressCumulativeSeries(input: CumulativeSeriesInput): CumulativeSeriesResult {
  const o = normalise({ threshold: input.threshold, suppressZero: input.suppressZero ?? false });
  const { parts, cumulative } = readSeries(input.periods, 'periods', o);
  protect(parts, cumulative, o);
  return seriesResult(input.periods, parts, cumulative);
}

/** The periods of a series as cells, and the running total at the end of each (given, or summed), checked. */
function readSeries(periods: readonly PeriodInput[], name: string, o: Normalised): { parts: Cell[]; cumulative: Cell[] } {
  const parts = readParts(periods, name);
  const cumulative: Cell[] = [];
  // The running total so far: a number, or null when unknown — and then whether a suppressed figure made it so.
  let running: number | null = 0;
  let unknownBySuppression = false;
  periods.forEach((p, i) => {
    const part = parts[i]!;
    if (p.cumulative === null) {
      // Given, as absent.
      running = null;
      unknownBySuppression = absentIsSuppressed(p.cumulativeAbsence);
      cumulative.push(
        unknownBySuppression
          ? { value: null, state: 'source', rule: 'marked-in-source' }
          : { value: null, state: 'unavailable', absence: p.cumulativeAbsence ?? 'not-available' },
      );
    } else if (p.cumulative !== undefined) {
      // Given, as a number.
      running = checkCountValue(`${name}[${i}].cumulative`, p.cumulative);
      cumulative.push(knownCell(running, o));
    } else if (running !== null && part.value !== null) {
      running += part.value;
      cumulative.push(knownCell(running, o));
    } else {
      // Unknown: a period so far is null. Suppressed in the source wins over merely unavailable.
      unknownBySuppression = (running === null && unknownBySuppression) || part.state === 'source';
      running = null;
      cumulative.push(
        unknownBySuppression
          ? { value: null, state: 'source', rule: 'derived' }
          : { value: null, state: 'unavailable', absence: 'not-available' },
      );
    }
  });
  checkConsistency(parts, cumulative, `${name}.cumulative`);
  return { parts, cumulative };
}

function seriesResult(periods: readonly PeriodInput[], parts: readonly Cell[], cumulative: readonly Cell[]): CumulativeSeriesResult {
  const periodDecisions = parts.map((cell, i) => toDecision(periods[i]!.key, cell));
  const cumulativeDecisions = cumulative.map((cell, i) => toDecision(periods[i]!.key, cell));
  return {
    periods: periodDecisions,
    cumulative: cumulativeDecisions,
    suppressedKeys: periodDecisions.filter((d) => d.suppressed).map((d) => d.key),
    suppressedCumulativeKeys: cumulativeDecisions.filter((d) => d.suppressed).map((d) => d.key),
  };
}

export interface YearToDateReportsInput {
  /**
   * The periods of ONE financial year in time order (the quarters Q1–Q4, or those so far), each with its running
   * total (year to date) as the input gives it, or left out to be summed.
   */
  periods: readonly PeriodInput[];
  /**
   * For a proportion: the complements (denominator − numerator) of the same periods, with the same keys, and their
   * running totals. "38 of 40 reoffended" tells of the 2 who did not: a complement is protected like the count.
   */
  complements?: readonly PeriodInput[];
  threshold: number;
  suppressZero?: boolean;
}

/**
 * Primary and secondary suppression for a year's quarterly reports: report k publishes quarter k and the year to
 * date at its end, and what an earlier report published cannot be taken back. So the decisions are made in
 * reporting order, one quarter at a time, each with only the quarters so far: the decisions for Q1–Qk are the same
 * whether the later quarters are passed or not (the quarter's report and a later one agree on them).
 *
 * For quarter k, after primary suppression (decideCount on the quarter and on the year to date; for a proportion,
 * also on their complements), the first of these that leaves every published figure of Q1–Qk safe is taken:
 *  1. nothing more;
 *  2. the quarter is suppressed as well (secondary), the year to date shown;
 *  3. the year to date is suppressed (secondary), the quarter shown;
 *  4. both are suppressed (always safe: it adds no published figure).
 * "Safe" is suppressCumulativeSeries' rule on the figures published so far: no suppressed quarter and no suppressed
 * year to date can be worked out by adding and subtracting published ones, and a sum of suppressed quarters that can
 * be worked out (published year to date minus an earlier one and the published quarters between) is at least the
 * threshold and holds at least two suppressed quarters. The year to date is kept before the quarter (2 before 3)
 * because it is the report's headline and its last value is the year's total: keeping it ends the linkage at once,
 * where suppressing it would pass the problem on to every later quarter of the year, and to the year's total.
 *
 * Worked, t = 5: Q1 20, Q2 3, Q3 30, Q4 25. Report 1: Q1 20, YTD 20. Report 2: Q2 is small; YTD 23 would give
 * Q2 = 23 − 20, so it is suppressed too (4). Report 3: Q3 30 with YTD 53 gives Q2 = 53 − 20 − 30 (1 fails), so Q3 is
 * suppressed and YTD 53 shown (2): Q2 + Q3 = 33 is all that can be worked out. Report 4: Q4 25, YTD 78 (1).
 *
 * @throws StatsInputError as suppressCumulativeSeries, or when the complements do not match the periods.
 */
export function suppressYearToDateReports(input: YearToDateReportsInput): CumulativeSeriesResult {
  const o = normalise({ threshold: input.threshold, suppressZero: input.suppressZero ?? false });
  const series = [readSeries(input.periods, 'periods', o)];
  if (input.complements) {
    const c = input.complements;
    if (c.length !== input.periods.length || c.some((p, i) => p.key !== input.periods[i]!.key)) {
      throw new StatsInputError('complements', c.map((p) => p.key), 'must have the keys of the periods, in the same order');
    }
    series.push(readSeries(c, 'complements', o));
  }
  const n = input.periods.length;
  type Pick = (s: { parts: Cell[]; cumulative: Cell[] }) => Cell;
  const partAt = (k: number): Pick => (s) => s.parts[k]!;
  const cumAt = (k: number): Pick => (s) => s.cumulative[k]!;
  for (let k = 0; k < n; k++) {
    // Primary: the cell is protected in every series when it is small (or suppressed at source) in any.
    for (const at of [partAt(k), cumAt(k)]) {
      for (const s of series) {
        const c = at(s);
        if (c.state === 'shown' && small(c.value!, o)) {
          c.state = 'primary';
          c.rule = c.value === 0 ? 'zero-count' : 'small-count';
        }
      }
      syncProtection(series.map(at));
    }
    const options: Pick[][] = [[], [partAt(k)], [cumAt(k)], [partAt(k), cumAt(k)]];
    for (const [index, hideNow] of options.entries()) {
      // The last option is taken whatever the check says: it adds no published figure to a safe set.
      const last = index === options.length - 1;
      // An option that hides nothing new (the cell is hidden already) is one before it: skip it.
      if (!last && hideNow.length > 0 && hideNow.every((at) => series.every((s) => at(s).state !== 'shown'))) continue;
      const trial = series.map((s) => ({ parts: s.parts.slice(0, k + 1).map((c) => ({ ...c })), cumulative: s.cumulative.slice(0, k + 1).map((c) => ({ ...c })) }));
      for (const at of hideNow) for (const s of trial) if (at(s).state === 'shown') hide(at(s));
      for (const at of hideNow) syncProtection(trial.map(at));
      if (!last && trial.some((s) => step(s.parts.map((c) => ({ ...c })), s.cumulative.map((c) => ({ ...c })), o))) continue;
      series.forEach((s, i) => {
        s.parts[k] = trial[i]!.parts[k]!;
        s.cumulative[k] = trial[i]!.cumulative[k]!;
      });
      break;
    }
  }
  return seriesResult(input.periods, series[0]!.parts, series[0]!.cumulative);
}

/**
 * One figure seen in several series (a proportion's count and complement): when it is protected in one, it is
 * protected in each series that would show it. A series where it is merely unavailable keeps that.
 */
function syncProtection(cells: readonly Cell[]): void {
  const strongest = cells.find((c) => c.state === 'source') ?? cells.find((c) => c.state === 'primary') ?? cells.find((c) => c.state === 'secondary');
  if (!strongest) return;
  for (const c of cells) {
    if (c.state !== 'shown') continue;
    c.state = strongest.state;
    c.rule = strongest.rule;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The engine shared by both: parts P_1..P_n on a line, running totals C_k = P_1 + … + P_k, some of which are shown.

type State = 'shown' | 'primary' | 'secondary' | 'source' | 'unavailable';

interface Cell {
  /** The true value when known to us (it may still be hidden). */
  value: number | null;
  state: State;
  rule?: SuppressionRule;
  absence?: Absence;
}

const isHidden = (c: Cell): boolean => c.state !== 'shown';
const isProtected = (c: Cell): boolean => c.state === 'primary' || c.state === 'secondary' || c.state === 'source';

function knownCell(value: number, o: Normalised): Cell {
  return small(value, o)
    ? { value, state: 'primary', rule: value === 0 ? 'zero-count' : 'small-count' }
    : { value, state: 'shown' };
}

function readParts(parts: readonly PartInput[], name: string): Cell[] {
  if (!Array.isArray(parts)) throw new StatsInputError(name, parts, 'must be an array');
  const seen = new Set<string>();
  return parts.map((p, i) => {
    if (typeof p.key !== 'string') throw new StatsInputError(`${name}[${i}].key`, p.key, 'must be a string');
    if (seen.has(p.key)) throw new StatsInputError(`${name}[${i}].key`, p.key, 'must be unique within the table');
    seen.add(p.key);
    if (p.count === null) {
      return absentIsSuppressed(p.absence)
        ? { value: null, state: 'source', rule: 'marked-in-source' }
        : { value: null, state: 'unavailable', absence: p.absence };
    }
    const value = checkCountValue(`${name}[${i}].count`, p.count);
    return { value, state: 'shown' };
  });
}

/** Known running totals must not decrease by more than the known periods allow, and equal them when all are known. */
function checkConsistency(parts: readonly Cell[], cumulative: readonly (Cell | null)[], name: string): void {
  let prevIndex = 0;
  let prevValue = 0;
  for (let k = 1; k <= parts.length; k++) {
    const c = cumulative[k - 1];
    if (!c || c.value === null) continue;
    let known = 0;
    let allKnown = true;
    for (let i = prevIndex + 1; i <= k; i++) {
      const v = parts[i - 1]!.value;
      if (v === null) allKnown = false;
      else known += v;
    }
    const diff = c.value - prevValue;
    if (allKnown ? diff !== known : diff < known) {
      const what = allKnown ? `the sum of the parts (${prevValue + known})` : `at least ${prevValue + known}`;
      throw new StatsInputError(name, c.value, `must be ${what}`);
    }
    prevIndex = k;
    prevValue = c.value;
  }
}

/** Mark primary suppressions of the parts, then add secondary ones until the invariants hold. */
function protect(parts: Cell[], cumulative: (Cell | null)[], o: Normalised): void {
  for (const p of parts) {
    if (p.state === 'shown' && small(p.value!, o)) {
      p.state = 'primary';
      p.rule = p.value === 0 ? 'zero-count' : 'small-count';
    }
  }
  // Each step hides at least one more cell, so this ends within 2n steps.
  const limit = 2 * parts.length + 2;
  for (let i = 0; i <= limit; i++) {
    if (!step(parts, cumulative, o)) return;
  }
  /* c8 ignore next */
  throw new Error('disclosure: secondary suppression did not settle (a bug)');
}

function hide(cell: Cell): void {
  cell.state = 'secondary';
  cell.rule = 'linked-cell';
}

/** Parts are 1-based here: (from, to] means P_{from+1} … P_to, i.e. array indices from … to − 1. */
function anyHidden(parts: readonly Cell[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isHidden(parts[i]!)) return true;
  return false;
}

/** The smallest shown non-zero part in (from, to], earliest on ties; with `allowZero`, else the earliest shown zero. */
function pick(parts: readonly Cell[], from: number, to: number, allowZero: boolean): Cell | null {
  let best: Cell | null = null;
  let zero: Cell | null = null;
  for (let i = from; i < to; i++) {
    const c = parts[i]!;
    if (c.state !== 'shown') continue;
    if (c.value === 0) zero ??= c;
    else if (best === null || c.value! < best.value!) best = c;
  }
  return best ?? (allowZero ? zero : null);
}

/** One repair, or false when every invariant holds. Scans left to right so that the result is deterministic. */
function step(parts: Cell[], cumulative: (Cell | null)[], o: Normalised): boolean {
  const n = parts.length;
  const anchors = [0];
  for (let k = 1; k <= n; k++) if (cumulative[k - 1]?.state === 'shown') anchors.push(k);
  const valueAt = (k: number): number => (k === 0 ? 0 : cumulative[k - 1]!.value!);

  for (let g = 0; g < anchors.length; g++) {
    const a = anchors[g]!;
    const b = anchors[g + 1] ?? null; // null: the stretch after the last shown running total
    if (b === null && a === n) break;

    // A shown-in-the-layout running total that is hidden must not be recoverable from either end.
    const lastInterior = b === null ? n : b - 1;
    for (let j = a + 1; j <= lastInterior; j++) {
      if (!cumulative[j - 1]) continue;
      if (!anyHidden(parts, a, j)) {
        hide(pick(parts, a, j, true)!);
        return true;
      }
      if (b !== null && !anyHidden(parts, j, b)) {
        hide(pick(parts, j, b, true)!);
        return true;
      }
    }
    if (b === null) continue;

    // The linked-group rule for the closed stretch (a, b].
    let hidden = 0;
    let protectedCount = 0;
    let shownSum = 0;
    for (let i = a; i < b; i++) {
      const c = parts[i]!;
      if (isHidden(c)) {
        hidden++;
        if (isProtected(c)) protectedCount++;
      } else shownSum += c.value!;
    }
    const hiddenSum = valueAt(b) - valueAt(a) - shownSum;
    const safe =
      protectedCount === 0 ? hidden === 0 || !small(hiddenSum, o) : protectedCount >= 2 && hiddenSum >= o.threshold;
    if (safe) continue;
    const candidate = pick(parts, a, b, false);
    if (candidate) hide(candidate);
    else if (b < n) hide(cumulative[b - 1]!);
    else if (a > 0) hide(cumulative[a - 1]!);
    else hide(cumulative[b - 1]!);
    return true;
  }
  return false;
}

function toDecision(key: string, cell: Cell): CellDecision {
  switch (cell.state) {
    case 'shown':
      return { key, count: cell.value, suppressed: false };
    case 'unavailable':
      return { key, count: null, suppressed: false, absence: cell.absence ?? 'not-available' };
    default:
      return {
        key,
        count: null,
        suppressed: true,
        reason: cell.state === 'source' ? 'source' : cell.state,
        rule: cell.rule ?? (cell.state === 'source' ? 'marked-in-source' : 'linked-cell'),
        absence: 'suppressed',
      };
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Redaction

/** `T` with the `K` fields made nullable, and `suppressed` / `suppressionReason` set. Other fields are unchanged. */
export type Redacted<T extends object, K extends keyof T> = {
  [P in keyof T as P extends 'suppressed' | 'suppressionReason' ? never : P]: P extends K ? T[P] | null : T[P];
} & { suppressed: boolean; suppressionReason: SuppressionReason | null };

/**
 * A shallow copy of `value` ready to publish: when the decision suppresses it, every field named in `fields` is
 * null (print SUPPRESSED_SYMBOL) and `suppressed` is true; otherwise the fields are kept and `suppressed` is false.
 * `fields` must list every disclosive field — for a count with a rate: count, value, lower, upper (or ci95);
 * for a proportion: numerator, value and the interval (the denominator may stay, see decideProportion);
 * for a change: both counts' decisions through decideDerived, then the change fields.
 * The input is not changed.
 */
export function redact<T extends object, K extends keyof T>(
  value: T,
  decision: SuppressionDecision,
  fields: readonly [K, ...K[]],
): Redacted<T, K> {
  const copy: Record<PropertyKey, unknown> = { ...(value as Record<PropertyKey, unknown>) };
  if (decision.suppressed) {
    for (const f of fields) copy[f as PropertyKey] = null;
  }
  copy.suppressed = decision.suppressed;
  copy.suppressionReason = decision.suppressed ? decision.reason : null;
  return copy as Redacted<T, K>;
}
