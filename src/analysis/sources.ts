/**
 * Observations: the count and denominator of an indicator for an area and a run of months, from whichever input
 * holds it (police.uk aggregates, the measures CSV, the Home Office CSP table) plus the population. An observation
 * is either complete, suppressed at source, or missing — months outside the data are missing, never zero.
 */
import type { Workspace } from '../ingest/workspace.js';
import { completeMonthCounts, missingMonthsNote, type MeasureRow, type Revision } from '../model/data.js';
import type { IndicatorDefinition } from './catalogue.js';
import { chooseRows } from './period-rows.js';
import { areaKey } from '../ingest/home-office.js';
import { HomeOfficeTable } from './home-office.js';
import { financialYearOf, monthsBetween, type MonthRange } from './periods.js';

export const ENGLAND_AND_WALES = 'K04000001';
export const ENGLAND = 'E92000001';

export interface Observation {
  count: number | null;
  denominator: number | null;
  /** Proven reoffending: reoffences (summed). */
  reoffences: number | null;
  status: 'ok' | 'suppressed' | 'missing';
  /** Why an observation is missing or approximate (shown in data-quality notes). */
  notes: string[];
  revision: Revision | null;
  seriesBreak: string | null;
  /** The months actually covered. */
  range: MonthRange;
  /**
   * A published figure of its own, not the sum of the period's parts (a 12-month cohort beside quarterly cohorts,
   * which do not add up to it): disclosure control checks it on its own rather than as a year-to-date total.
   */
  standalone?: boolean;
}

/** The mid-year population used as a denominator, and whether it is for the year asked or the nearest earlier. */
export interface PopulationValue {
  value: number;
  year: number;
  exact: boolean;
}

const monthOf = (iso: string) => iso.slice(0, 7);

/** Why a measure has no rows inside a period: none at all, or none yet (the latest row ends before it starts). */
function noRowsNote(range: MonthRange, all: readonly MeasureRow[]): string {
  // Plain words: the note reaches the documents under the indicator's label, so it names neither id nor area code.
  const label = range.label || `${range.start} to ${range.end}`;
  if (all.length === 0) return 'the measures have no rows for this indicator and area';
  const latest = all.reduce((a, r) => (r.periodEnd > a ? r.periodEnd : a), all[0]!.periodEnd);
  if (monthOf(latest) < range.start) return `the measures have no rows for ${label} yet; the latest ends on ${latest}`;
  return `the measures have no rows that lie within ${label}`;
}

/** The note of revised rows that replaced earlier ones (src/ingest/assembly.ts), naming both files and lines. */
function revisedNote(rows: readonly MeasureRow[]): string | null {
  const pairs = rows.filter((r) => r.supersedes?.length).map((r) => `${r.source.file} line ${r.source.line} replaces ${r.supersedes!.map((s) => `${s.file} line ${s.line}`).join(' and ')}`);
  return pairs.length === 0 ? null : `revised figures (status r) used in place of the provisional or unmarked ones for the same period: ${pairs.join('; ')}`;
}

/** Access to every input of a workspace, by indicator, area and months. */
export class DataSource {
  private readonly measuresByKey = new Map<string, MeasureRow[]>();
  private readonly populationByKey = new Map<string, Map<number, number>>();
  private readonly areaNames = new Map<string, string>();

  constructor(readonly ws: Workspace) {
    for (const row of ws.measures) {
      const key = `${row.indicator}|${row.areaCode}`;
      const list = this.measuresByKey.get(key);
      if (list) list.push(row);
      else this.measuresByKey.set(key, [row]);
      this.areaNames.set(row.areaCode, row.areaName);
    }
    for (const p of ws.population) {
      const key = `${p.areaCode}|${p.ageBand}`;
      let years = this.populationByKey.get(key);
      if (!years) this.populationByKey.set(key, (years = new Map()));
      years.set(p.year, p.population);
      this.areaNames.set(p.areaCode, p.areaName);
    }
  }

  /** Area name for a code, from the population or measures files. */
  areaName(code: string): string | undefined {
    return this.areaNames.get(code);
  }

  /** Area code for a name (used for peers given by CSP name). */
  areaCodeOf(nameOrCode: string): string | undefined {
    if (/^[EWKNS]\d{8}$/.test(nameOrCode)) return nameOrCode;
    for (const [code, name] of this.areaNames) if (name.toLowerCase() === nameOrCode.toLowerCase()) return code;
    // Then the same area spelt another way ("Bristol" for ONS "Bristol, City of"): local authorities only, so
    // "City of London" never falls to the London region.
    const key = areaKey(nameOrCode);
    for (const [code, name] of this.areaNames) if (/^(E06|E07|E08|E09|W06)/.test(code) && areaKey(name) === key) return code;
    return undefined;
  }

  /**
   * Mid-year population for an area: the year asked for, else the nearest earlier year published (mid-year
   * estimates lag by about a year, so the latest estimate stands in; the note says so).
   */
  population(areaCode: string, year: number, band: 'all' | '10-17'): PopulationValue | null {
    const years = this.populationByKey.get(`${areaCode}|${band}`);
    if (!years) return null;
    const exact = years.get(year);
    if (exact !== undefined) return { value: exact, year, exact: true };
    const earlier = [...years.keys()].filter((y) => y < year).sort((a, b) => b - a)[0];
    if (earlier !== undefined) return { value: years.get(earlier)!, year: earlier, exact: false };
    return null;
  }

  /** Whether the measures hold any row for this indicator with a denominator. */
  hasDenominator(indicator: string): boolean {
    for (const [key, rows] of this.measuresByKey) if (key.startsWith(`${indicator}|`) && rows.some((r) => r.denominator !== null)) return true;
    return false;
  }

  /** Observation of an indicator for an area over a run of whole months. */
  observe(def: IndicatorDefinition, areaCode: string, range: MonthRange): Observation {
    const base = def.source === 'police-uk' && areaCode === this.ws.config.area.code ? this.observePolice(def, range) : this.observeMeasures(def, areaCode, range);
    if (base.status !== 'ok' || def.type === 'proportion') return base;
    if (base.denominator === null && def.populationBand !== null) {
      // Rates of a financial year use the mid-year population of the year in which it starts.
      const pop = this.population(areaCode, financialYearOf(range.start), def.populationBand);
      if (pop) {
        base.denominator = pop.value;
        if (!pop.exact) base.notes.push(`population for mid-${financialYearOf(range.start)} not yet published: mid-${pop.year} used`);
      } else if (def.type === 'rate') {
        base.notes.push(`no population for ${areaCode} (${def.populationBand === 'all' ? 'all ages' : 'aged 10 to 17'}): no rate`);
      }
    }
    return base;
  }

  private empty(range: MonthRange, status: Observation['status'], note?: string): Observation {
    return { count: null, denominator: null, reoffences: null, status, notes: note ? [note] : [], revision: null, seriesBreak: null, range };
  }

  private observePolice(def: IndicatorDefinition, range: MonthRange): Observation {
    const data = this.ws.police;
    if (!data) return this.empty(range, 'missing', 'no police.uk data');
    let count = 0;
    // Coverage, not presence: a month counts only when every covering force has a street file for it.
    const months = monthsBetween(range.start, range.end);
    const gap = missingMonthsNote(data, months);
    if (gap !== undefined) return this.empty(range, 'missing', gap);
    for (const m of months) {
      const counts = completeMonthCounts(data, m)!;
      for (const t of def.crimeTypes) count += counts[t]!;
    }
    const breakNote = def.seriesBreaks.find((b) => b.from > range.start && b.from <= range.end);
    return { count, denominator: null, reoffences: null, status: 'ok', notes: [], revision: null, seriesBreak: breakNote ? breakNote.note : null, range };
  }

  /** Rows of a measure for an area that lie inside the range, chosen by the one rule for overlapping periods (./period-rows.ts). */
  private observeMeasures(def: IndicatorDefinition, areaCode: string, range: MonthRange): Observation {
    const all = this.measuresByKey.get(`${def.id}|${areaCode}`) ?? [];
    const inside = all.filter((r) => monthOf(r.periodStart) >= range.start && monthOf(r.periodEnd) <= range.end);
    if (inside.length === 0) return this.empty(range, 'missing', noRowsNote(range, all));
    const choice = chooseRows(inside, range);
    if (!choice.rows) return this.empty(range, 'missing', choice.note ?? undefined);
    const rows = choice.rows;
    const notes = [choice.note, revisedNote(rows)].filter((n): n is string => n !== null);
    if (rows.some((r) => r.numerator === null)) {
      const o = this.empty(range, rows.some((r) => r.numeratorAbsence === 'suppressed') ? 'suppressed' : 'missing', 'a figure in the period is not published');
      o.notes.push(...notes);
      return o;
    }
    const sum = (xs: (number | null)[]) => (xs.every((x) => x !== null) ? (xs as number[]).reduce((a, b) => a + b, 0) : null);
    const count = sum(rows.map((r) => r.numerator));
    let denominator: number | null;
    if (def.type === 'proportion') denominator = sum(rows.map((r) => r.denominator));
    else {
      // Populations are not additive over time: a year's rate uses one population, the mean of the rows' if several.
      const ds = rows.map((r) => r.denominator);
      denominator = ds.every((d) => d !== null) ? (ds as number[]).reduce((a, b) => a + b, 0) / ds.length : null;
    }
    const reoffences = sum(rows.map((r) => r.reoffences));
    const revision = rows.some((r) => r.revision === 'provisional') ? 'provisional' : rows.some((r) => r.revision === 'revised') ? 'revised' : null;
    const seriesBreak = rows.find((r) => r.seriesBreak)?.seriesBreak ?? def.seriesBreaks.find((b) => b.from > range.start && b.from <= range.end)?.note ?? null;
    return { count, denominator, reoffences, status: 'ok', notes, revision, seriesBreak, range, ...(choice.standalone ? { standalone: true } : {}) };
  }

  /** police.uk counts per crime type (CRIME_TYPES order) summed over a range; null if a month is missing. */
  countsByType(range: MonthRange): Uint32Array | null {
    const data = this.ws.police;
    if (!data) return null;
    const total = new Uint32Array(data.byMonth.values().next().value?.length ?? 14);
    for (const m of monthsBetween(range.start, range.end)) {
      const counts = completeMonthCounts(data, m);
      if (!counts) return null;
      counts.forEach((c, i) => (total[i]! += c));
    }
    return total;
  }

  /**
   * Why some months of a range inside the police.uk data are not complete ("no police.uk data for Essex Police for
   * 2022-11"), or undefined when every month of the range that lies inside the data's span is complete. Months
   * before or after the data are not gaps: a series simply starts or ends there.
   */
  policeGapNote(range: MonthRange): string | undefined {
    const data = this.ws.police;
    const span = data?.coverage.span;
    if (!data || !span) return undefined;
    return missingMonthsNote(data, monthsBetween(range.start, range.end).filter((m) => m >= span.start && m <= span.end));
  }

  /** Monthly counts of a police.uk indicator (null for months that are not complete). */
  monthlyCounts(def: IndicatorDefinition, range: MonthRange): { month: string; count: number | null }[] {
    const data = this.ws.police;
    return monthsBetween(range.start, range.end).map((month) => {
      const counts = data ? completeMonthCounts(data, month) : undefined;
      return { month, count: counts ? def.crimeTypes.reduce((a, t) => a + counts[t]!, 0) : null };
    });
  }

  private hoTable: HomeOfficeTable | undefined;

  /** The Home Office CSP table, indexed (built on first use). */
  homeOfficeTable(): HomeOfficeTable {
    return (this.hoTable ??= new HomeOfficeTable(this.ws.homeOffice));
  }

  /** The force a CSP belongs to in the Home Office table, and every CSP of that force. */
  forceOf(cspName: string): { force: string; csps: string[] } | undefined {
    return this.homeOfficeTable().forceOf(cspName);
  }

  /**
   * Home Office CSP-table count for a CSP, police.uk indicator and financial year, over the given quarters (default
   * all four); null if not in the table or a quarter is missing.
   */
  homeOfficeCount(cspName: string, indicatorId: string, startYear: number, quarters?: readonly number[]): number | null {
    return this.homeOfficeTable().count(cspName, indicatorId, startYear, quarters);
  }
}
