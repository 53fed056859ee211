/**
 * The profile of violence from police.uk: each crime type of the definition as the assessment computes it
 * (../indicator.ts: count, rate per 1,000 with Byar / exact Poisson limits, England and Wales, the year before, the
 * five-year trend, the most similar group from the Home Office table), and the types together.
 */
import type { IndicatorResult } from '../../model/contract.js';
import { CRIME_TYPES, crimeTypeIndicatorId } from '../../model/data.js';
import { defineIndicator, type IndicatorDefinition } from '../catalogue.js';
import { applyDisclosure } from '../disclosure-apply.js';
import { DisclosurePlan } from '../disclosure-plan.js';
import { isDisclosive } from '../disclosure.js';
import { finding } from '../findings.js';
import { computeIndicator, toPeriod } from '../indicator.js';
import { financialYear } from '../periods.js';
import type { DataSource } from '../sources.js';
import { compareWithBenchmark } from '../stats/index.js';
import type { ViolenceDefinition } from './definition.js';

export const TOTAL_ID = 'serious-violence.police-uk';

/** Every police.uk type of the definition, with disclosure control and a finding, for the year. */
export function violenceByType(source: DataSource, def: ViolenceDefinition, startYear: number): IndicatorResult[] {
  const ctx = { config: source.ws.config, source, startYear };
  const computed = def.typeIndices.map((i) => ({ ...computeIndicator(defineIndicator(crimeTypeIndicatorId(CRIME_TYPES[i]!), source.ws.config), financialYear(startYear), ctx), finding: '' }));
  const safe = applyDisclosure(computed, new DisclosurePlan(source));
  for (const r of safe) r.finding = finding(r);
  return safe;
}

/**
 * The types together, as one rate. Its England and Wales value is the sum of the types' national rates: they share
 * one national population, so the rates add up as the counts do.
 */
export function violenceTotal(source: DataSource, def: ViolenceDefinition, startYear: number, byType: readonly IndicatorResult[]): IndicatorResult | null {
  if (def.typeIndices.length === 0 || !source.ws.police) return null;
  const d: IndicatorDefinition = {
    id: TOTAL_ID, label: 'Serious violence (our definition, police.uk)', group: 'recorded-crime', type: 'rate', multiplier: 1000, unit: 'per 1,000 residents',
    populationBand: 'all', polarity: 'lower-is-better', target: null, source: 'police-uk', crimeTypes: def.typeIndices, seriesBreaks: [],
  };
  const r: IndicatorResult = { ...computeIndicator(d, financialYear(startYear), { config: source.ws.config, source, startYear }), finding: '' };
  addNational(r, byType);
  const threshold = source.ws.config.disclosure.threshold;
  // police.uk publishes its counts, but a total of 1 to 4 is held back like any other small number.
  if (r.count !== null && isDisclosive(r.count, threshold)) {
    Object.assign(r, { count: null, value: null, ci95: null, ciMethod: null, suppressed: true, comparison: 'not-compared', change: null, spc: null, trend: null });
  }
  r.finding = finding(r);
  return r;
}

/** The total's national value and comparison, from the types' (all from the same national area and period). */
function addNational(r: IndicatorResult, byType: readonly IndicatorResult[]): void {
  const nats = byType.map((t) => t.national);
  if (nats.length === 0 || nats.some((n) => n === null || n.value === null || n.areaCode !== nats[0]!.areaCode)) return;
  const value = nats.reduce((a, n) => a + n!.value!, 0);
  r.national = { areaCode: nats[0]!.areaCode, label: nats[0]!.label, value, ci95: null, period: toPeriod(financialYear(Number(r.period.start.slice(0, 4)))) };
  const local = r.value !== null && r.ci95 ? { value: r.value, lower: r.ci95[0], upper: r.ci95[1] } : null;
  r.comparison = compareWithBenchmark(local, value, 'lower-is-better').outcome;
  if (r.trend) {
    r.trend.points = r.trend.points.map((p) => {
      const parts = byType.map((t) => t.trend?.points.find((q) => q.period.start === p.period.start)?.national ?? null);
      return parts.every((x) => x !== null && x !== undefined) ? { ...p, national: parts.reduce((a, x) => a! + x!, 0) } : p;
    });
  }
}

/** The total's share of all police.uk crime in the year (anti-social behaviour is not a crime); null when not shown. */
export function shareOfAllCrime(source: DataSource, total: IndicatorResult | null, startYear: number): number | null {
  if (!total || total.count === null) return null;
  const all = source.observe(defineIndicator('recorded-crime.all', source.ws.config), source.ws.config.area.code, financialYear(startYear));
  return all.status === 'ok' && all.count ? total.count / all.count : null;
}
