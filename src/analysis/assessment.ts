/**
 * The annual strategic assessment's numbers: every indicator for the financial year, in the JSON contract's shape.
 * A measure without a figure for the year (proven reoffending is published with a lag; rows may be missing or overlap)
 * uses the latest year available and says why the year asked has none.
 */
import type { Workspace } from '../ingest/workspace.js';
import type { Config } from '../model/config.js';
import { SCHEMA_VERSION, type Assessment, type IndicatorResult, type Places } from '../model/contract.js';
import { computePlaces } from './places.js';
import { placesDetail } from './places/index.js';
import { stopSearchOf } from './stop-search-area.js';
import { outcomesOf } from './outcomes.js';
import { coverageOf } from './coverage.js';
import { CRIME_TYPES } from '../model/data.js';
import { defineIndicator, POLICE_INDICATOR_IDS, type IndicatorDefinition } from './catalogue.js';
import { applyDisclosure } from './disclosure-apply.js';
import { DisclosurePlan } from './disclosure-plan.js';
import { finding } from './findings.js';
import { computeHarm } from './harm.js';
import { computeIndicator, toPeriod } from './indicator.js';
import { financialYear } from './periods.js';
import { DataSource } from './sources.js';

export interface DocumentOptions {
  /** ISO date printed as "data as at" (from --date or SOURCE_DATE_EPOCH, for reproducible output). */
  dataAsAt: string;
  version: string;
}

const GROUP_ORDER: IndicatorResult['group'][] = ['recorded-crime', 'anti-social-behaviour', 'reoffending', 'youth-justice', 'hidden-crime', 'treatment', 'other'];

/** The fields every JSON document starts with: contract version, generator, partnership, area, data as at. */
export function documentHeader(config: Config, options: DocumentOptions) {
  return {
    schemaVersion: SCHEMA_VERSION as typeof SCHEMA_VERSION,
    generator: { name: 'swp' as const, version: options.version },
    partnership: { name: config.partnership.name, shortName: config.partnership.shortName ?? null },
    area: { name: config.area.name, code: config.area.code },
    dataAsAt: options.dataAsAt,
  };
}

/** Every indicator the documents cover: police.uk ones when there are police.uk data, and every id named anywhere. */
export function indicatorIds(ws: Workspace, source: DataSource): IndicatorDefinition[] {
  const ids = new Set<string>();
  if (ws.police) for (const id of POLICE_INDICATOR_IDS) ids.add(id);
  // A measure published only over pooled years (Fingertips' three-year hospital admissions for violence) has no
  // figure for a year or a quarter: the needs assessment shows it (src/analysis/needs/hospital.ts).
  const areaMeasures = new Set(ws.measures.filter((m) => m.areaCode === ws.config.area.code && !pooledOverYears(m)).map((m) => m.indicator));
  for (const id of areaMeasures) ids.add(id);
  for (const p of ws.config.strategicPriorities) for (const id of p.indicators) ids.add(id);
  for (const c of ws.config.priorities.candidates) for (const id of c.indicators) ids.add(id);
  for (const i of ws.config.indicators) ids.add(i.id);
  const defs = [...ids].map((id) => defineIndicator(id, ws.config, source.hasDenominator(id)));
  // police.uk-based ids need police.uk data; measures ids need rows for the area.
  const usable = defs.filter((d) => (d.source === 'police-uk' ? !!ws.police : areaMeasures.has(d.id)));
  return usable.sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || (a.source === 'police-uk' ? POLICE_INDICATOR_IDS.indexOf(a.id) - POLICE_INDICATOR_IDS.indexOf(b.id) : a.id.localeCompare(b.id)));
}

/** A row spanning more than a year (366 days and a little): no figure for one year, so the assessment leaves it out. */
export function pooledOverYears(m: { periodStart: string; periodEnd: string }): boolean {
  return Date.parse(m.periodEnd) - Date.parse(m.periodStart) > 367 * 86_400_000;
}

/**
 * The latest financial year up to `startYear` (within three years) with data for a measures indicator, and why the
 * year asked has none (the observation's own note: no rows yet, months not covered, rows that overlap), so that the
 * document gives the real reason rather than assuming a publication lag.
 */
export function latestYearWithData(def: IndicatorDefinition, source: DataSource, areaCode: string, startYear: number): { year: number; reason: string } {
  if (def.source === 'police-uk') return { year: startYear, reason: '' };
  const asked = source.observe(def, areaCode, financialYear(startYear));
  if (asked.status !== 'missing') return { year: startYear, reason: '' };
  const reason = asked.notes.join('; ') || 'the measures have no rows for it';
  for (let y = startYear - 1; y >= startYear - 3; y--) {
    if (source.observe(def, areaCode, financialYear(y)).status !== 'missing') return { year: y, reason };
  }
  return { year: startYear, reason };
}

/** Compute the assessment for the financial year starting in April of `startYear`. */
export function buildAssessment(ws: Workspace, startYear: number, options: DocumentOptions): Assessment {
  const source = new DataSource(ws);
  const { config } = ws;
  const warnings: string[] = [];
  const indicators: IndicatorResult[] = [];
  for (const def of indicatorIds(ws, source)) {
    const { year, reason } = latestYearWithData(def, source, config.area.code, startYear);
    const computed = computeIndicator(def, financialYear(year), { config, source, startYear: year });
    if (year !== startYear) computed.notes.unshift(`latest available: ${financialYear(year).label}; no figure for ${financialYear(startYear).label}: ${reason}`);
    indicators.push({ ...computed, finding: '' });
  }
  addHarm(indicators, source, startYear);
  // One disclosure decision for every figure (./disclosure-plan.ts): the same cells as the quarterly reports.
  const safe = applyDisclosure(indicators, new DisclosurePlan(source));
  for (const r of safe) r.finding = finding(r);
  return {
    kind: 'strategic-assessment',
    ...documentHeader(config, options),
    period: toPeriod(financialYear(startYear)),
    indicators: safe,
    priorities: [],
    warnings,
    ...placesOf(ws, startYear),
    ...stopSearchOf(ws, startYear),
    ...outcomesOf(ws, financialYear(startYear)),
    ...coverageOf(ws, financialYear(startYear)),
  };
}

/** The places section, when the police.uk data cover the year. */
function placesOf(ws: Workspace, startYear: number): { places?: Places } {
  const places = ws.police ? computePlaces(ws.police, startYear, ws.config.disclosure.threshold) : undefined;
  if (!places || !ws.police || !ws.places) return places ? { places } : {};
  const more = placesDetail({ police: ws.police, geo: ws.places, startYear, threshold: ws.config.disclosure.threshold, priorities: ws.config.strategicPriorities, lsoaMap: ws.config.document.lsoaMap === true });
  return { places: { ...places, ...more?.detail } };
}

/**
 * Harm (Cambridge Crime Harm Index weights, data/reference/HARM-WEIGHTS.md) for the police.uk indicators: each
 * indicator's harm, harm per 1,000 residents, and its share of all harm against its share of all crime.
 */
function addHarm(indicators: IndicatorResult[], source: DataSource, startYear: number): void {
  const fy = financialYear(startYear);
  const counts = source.countsByType(fy);
  if (!counts) return;
  const summary = computeHarm(counts, source.ws.reference.harmWeights);
  const byType = new Map(summary.rows.map((r) => [r.crimeType, r]));
  for (const r of indicators) {
    const def = defineIndicator(r.id, source.ws.config);
    if (def.source !== 'police-uk' || r.group === 'anti-social-behaviour') continue;
    const rows = def.crimeTypes.map((i) => byType.get(CRIME_TYPES[i] as never)).filter((x) => x !== undefined);
    const score = rows.reduce((a, x) => a + x.harm, 0);
    const count = rows.reduce((a, x) => a + x.count, 0);
    r.harm = {
      score,
      perThousand: r.denominator ? (score / r.denominator) * 1000 : null,
      shareOfHarm: summary.totalHarm > 0 ? score / summary.totalHarm : null,
      shareOfVolume: summary.totalCount > 0 ? count / summary.totalCount : null,
    };
  }
}
