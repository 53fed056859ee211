/**
 * Offence detail from the Home Office CSP table for the definition's subgroups (homicide, violence with injury, …):
 * each entry's offences in the year and the year before, its rate per 1,000 residents with Byar / exact Poisson
 * limits, and the partnership among its most similar group (../peer-group.ts: the average of the peers' rates, the
 * rank with 1 = lowest, the 99.8% funnel limits), over whole years only.
 */
import type { NeedsAssessment } from '../../model/contract-needs.js';
import type { HomeOfficeRow } from '../../model/data.js';
import { areaKey } from '../../ingest/home-office.js';
import { isDisclosive } from '../disclosure.js';
import { toPeriod } from '../indicator.js';
import { buildPeerGroup, type PeerFigure } from '../peer-group.js';
import { financialYear, financialYearLabel } from '../periods.js';
import type { DataSource } from '../sources.js';
import { crudeRate } from '../stats/index.js';
import { matchesEntry, type ViolenceDefinition } from './definition.js';

type Offence = NonNullable<NeedsAssessment['homeOffice']>['offences'][number];

/** The rows of a CSP's financial year, when the table has all four quarters (or an annual row). */
function yearRows(source: DataSource, csp: string, startYear: number): HomeOfficeRow[] | null {
  if (source.homeOfficeTable().quarters(csp, startYear).length < 4) return null;
  const fy = financialYearLabel(startYear);
  return source.ws.homeOffice.filter((r) => r.financialYear === fy && areaKey(r.cspName) === areaKey(csp));
}

/** Offences of one entry in a year's rows: null when none matches or a matching figure is suppressed at source. */
function entryCount(rows: readonly HomeOfficeRow[] | null, entry: string): { count: number | null; subgroups: string[] } {
  const hit = (rows ?? []).filter((r) => matchesEntry(r, entry));
  const subgroups = [...new Set(hit.map((r) => r.offenceSubgroup))].sort();
  if (hit.length === 0 || hit.some((r) => r.count === null)) return { count: null, subgroups };
  return { count: hit.reduce((a, r) => a + r.count!, 0), subgroups };
}

/** The peers' figures for one entry (peers not in the table, without a whole year, or with a small count left out). */
function peerFigures(source: DataSource, entry: string, startYear: number): PeerFigure[] {
  const out: PeerFigure[] = [];
  const t = source.ws.config.disclosure.threshold;
  for (const peer of source.ws.config.area.peers) {
    const name = /^[EWKNS]\d{8}$/.test(peer) ? source.areaName(peer) : peer;
    const csp = name === undefined ? undefined : source.homeOfficeTable().names.find(name);
    const code = csp === undefined ? undefined : source.areaCodeOf(peer);
    const pop = code ? source.population(code, startYear, 'all') : null;
    if (csp === undefined || !code || !pop) continue;
    const { count } = entryCount(yearRows(source, csp, startYear), entry);
    if (count === null || isDisclosive(count, t)) continue;
    out.push({ code, name: csp, count, population: pop.value, value: (count / pop.value) * 1000 });
  }
  return out;
}

/** One definition entry for the partnership. */
function offence(source: DataSource, csp: string, entry: string, startYear: number, pop: number | null): Offence {
  const t = source.ws.config.disclosure.threshold;
  const now = entryCount(yearRows(source, csp, startYear), entry);
  const before = entryCount(yearRows(source, csp, startYear - 1), entry);
  const small = now.count !== null && isDisclosive(now.count, t);
  const shown = now.count !== null && !small ? now.count : null;
  const rate = shown !== null && pop ? crudeRate(shown, pop, { multiplier: 1000 }) : null;
  const group = shown !== null && pop ? buildPeerGroup({ count: shown, population: pop }, peerFigures(source, entry, startYear), 1000) : null;
  const note = now.subgroups.length === 0 ? `no rows for "${entry}" in the Home Office table for ${csp} in ${financialYearLabel(startYear)} (none recorded, or not in this edition of the table)` : small ? `fewer than ${t}: not shown` : null;
  return {
    name: entry,
    subgroups: now.subgroups,
    count: shown,
    value: rate?.value ?? null,
    ci95: rate ? [rate.lower, rate.upper] : null,
    previous: before.count !== null && !isDisclosive(before.count, t) ? before.count : null,
    peerAverage: group?.average ?? null,
    peers: group ? group.of - 1 : 0,
    rank: group?.rank ?? null,
    of: group?.of ?? 0,
    position: group?.position ?? null,
    suppressed: small,
    note,
  };
}

/** The Home Office section; null without the table, or when the partnership has no whole year in it. */
export function homeOfficeDetail(source: DataSource, def: ViolenceDefinition, startYear: number): NeedsAssessment['homeOffice'] {
  const { config } = source.ws;
  if (source.ws.homeOffice.length === 0 || def.homeOffice.length === 0) return null;
  const csp = source.homeOfficeTable().names.find(config.area.cspName ?? config.area.name);
  if (csp === undefined || yearRows(source, csp, startYear) === null) return null;
  const pop = source.population(config.area.code, startYear, 'all');
  const notes = pop ? [] : ['no population for the partnership: counts without rates'];
  if (config.area.peers.length === 0) notes.push('no most similar group in the config (area.peers): no peer comparison');
  return { csp, period: toPeriod(financialYear(startYear)), offences: def.homeOffice.map((e) => offence(source, csp, e, startYear, pop?.value ?? null)), notes };
}
