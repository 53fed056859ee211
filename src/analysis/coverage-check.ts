/**
 * The area's police.uk coverage (months × covering forces) and its geography over time (first and last month
 * against the data's, LSOAs a year), with warnings for missing force-months, rows that stop before the data do, and
 * a sharp change in the set of LSOAs (issue 11, points 1 and 4). `swp validate` prints it
 * (src/cli/commands/validate-coverage.ts).
 */
import { areaNames, type Workspace } from '../ingest/workspace.js';
import { lsoaPrefixes, prefixList } from '../ingest/lsoa-prefixes.js';
import { CRIME_TYPES, monthRuns, type PoliceUkData } from '../model/data.js';
import type { Warning } from '../model/errors.js';
import { financialYear, financialYearLabel, financialYearOf, monthsBetween } from './periods.js';

const N = CRIME_TYPES.length;
/** More missing months than this for one force are one warning (with the months as runs), not one each. */
const MONTHS_WARNED_SINGLY = 12;
/** A change in the set of the area's LSOAs between consecutive years above this share is warned about. */
const LSOA_CHANGE_SHARE = 0.1;

const n = (x: number) => x.toLocaleString('en-GB');

/** One covering force: the months of the data's span it has a street file for, and its rows in the area. */
export interface ForceCoverage {
  force: string;
  months: number;
  missing: string[];
  rows: number;
}

/** The area's LSOAs with rows in a financial year (whole: all twelve months inside the data's span). */
export interface YearLsoas {
  year: number;
  whole: boolean;
  lsoas: Set<string>;
}

export interface CoverageCheck {
  /** The months of the data, first to last. */
  span: string[];
  forces: ForceCoverage[];
  /** Rows from forces that do not cover the area. */
  others: Array<[string, number]>;
  /** The area's first and last month with rows; undefined when it has none. */
  areaRows?: { first: string; last: string };
  /** With no row in the area: the LSOA-name prefixes the files do use. */
  prefixesUsed?: string;
  perYear: YearLsoas[];
  warnings: Warning[];
}

/** The coverage check of the workspace's police.uk data; undefined when there are none or no street-level rows. */
export async function coverageCheck(ws: Workspace): Promise<CoverageCheck | undefined> {
  const p = ws.police;
  const c = p?.coverage;
  if (!p || !c?.span) return undefined;
  const span = monthsBetween(c.span.start, c.span.end);
  const warnings = forceWarnings(ws, p, span);
  const forces = c.forces.map((force) => {
    const have = p.monthsByForce.get(force);
    const missing = span.filter((m) => !have?.has(m));
    return { force, months: span.length - missing.length, missing, rows: p.rowsByForce.get(force) ?? 0 };
  });
  const others = [...p.rowsByForce].filter(([f]) => !c.forces.includes(f));
  const areaMonths = [...p.byMonth.keys()].sort();
  const first = areaMonths[0];
  const last = areaMonths[areaMonths.length - 1];
  if (first === undefined || last === undefined) {
    // No row in the area (warned when the workspace was loaded): say which names the files do use.
    return { span, forces, others, prefixesUsed: prefixList(await lsoaPrefixes(ws)), perYear: [], warnings };
  }
  const perYear = lsoasPerYear(p, c.span);
  warnings.push(...(await geographyWarnings(ws, last, perYear)));
  return { span, forces, others, areaRows: { first, last }, perYear, warnings };
}

/** A warning for each covering force's missing months (or one for many), or for a configured force with no file. */
function forceWarnings(ws: Workspace, p: PoliceUkData, span: string[]): Warning[] {
  const c = p.coverage;
  const warnings: Warning[] = [];
  for (const force of c.forces) {
    const have = p.monthsByForce.get(force);
    const missing = span.filter((m) => !have?.has(m));
    const hint = `download the ${force} street-level file for these months from data.police.uk and add it to inputs.policeUk; until then every period containing them is shown as missing, not low`;
    if (have === undefined && c.forcesFrom === 'config') {
      const found = [...p.monthsByForce.keys()].sort();
      warnings.push({ message: `area.forces names ${force}, but no street-level file is from that force`, keyPath: 'area.forces', hint: `use the "Falls within" name; the files hold ${found.join(', ') || 'no force'}` });
    } else if (missing.length > MONTHS_WARNED_SINGLY) {
      warnings.push({ message: `police.uk: no street-level file from ${force} for ${missing.length} months inside the data (${c.span!.start} to ${c.span!.end}): ${monthRuns(missing)}`, hint });
    } else {
      for (const m of missing) warnings.push({ message: `police.uk: no street-level file from ${force} for ${m}, a month inside the data (${c.span!.start} to ${c.span!.end})`, hint });
    }
  }
  return warnings;
}

/** Warnings when the area's rows stop before the data do, and when its LSOAs change sharply from one year to the next. */
async function geographyWarnings(ws: Workspace, last: string, perYear: YearLsoas[]): Promise<Warning[]> {
  const { config } = ws;
  const c = ws.police!.coverage;
  const warnings: Warning[] = [];
  const keyPath = config.area.lsoaCodes !== undefined ? 'area.lsoaCodes' : 'area.lsoaNamePrefix';
  let prefixes: Promise<Array<[string, number]>> | undefined;
  const prefixHint = async (after?: string) => {
    prefixes ??= lsoaPrefixes(ws, after);
    const top = prefixList(await prefixes);
    return top ? `LSOA names in the files${after ? ` after ${after}` : ''} begin with ${top}; after a merger, list every name in area.lsoaNamePrefix, or give the LSOA codes (an ONS lookup file) in area.lsoaCodes` : 'no LSOA names in the files';
  };
  if (last < c.span!.end) {
    warnings.push({
      message: `police.uk rows for ${config.area.name} stop at ${last}, but the data run to ${c.span!.end}: the area's LSOAs were not found in the later files (names used: ${areaNames(config).join(', ')})`,
      keyPath,
      hint: await prefixHint(last),
    });
  }
  const whole = perYear.filter((y) => y.whole);
  for (let i = 1; i < whole.length; i++) {
    const a = whole[i - 1]!;
    const b = whole[i]!;
    if (b.year !== a.year + 1) continue;
    const gone = [...a.lsoas].filter((x) => !b.lsoas.has(x)).length;
    const added = [...b.lsoas].filter((x) => !a.lsoas.has(x)).length;
    const base = Math.max(a.lsoas.size, b.lsoas.size);
    if (base > 0 && (gone + added) / base > LSOA_CHANGE_SHARE) {
      warnings.push({
        message: `the LSOAs of ${config.area.name} change sharply between ${financialYearLabel(a.year)} and ${financialYearLabel(b.year)}: ${n(gone)} of ${n(a.lsoas.size)} have no rows in ${financialYearLabel(b.year)} and ${n(added)} appear for the first time`,
        keyPath,
        hint: `comparisons across the change are not like for like (a boundary change, 2011 to 2021 LSOA codes, or a merger). ${await prefixHint()}`,
      });
    }
  }
  return warnings;
}

/** The area's LSOAs with rows in each financial year of the span (whole: all twelve months inside the span). */
function lsoasPerYear(p: PoliceUkData, span: { start: string; end: string }): YearLsoas[] {
  const out: YearLsoas[] = [];
  for (let y = financialYearOf(span.start); y <= financialYearOf(span.end); y++) {
    const fy = financialYear(y);
    const rows = monthsBetween(fy.start, fy.end).map((m) => p.lsoaMonths.indexOf(m)).filter((k) => k >= 0);
    const lsoas = new Set<string>();
    for (const [code, l] of p.byLsoa) {
      if (rows.some((k) => l.counts.subarray(k * N, k * N + N).some((x) => x > 0))) lsoas.add(code);
    }
    out.push({ year: y, whole: fy.start >= span.start && fy.end <= span.end, lsoas });
  }
  return out;
}
