/**
 * The Home Office CSP table as the analysis uses it: counts by CSP, police.uk category, financial year and
 * quarters, and the most-similar-group (peers) and police-force comparisons built from it.
 *
 * Rules (README "When the data are incomplete"):
 * - A financial year counts as whole only when the table has all four quarters of it for the partnership (an annual
 *   row is a whole year). The current year is always partial: it is then a year to date, every other area is
 *   compared on the same quarters only, and the indicator notes say so.
 * - A peer or force member that lacks one of those quarters is left out of the comparison, with a note: areas are
 *   never compared over unequal periods.
 * - Names are matched by `areaKey` (src/ingest/home-office.ts), the same function the ingest checks use.
 * - Offences are allocated to police.uk categories by the subgroup table (src/ingest/formats/home-office-offences.ts);
 *   unknown subgroups were reported when the file was read and count towards no category.
 */
import { allocateOffence } from '../ingest/formats/home-office-offences.js';
import { areaKey, HomeOfficeNames } from '../ingest/home-office.js';
import type { Workspace } from '../ingest/workspace.js';
import type { Config } from '../model/config.js';
import type { IndicatorResult } from '../model/contract.js';
import type { HomeOfficeRow } from '../model/data.js';
import type { IndicatorDefinition } from './catalogue.js';
import { financialYearLabel, monthsBetween, type MonthRange } from './periods.js';
import { buildPeerGroup, type PeerFigure, type PeerGroup } from './peer-group.js';
import { compareWithBenchmark, compareWithPeers, crudeRate } from './stats/index.js';

const ALL_QUARTERS = [1, 2, 3, 4] as const;
const QUARTER_MONTHS = ['April to June', 'July to September', 'October to December', 'January to March'];
const QUARTER_START = ['April', 'July', 'October', 'January'];
const QUARTER_END = ['June', 'September', 'December', 'March'];

/** "April to December" for quarters 1–3; "April to June and October to December" for 1 and 3; "no quarter". */
export function quartersText(quarters: readonly number[]): string {
  if (quarters.length === 0) return 'no quarter';
  const sorted = [...quarters].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const q of sorted) {
    const last = runs[runs.length - 1];
    if (last && q === last[1] + 1) last[1] = q;
    else runs.push([q, q]);
  }
  const parts = runs.map(([a, b]) => (a === b ? QUARTER_MONTHS[a - 1]! : `${QUARTER_START[a - 1]} to ${QUARTER_END[b - 1]}`));
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

interface YearRows {
  annual: HomeOfficeRow[];
  byQuarter: Map<number, HomeOfficeRow[]>;
}

/** The Home Office rows indexed by CSP (areaKey) and financial year. */
export class HomeOfficeTable {
  readonly names: HomeOfficeNames;
  private readonly byCsp = new Map<string, Map<string, YearRows>>();
  private readonly forceByCsp = new Map<string, string>();

  constructor(rows: readonly HomeOfficeRow[]) {
    this.names = new HomeOfficeNames(rows);
    for (const r of rows) {
      const k = areaKey(r.cspName);
      if (!this.forceByCsp.has(k)) this.forceByCsp.set(k, r.forceName);
      let years = this.byCsp.get(k);
      if (!years) this.byCsp.set(k, (years = new Map()));
      let y = years.get(r.financialYear);
      if (!y) years.set(r.financialYear, (y = { annual: [], byQuarter: new Map() }));
      if (r.quarter === null) y.annual.push(r);
      else {
        const list = y.byQuarter.get(r.quarter);
        if (list) list.push(r);
        else y.byQuarter.set(r.quarter, [r]);
      }
    }
  }

  /** The quarters of a financial year the table has for a CSP (an annual row: all four), ascending. */
  quarters(csp: string, startYear: number): number[] {
    const y = this.byCsp.get(areaKey(csp))?.get(financialYearLabel(startYear));
    if (!y) return [];
    if (y.annual.length > 0) return [...ALL_QUARTERS];
    return [...y.byQuarter.keys()].sort((a, b) => a - b);
  }

  /**
   * The count of a CSP for a police.uk indicator over some quarters of a financial year (default: all four); null
   * when a quarter is missing, a figure is suppressed, or no row counts towards the indicator. An annual row
   * stands for the whole year and is used only when the whole year is asked for (and then quarterly rows of the
   * same year, which the reader has warned about, are not added to it).
   */
  count(csp: string, indicatorId: string, startYear: number, quarters: readonly number[] = ALL_QUARTERS): number | null {
    const y = this.byCsp.get(areaKey(csp))?.get(financialYearLabel(startYear));
    if (!y) return null;
    let rows: HomeOfficeRow[];
    if (y.annual.length > 0) {
      if (!ALL_QUARTERS.every((q) => quarters.includes(q))) return null;
      rows = y.annual;
    } else {
      rows = [];
      for (const q of quarters) {
        const list = y.byQuarter.get(q);
        if (!list) return null;
        for (const r of list) rows.push(r);
      }
    }
    let total = 0;
    let found = false;
    for (const row of rows) {
      const a = allocateOffence(row.offenceGroup, row.offenceSubgroup);
      if (a.kind !== 'known' || a.indicator === null) continue;
      if (indicatorId !== 'recorded-crime.all' && a.indicator !== indicatorId) continue;
      if (row.count === null) return null;
      total += row.count;
      found = true;
    }
    return found ? total : null;
  }

  /** The force of a CSP in the table, and every CSP of that force (as the table spells them). */
  forceOf(csp: string): { force: string; csps: string[] } | undefined {
    const force = this.forceByCsp.get(areaKey(csp));
    if (force === undefined) return undefined;
    // Forces are spelt differently across editions too ("Avon & Somerset"): compared as area names are.
    const csps = [...this.forceByCsp].filter(([, f]) => areaKey(f) === areaKey(force)).map(([k]) => this.names.find(k) ?? k);
    return { force, csps: csps.sort() };
  }
}

/** Whether a CSP has every one of `needed` quarters. */
const covers = (have: readonly number[], needed: readonly number[]) => needed.every((q) => have.includes(q));

/** What the two comparisons share: the table, our CSP, the quarters compared, and where notes go. */
interface ComparisonRun {
  def: IndicatorDefinition;
  config: Config;
  source: ComparisonSource;
  startYear: number;
  table: HomeOfficeTable;
  /** Our CSP as the table spells it. */
  ours: string;
  /** The quarters of the year our CSP has: every other area is compared on these only. */
  quarters: number[];
  fy: string;
  notes: string[];
}

type CountPop = { count: number; pop: number };

/** Count and population of a CSP over our quarters; null when either is missing or suppressed. */
function countPop(run: ComparisonRun, csp: string, code: string | undefined): CountPop | null {
  const count = run.table.count(csp, run.def.id, run.startYear, run.quarters);
  const pop = code ? run.source.population(code, run.startYear, 'all') : null;
  return count !== null && pop ? { count, pop: pop.value } : null;
}

/** A peer's figures over our quarters, or null (with a note saying why it is left out). */
function peerRate(run: ComparisonRun, peer: string): PeerFigure | null {
  const { table, source, fy, notes } = run;
  const isCode = /^[EWKNS]\d{8}$/.test(peer);
  const name = isCode ? source.areaName(peer) : peer;
  const csp = name === undefined ? undefined : table.names.find(name);
  if (csp === undefined) {
    notes.push(`peer ${peer} is not in the Home Office CSP table: left out of the most similar group`);
    return null;
  }
  const have = table.quarters(csp, run.startYear);
  if (!covers(have, run.quarters)) {
    notes.push(`${csp} left out of the most similar group: its ${fy} Home Office figures cover ${have.length ? quartersText(have) : 'no quarter'}, not all of ${quartersText(run.quarters)} as ${run.ours}'s do`);
    return null;
  }
  const code = isCode ? peer : source.areaCodeOf(csp);
  const cp = countPop(run, csp, code);
  if (!cp || code === undefined) {
    notes.push(`${csp} left out of the most similar group: no ${fy} rate (a figure suppressed or missing, or no population for it)`);
    return null;
  }
  // Disclosure control (src/analysis/disclosure.ts): a peer's count of 1 to threshold − 1 is not shown, nor its rate.
  const t = run.config.disclosure.threshold;
  if (cp.count > 0 && cp.count < t) {
    notes.push(`${csp} left out of the most similar group: its count is fewer than ${t}`);
    return null;
  }
  return { code, name: csp, count: cp.count, population: cp.pop, value: (cp.count / cp.pop) * run.def.multiplier };
}

/** Our rate against the most similar group's (config area.peers): the rank with 1 = highest, and the whole group. */
function peerComparison(run: ComparisonRun, own: CountPop): { peers: IndicatorResult['peers']; peerGroup: PeerGroup | null } {
  const figures = run.config.area.peers.map((peer) => peerRate(run, peer));
  const p = compareWithPeers((own.count / own.pop) * run.def.multiplier, figures.map((f) => f?.value ?? null));
  const kept = figures.filter((f): f is PeerFigure => f !== null);
  return {
    peers: { average: p.peerAverage, rank: p.rank, of: p.of },
    peerGroup: buildPeerGroup({ count: own.count, population: own.pop }, kept, run.def.multiplier),
  };
}

/**
 * This partnership's rate (with its interval) against the force's, from the force's partnerships and their
 * populations; null unless every member kept has both figures.
 */
function forceComparison(run: ComparisonRun, own: CountPop, f: { force: string; csps: string[] }): IndicatorResult['force'] {
  const { config, table, fy, notes, quarters } = run;
  const left: string[] = [];
  const missing: string[] = [];
  const members: CountPop[] = [];
  for (const csp of f.csps) {
    const have = table.quarters(csp, run.startYear);
    if (!covers(have, quarters)) {
      left.push(`${csp} (${have.length ? quartersText(have) : 'no quarter'})`);
      continue;
    }
    // The partnership's population is that of its own area code.
    const cp = countPop(run, csp, areaKey(csp) === areaKey(run.ours) ? config.area.code : run.source.areaCodeOf(csp));
    if (cp) members.push(cp);
    else missing.push(csp);
  }
  if (left.length > 0) notes.push(`left out of the ${f.force} figure, as their ${fy} Home Office figures do not cover ${quartersText(quarters)}: ${left.join(', ')}`);
  // A force figure without some of its partnerships' offences would be wrong, not partial: none at all.
  if (missing.length > 0) {
    notes.push(`no ${f.force} figure: no ${fy} count or population for ${missing.join(', ')}`);
    return null;
  }
  if (members.length <= 1) return null;
  const total = members.reduce((a, m) => a + m.count, 0);
  const pop = members.reduce((a, m) => a + m.pop, 0);
  const value = (total / pop) * run.def.multiplier;
  const local = crudeRate(own.count, own.pop, { multiplier: run.def.multiplier });
  return { name: f.force, value, comparison: compareWithBenchmark(local, value, run.def.polarity).outcome };
}

/**
 * The most-similar-group and police-force comparisons of a police.uk rate, from the Home Office table for the
 * financial year starting in `startYear`, with the notes that say which period was used and which areas were left
 * out. Both null when the partnership is not in the table (warned when the workspace was loaded).
 */
/**
 * What the comparisons read from the document's DataSource (./sources.ts), which builds them: named here rather
 * than imported, so that the two modules do not import each other.
 */
export interface ComparisonSource {
  readonly ws: Workspace;
  homeOfficeTable(): HomeOfficeTable;
  population(areaCode: string, year: number, band: 'all'): { value: number } | null;
  areaCodeOf(nameOrCode: string): string | undefined;
  areaName(code: string): string | undefined;
}

export function homeOfficeComparisons(
  def: IndicatorDefinition,
  range: MonthRange,
  ctx: { config: Config; source: ComparisonSource; startYear: number },
): { peers: IndicatorResult['peers']; peerGroup: IndicatorResult['peerGroup']; force: IndicatorResult['force']; notes: string[] } {
  const { config, source, startYear } = ctx;
  const none = { peers: null, peerGroup: null, force: null, notes: [] as string[] };
  if (def.source !== 'police-uk' || def.type !== 'rate' || source.ws.homeOffice.length === 0) return none;
  const table = source.homeOfficeTable();
  const ourName = config.area.cspName ?? config.area.name;
  const ours = table.names.find(ourName);
  const fy = financialYearLabel(startYear);
  // Said in the notes only where a comparison was asked for (peers); the load warned about the name already.
  const asked = (note: string) => ({ ...none, notes: config.area.peers.length > 0 ? [note] : [] });
  if (!ours) return asked(`"${ourName}" is not in the Home Office CSP table: no most similar group or force comparison`);
  const quarters = table.quarters(ours, startYear);
  if (quarters.length === 0) return asked(`the Home Office CSP table has no ${fy} figures for ${ours}: no most similar group or force comparison`);
  const notes: string[] = [];
  if (quarters.length < 4) notes.push(`${fy} Home Office figures cover ${quartersText(quarters)} only: compared with the same quarters of the other areas`);
  const run: ComparisonRun = { def, config, source, startYear, table, ours, quarters, fy, notes };

  const own = countPop(run, ours, config.area.code);
  const group = config.area.peers.length > 0 && own ? peerComparison(run, own) : { peers: null, peerGroup: null };
  // The force figure is for a whole year's range only.
  const isYear = range.start.endsWith('-04') && monthsBetween(range.start, range.end).length === 12;
  const f = table.forceOf(ours);
  const force = isYear && f && own ? forceComparison(run, own, f) : null;
  return { ...group, force, notes };
}

/**
 * Lines for `swp validate`: which quarters of the partnership's latest financial year the table has (a year to
 * date when fewer than four), and the peers that lack some of them (left out of that year's comparisons).
 */
export function homeOfficeCoverage(ws: Workspace): string[] {
  if (ws.homeOffice.length === 0) return [];
  const table = new HomeOfficeTable(ws.homeOffice);
  const { area } = ws.config;
  const ours = table.names.find(area.cspName ?? area.name);
  if (!ours) return [];
  const years = [...new Set(ws.homeOffice.filter((r) => areaKey(r.cspName) === areaKey(ours)).map((r) => Number(r.financialYear.slice(0, 4))))].sort((a, b) => a - b);
  const latest = years[years.length - 1];
  if (latest === undefined) return [];
  const quarters = table.quarters(ours, latest);
  const fy = financialYearLabel(latest);
  const lines = [
    quarters.length === 4
      ? `  ${ours}: ${fy} complete (April to March)`
      : `  ${ours}: ${fy} covers ${quartersText(quarters)} only: compared as a year to date, with the same quarters of the other areas`,
  ];
  const short = area.peers.flatMap((peer) => {
    const csp = table.names.find(/^[EWKNS]\d{8}$/.test(peer) ? ws.population.find((p) => p.areaCode === peer)?.areaName ?? peer : peer);
    if (!csp) return [];
    const have = table.quarters(csp, latest);
    return covers(have, quarters) ? [] : [`${csp} (${quartersText(have)})`];
  });
  if (short.length > 0) lines.push(`  peers left out of ${fy} comparisons, with fewer quarters than ${ours}: ${short.join(', ')}`);
  return lines;
}
