/**
 * The one disclosure decision of a document: which indicators are protected, and for a protected indicator whether
 * its figure for a run of months may be published. Every figure that shows a count or can be worked back to one —
 * the headline and the year before (./disclosure-apply.ts), the report's rows (./report.ts), trend points, the
 * monthly SPC series, the RAG reason — asks this object, and the CSV/xlsx tables and charts are drawn from the
 * JSON those produce. The rules themselves are in ./disclosure.ts.
 *
 * Scope (safe by default). Every indicator from the measures input is protected, whatever its id, unless the
 * config exempts it (`disclosure.exempt`). police.uk street-level counts (`recorded-crime.*`,
 * `anti-social-behaviour`) are not: police.uk publishes the same counts, by street and month, openly
 * (https://data.police.uk/about/), so suppressing the partnership's totals would hide nothing. `disclosure.indicators`,
 * the older key, still protects what it names — measures ids (protected anyway) or police.uk ids — and protection
 * wins over an exemption.
 *
 * Linked figures. A financial year's quarters and years to date are one series (Q1–Q4, YTD1–YTD4 = the year's
 * total), published one quarter at a time by the quarterly reports, and again as "last year" by the next year's
 * reports, and as the year's total by the assessment and the trend. Each year is decided once, by
 * suppressYearToDateReports over all its quarters: the decisions of a quarter never depend on later quarters, so
 * the report of any quarter, the next year's reports and the assessment all publish the same cells. A figure over
 * other months (a rolling 12 months) gets the primary rule only, and is printed only as a RAG status.
 */
import type { Config } from '../model/config.js';
import type { IndicatorResult, Period } from '../model/contract.js';
import { defineIndicator, type IndicatorDefinition } from './catalogue.js';
import {
  appliesTo,
  decideCount,
  decideProportion,
  isDisclosive,
  SHOWN,
  suppressYearToDateReports,
  type CumulativeSeriesResult,
  type PeriodInput,
  type SuppressionDecision,
} from './disclosure.js';
import { financialYearLabel, quarterOf, quarterRange, yearToDate, type MonthRange, type Quarter } from './periods.js';
import type { DataSource, Observation } from './sources.js';
import { StatsInputError } from './stats/errors.js';

type Rules = Pick<Config['disclosure'], 'threshold' | 'indicators' | 'exempt'>;

/** Why an indicator is or is not protected. */
export type ProtectionReason =
  /** protected: it comes from the measures input (the default) */
  | 'measures'
  /** protected: named in `disclosure.indicators` */
  | 'listed'
  /** not protected: named in `disclosure.exempt` */
  | 'exempt'
  /** not protected: a police.uk street-level count, published openly */
  | 'police-uk';

export interface Protection {
  protected: boolean;
  why: ProtectionReason;
}

/** Whether small-number suppression applies to an indicator, and why. */
export function protectionOf(id: string, source: IndicatorDefinition['source'], rules: Pick<Rules, 'indicators' | 'exempt'>): Protection {
  if (appliesTo(id, rules.indicators)) return { protected: true, why: 'listed' };
  if (appliesTo(id, rules.exempt)) return { protected: false, why: 'exempt' };
  if (source === 'police-uk') return { protected: false, why: 'police-uk' };
  return { protected: true, why: 'measures' };
}

/** The months of a contract period ("2016-04-01" to "2017-03-31" → 2016-04 to 2017-03). */
export function monthsOf(period: Period): MonthRange {
  return { start: period.start.slice(0, 7), end: period.end.slice(0, 7), label: period.label };
}

const sameMonths = (a: MonthRange, b: MonthRange) => a.start === b.start && a.end === b.end;

/** The quarter cell or year-to-date cell (the year's total is YTD Q4) a range is, if any. Q1 is both. */
function cellOf(range: MonthRange): { quarter: Quarter; isQuarter: boolean; isYearToDate: boolean } | undefined {
  const quarter = quarterOf(range.end);
  if (quarterRange(quarter).end !== range.end) return undefined;
  const isQuarter = sameMonths(range, quarterRange(quarter));
  const isYearToDate = sameMonths(range, yearToDate(quarter));
  return isQuarter || isYearToDate ? { quarter, isQuarter, isYearToDate } : undefined;
}

const LINKED: SuppressionDecision = Object.freeze({ suppressed: true, reason: 'secondary', rule: 'linked-cell' });
const MARKED: SuppressionDecision = Object.freeze({ suppressed: true, reason: 'source', rule: 'marked-in-source' });

/** The decisions of one document (one area): build one per document from its DataSource. */
export class DisclosurePlan {
  private readonly years = new Map<string, CumulativeSeriesResult | null>();
  private readonly defs = new Map<string, IndicatorDefinition>();
  private readonly notes = new Map<string, Set<string>>();

  constructor(readonly source: DataSource) {}

  get config(): Config {
    return this.source.ws.config;
  }

  get threshold(): number {
    return this.config.disclosure.threshold;
  }

  /** The indicator's definition, as the document computes it. */
  define(id: string): IndicatorDefinition {
    let def = this.defs.get(id);
    if (!def) this.defs.set(id, (def = defineIndicator(id, this.config, this.source.hasDenominator(id))));
    return def;
  }

  protection(def: IndicatorDefinition): Protection {
    return protectionOf(def.id, def.source, this.config.disclosure);
  }

  /** Notes for the indicator's data-quality notes (a year that could not be checked). */
  notesFor(id: string): string[] {
    return [...(this.notes.get(id) ?? [])];
  }

  /**
   * May the indicator's figure (count, and everything computed from it) for these months be published? A figure
   * suppressed in the input is `source`-suppressed for every indicator; the rest of the rules apply to protected
   * indicators only.
   */
  decide(def: IndicatorDefinition, range: MonthRange): SuppressionDecision {
    const obs = this.source.observe(def, this.config.area.code, range);
    if (obs.status === 'suppressed') return MARKED;
    if (!this.protection(def).protected || obs.status !== 'ok' || obs.count === null) return SHOWN;
    const cell = cellOf(range);
    // A figure published on its own (a 12-month cohort) is not the sum of the quarters: no subtraction involves it.
    if (!cell || obs.standalone) return this.primary(def, obs);
    const year = this.year(def, cell.quarter.startYear);
    if (!year) return LINKED;
    const k = cell.quarter.quarter - 1;
    const decisions = [...(cell.isQuarter ? [year.periods[k]!] : []), ...(cell.isYearToDate ? [year.cumulative[k]!] : [])];
    const hidden = decisions.find((d) => d.suppressed);
    return hidden && hidden.suppressed ? { suppressed: true, reason: hidden.reason, rule: hidden.rule } : SHOWN;
  }

  /**
   * A protected indicator's monthly (SPC) series is published only when no month is small and no quarter or year
   * to date that the months add up to is suppressed: the months would give those back, and the chart's mean is
   * their total over the window.
   */
  monthlySeriesShown(def: IndicatorDefinition, points: readonly { period: string; value: number | null }[]): boolean {
    if (!this.protection(def).protected) return true;
    if (points.some((p) => p.value !== null && isDisclosive(p.value, this.threshold))) return false;
    const quarters = new Map<string, Quarter>();
    for (const p of points) {
      const q = quarterOf(p.period);
      quarters.set(`${q.startYear}-${q.quarter}`, q);
    }
    return [...quarters.values()].every((q) => !this.decide(def, quarterRange(q)).suppressed && !this.decide(def, yearToDate(q)).suppressed);
  }

  /**
   * The RAG of a protected indicator: grey when its figure is suppressed; otherwise the status and its band, without
   * the exact percentage from the target (the report's RAG is on the latest 12 months, and the exact figure of those
   * with the published years to date could give a suppressed quarter back).
   */
  rag(def: IndicatorDefinition, result: Pick<IndicatorResult, 'rag' | 'period'>): IndicatorResult['rag'] {
    if (!this.protection(def).protected) return result.rag;
    if (this.decide(def, monthsOf(result.period)).suppressed) return { status: 'grey', target: result.rag.target, reason: 'figures suppressed (small numbers)' };
    return this.coarseRag(def, result.rag);
  }

  /** The RAG reason without the exact percentage, for a protected indicator (idempotent). */
  coarseRag(def: IndicatorDefinition, rag: IndicatorResult['rag']): IndicatorResult['rag'] {
    if (!this.protection(def).protected) return rag;
    const { redBeyondPercent, amberWithinPercent } = this.config.rag;
    if (rag.status === 'red') return { ...rag, reason: `worse than target by more than ${redBeyondPercent}%` };
    if (rag.status === 'amber') return { ...rag, reason: `worse than target by up to ${amberWithinPercent}%` };
    return rag;
  }

  /** Primary suppression of a figure that is not a cell of a year's series. */
  private primary(def: IndicatorDefinition, obs: Observation): SuppressionDecision {
    const options = { threshold: this.threshold };
    const count = obs.count!;
    if (!Number.isSafeInteger(count) || count < 0) return isDisclosive(count, this.threshold) ? LINKED : SHOWN;
    const d = obs.denominator;
    if (def.type === 'proportion' && d !== null && Number.isSafeInteger(d) && d > 0 && d >= count) {
      return decideProportion({ numerator: count, denominator: d }, options);
    }
    return decideCount(count, options);
  }

  /** The decisions for the quarters and years to date of a financial year (null: could not be checked). */
  private year(def: IndicatorDefinition, startYear: number): CumulativeSeriesResult | null {
    const key = `${def.id}|${startYear}`;
    if (this.years.has(key)) return this.years.get(key)!;
    const areaCode = this.config.area.code;
    const periods: PeriodInput[] = [];
    const complements: PeriodInput[] = [];
    // The year to date of the series is the sum of the quarters. Where the input publishes a year to date of its own
    // instead (a 12-month cohort, which quarterly cohorts do not add up to), the series uses the quarters' running
    // sum: that standalone figure is checked on its own (decide), and the quarters are protected from each other.
    let running: Observation | null = null;
    for (const q of [1, 2, 3, 4] as const) {
      const quarter = this.source.observe(def, areaCode, quarterRange({ startYear, quarter: q }));
      const published = this.source.observe(def, areaCode, yearToDate({ startYear, quarter: q }));
      running = q === 1 ? quarter : addObservations(running!, quarter);
      const ytd = published.standalone ? running : published;
      const cell = (o: Observation, value: (o: Observation) => number | null) => {
        const v = o.status === 'ok' ? value(o) : null;
        return { value: v, absence: o.status === 'suppressed' ? ('suppressed' as const) : ('not-available' as const) };
      };
      const count = (o: Observation) => o.count;
      const complement = (o: Observation) => (o.count !== null && o.denominator !== null ? o.denominator - o.count : null);
      const p = cell(quarter, count);
      const c = cell(ytd, count);
      periods.push({ key: `Q${q}`, count: p.value, absence: p.value === null ? p.absence : undefined, cumulative: c.value, cumulativeAbsence: c.value === null ? c.absence : undefined });
      const pc = cell(quarter, complement);
      const cc = cell(ytd, complement);
      complements.push({ key: `Q${q}`, count: pc.value, absence: pc.value === null ? pc.absence : undefined, cumulative: cc.value, cumulativeAbsence: cc.value === null ? cc.absence : undefined });
    }
    let result: CumulativeSeriesResult | null;
    try {
      result = suppressYearToDateReports({ periods, complements: def.type === 'proportion' ? complements : undefined, threshold: this.threshold });
    } catch (e) {
      if (!(e instanceof StatsInputError)) throw e;
      // The quarters and years to date do not add up (or a count exceeds its denominator): nothing of the year can
      // be shown safely, so none of it is.
      result = null;
      const notes = this.notes.get(def.id) ?? new Set<string>();
      notes.add(`quarterly figures for ${financialYearLabel(startYear)} are not shown: the quarters and the year to date in the input do not add up, so they cannot be checked for small numbers`);
      this.notes.set(def.id, notes);
    }
    this.years.set(key, result);
    return result;
  }
}

/** The sum of two observations of consecutive periods (counts and denominators), missing if either is not there. */
function addObservations(a: Observation, b: Observation): Observation {
  if (a.status !== 'ok' || b.status !== 'ok' || a.count === null || b.count === null) return a.status !== 'ok' ? a : b;
  const denominator = a.denominator !== null && b.denominator !== null ? a.denominator + b.denominator : null;
  return { ...b, count: a.count + b.count, denominator, range: { ...b.range, start: a.range.start } };
}

const listText = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/**
 * The sentence a document prints about disclosure control: the threshold, what is protected and what is shown in
 * full, and why. `indicators` are the document's (label and id).
 */
export function disclosureStatement(config: Config, indicators: readonly Pick<IndicatorResult, 'id' | 'label'>[]): string {
  const t = config.disclosure.threshold;
  const sourceOf = (id: string) => defineIndicator(id, config).source;
  const withProtection = indicators.map((i) => ({ ...i, p: protectionOf(i.id, sourceOf(i.id), config.disclosure) }));
  const protectedOnes = withProtection.filter((i) => i.p.protected).map((i) => i.label);
  const police = withProtection.some((i) => !i.p.protected && i.p.why === 'police-uk');
  const exempt = withProtection.filter((i) => !i.p.protected && i.p.why === 'exempt').map((i) => i.label);
  const sentences: string[] = [];
  if (t <= 1) sentences.push('No counts are suppressed (disclosure threshold 1).');
  else if (protectedOnes.length > 0) {
    sentences.push(
      `Counts from 1 to ${t - 1} are not shown ([c]) for ${listText(protectedOnes)}, and nor is any figure from which one could be worked out: its rate, interval or change, or a quarter, year to date or year that published figures would give back by subtraction.`,
    );
  } else sentences.push(`No indicator in this document is under small-number suppression (counts from 1 to ${t - 1} would be shown as [c]).`);
  if (police) sentences.push('Police recorded crime and anti-social behaviour counts from police.uk are shown in full: police.uk publishes them openly, by street and month.');
  if (exempt.length > 0) sentences.push(`Shown in full by the partnership's choice (disclosure.exempt): ${listText(exempt)}.`);
  return sentences.join(' ');
}

/** The lines `swp validate` prints about disclosure control: what is protected, what is not, and why. */
export function describeDisclosure(config: Config, measureIds: readonly string[], policeUk: boolean): string[] {
  const t = config.disclosure.threshold;
  const rules = config.disclosure;
  const lines = ['', `Disclosure control: counts of 1 to ${t - 1} are shown as [c] (disclosure.threshold ${t}), with every figure that would give them back`];
  if (t <= 1) lines[1] = 'Disclosure control: disclosure.threshold is 1, so no count is suppressed';
  const ids = [...new Set(measureIds)].sort();
  const by = (why: ProtectionReason) => ids.filter((id) => protectionOf(id, defineIndicator(id, config).source, rules).why === why);
  const measures = by('measures');
  const listed = by('listed');
  const exempt = by('exempt');
  if (measures.length) lines.push(`  protected (every measures indicator unless exempted): ${measures.join(', ')}`);
  if (listed.length) lines.push(`  protected (disclosure.indicators): ${listed.join(', ')}`);
  const policeListed = rules.indicators.filter((p) => p.startsWith('recorded-crime') || p.startsWith('anti-social') || p === '*');
  if (policeUk) {
    lines.push(
      policeListed.length
        ? `  protected (disclosure.indicators): police.uk counts matching ${policeListed.join(', ')}`
        : '  not protected: police.uk street-level counts (recorded-crime.*, anti-social-behaviour), which police.uk publishes openly',
    );
  }
  if (exempt.length) lines.push(`  not protected (disclosure.exempt): ${exempt.join(', ')}`);
  if (!measures.length && !listed.length && !exempt.length && !policeUk) lines.push('  no indicators in the inputs');
  if (rules.indicators.length > 0) {
    // Before issue 11 this key was the whole scope of suppression; say what changed, once, where the user looks.
    lines.push('  note: disclosure.indicators now adds protection only: every measures indicator is protected without it (disclosure.exempt shows one in full)');
  }
  for (const pattern of rules.exempt) {
    if (!ids.some((id) => appliesTo(id, [pattern]))) lines.push(`  note: disclosure.exempt "${pattern}" matches no measures indicator in the inputs`);
  }
  return lines;
}
