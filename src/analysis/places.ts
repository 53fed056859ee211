/**
 * Where crime happened: police.uk street-level crime (excluding anti-social behaviour) by LSOA over a financial
 * year, the LSOAs with the most crime, and how concentrated crime is (the share of the area's crime in the tenth of
 * its LSOAs with the most). Strategic assessments ask "where" as well as "what": concentration is what makes
 * place-based work (hot-spot policing, designing out crime) worth its cost.
 *
 * Counts by LSOA are what police.uk itself publishes, but the documents' disclosure rule still applies: a count
 * below the threshold is not shown (nor its share), and an LSOA's count for the year before below it is not shown.
 */
import type { Places } from '../model/contract.js';
import { ASB_INDEX, CRIME_TYPES, monthComplete, type PoliceUkData } from '../model/data.js';
import { financialYear, monthsBetween } from './periods.js';

/** How many LSOAs the documents list. */
const PLACES_LISTED = 10;

const N = CRIME_TYPES.length;

/**
 * Each LSOA's crimes (excluding ASB) over `months`, or undefined if any of the months is not complete (a covering
 * force has no street file for it: src/ingest/coverage.ts). A complete month with no row in the area adds nothing.
 */
function lsoaTotals(data: PoliceUkData, months: string[]): Map<string, number> | undefined {
  if (!months.every((m) => monthComplete(data, m))) return undefined;
  const rows = months.map((m) => data.lsoaMonths.indexOf(m)).filter((k) => k >= 0);
  const out = new Map<string, number>();
  for (const [code, l] of data.byLsoa) {
    let n = 0;
    // An LSOA's array covers every month of lsoaMonths (AreaCounts.finish); `?? 0` keeps a short one from making NaN.
    for (const k of rows) for (let t = 0; t < N; t++) if (t !== ASB_INDEX) n += l.counts[k * N + t] ?? 0;
    out.set(code, n);
  }
  return out;
}

/**
 * The places section of an assessment for the financial year starting in April of `startYear`; undefined when
 * the police.uk data do not cover every month of that year or hold no crime in it.
 */
export function computePlaces(data: PoliceUkData, startYear: number, threshold: number, listed = PLACES_LISTED): Places | undefined {
  const fy = financialYear(startYear);
  const year = lsoaTotals(data, monthsBetween(fy.start, fy.end));
  if (!year) return undefined;
  const before = financialYear(startYear - 1);
  const previous = lsoaTotals(data, monthsBetween(before.start, before.end));
  // Most crime first; ties by code, so that the order never depends on the order files were read. Every LSOA in
  // the data counts towards the tenth, those with no crime this year too.
  const ranked = [...year].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = ranked.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return undefined;
  const tenth = Math.max(1, Math.ceil(ranked.length / 10));
  const inTenth = ranked.slice(0, tenth).reduce((s, [, n]) => s + n, 0);
  // Zero is not a small number that could identify anyone; 1 to threshold − 1 are not shown.
  const shown = (n: number | undefined) => n !== undefined && (n === 0 || n >= threshold);
  return {
    lsoas: ranked.length,
    total,
    topTenthLsoas: tenth,
    topTenthShare: inTenth / total,
    top: ranked.filter(([, n]) => n > 0).slice(0, listed).map(([code, n]) => {
      const prev = previous?.get(code) ?? (previous ? 0 : undefined);
      return {
        code,
        name: data.byLsoa.get(code)!.name,
        count: shown(n) ? n : null,
        share: shown(n) ? n / total : null,
        previousCount: shown(prev) ? prev! : null,
        suppressed: !shown(n),
        previousSuppressed: prev !== undefined && prev > 0 && !shown(prev),
      };
    }),
  };
}
