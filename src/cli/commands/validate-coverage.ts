/**
 * `swp validate`: the area's police.uk coverage (months × covering forces) and its geography over time (first and
 * last month against the data's, LSOAs a year), with warnings for missing force-months, rows that stop before the
 * data do, and a sharp change in the set of LSOAs (issue 11, points 1 and 4).
 */
import { areaNames, type Workspace } from '../../ingest/workspace.js';
import { lsoaPrefixes, prefixList } from '../../ingest/lsoa-prefixes.js';
import { COVERING_SHARE } from '../../ingest/coverage.js';
import { CRIME_TYPES, monthRuns, type PoliceUkData } from '../../model/data.js';
import type { Warning } from '../../model/errors.js';
import { financialYear, financialYearLabel, financialYearOf, monthsBetween } from '../../analysis/periods.js';

const N = CRIME_TYPES.length;
/** More missing months than this for one force are one warning (with the months as runs), not one each. */
const MONTHS_WARNED_SINGLY = 12;
/** A change in the set of the area's LSOAs between consecutive years above this share is warned about. */
export const LSOA_CHANGE_SHARE = 0.1;

const n = (x: number) => x.toLocaleString('en-GB');

/** The lines of the coverage and geography section, and the warnings. */
export async function coverageReport(ws: Workspace): Promise<{ lines: string[]; warnings: Warning[] }> {
  const p = ws.police;
  if (!p) return { lines: [], warnings: [] };
  const { config } = ws;
  const c = p.coverage;
  const lines: string[] = ['', `police.uk coverage of ${config.area.name}`];
  const warnings: Warning[] = [];
  if (!c.span) return { lines: [...lines, '  no street-level rows'], warnings };
  const span = monthsBetween(c.span.start, c.span.end);
  const how =
    c.forcesFrom === 'config'
      ? 'named in area.forces'
      : c.forcesFrom === 'data'
        ? `forces other than British Transport Police with at least ${COVERING_SHARE * 100}% of the rows in the area's LSOAs`
        : 'none: no force other than British Transport Police has rows in the area, so a month with rows counts';
  lines.push(`  covering forces (${how}): ${c.forces.join(', ') || 'none'}`);
  lines.push(`  complete months: ${c.complete.length} of ${span.length} (${c.span.start} to ${c.span.end})`);
  for (const force of c.forces) {
    const have = p.monthsByForce.get(force);
    const missing = span.filter((m) => !have?.has(m));
    lines.push(`  ${force}: ${span.length - missing.length} of ${span.length} months${missing.length ? `; missing ${monthRuns(missing)}` : ', none missing'} (${n(p.rowsByForce.get(force) ?? 0)} rows in the area)`);
    const hint = `download the ${force} street-level file for these months from data.police.uk and add it to inputs.policeUk; until then every period containing them is shown as missing, not low`;
    if (have === undefined && c.forcesFrom === 'config') {
      const found = [...p.monthsByForce.keys()].sort();
      warnings.push({ message: `area.forces names ${force}, but no street-level file is from that force`, keyPath: 'area.forces', hint: `use the "Falls within" name; the files hold ${found.join(', ') || 'no force'}` });
    } else if (missing.length > MONTHS_WARNED_SINGLY) {
      warnings.push({ message: `police.uk: no street-level file from ${force} for ${missing.length} months inside the data (${c.span.start} to ${c.span.end}): ${monthRuns(missing)}`, hint });
    } else {
      for (const m of missing) warnings.push({ message: `police.uk: no street-level file from ${force} for ${m}, a month inside the data (${c.span.start} to ${c.span.end})`, hint });
    }
  }
  const others = [...p.rowsByForce].filter(([f]) => !c.forces.includes(f));
  if (others.length > 0) lines.push(`  rows also from ${others.map(([f, k]) => `${f} (${n(k)})`).join(', ')}: counted, but they never make a month complete`);

  // Geography over time.
  const areaMonths = [...p.byMonth.keys()].sort();
  const first = areaMonths[0];
  const last = areaMonths[areaMonths.length - 1];
  if (first === undefined || last === undefined) {
    // No row in the area (warned when the workspace was loaded): say which names the files do use.
    const top = prefixList(await lsoaPrefixes(ws));
    if (top) lines.push(`  no rows in ${config.area.name}; LSOA names in the files begin with ${top}`);
    return { lines, warnings };
  }
  lines.push(`  ${config.area.name}'s rows: ${first} to ${last}; the data: ${c.span.start} to ${c.span.end}`);
  const perYear = lsoasPerYear(p, c.span);
  if (perYear.length > 0) lines.push(`  LSOAs with rows a financial year: ${perYear.map((y) => `${financialYearLabel(y.year)} ${n(y.lsoas.size)}${y.whole ? '' : ' (part year)'}`).join(', ')}`);

  let prefixes: Promise<Array<[string, number]>> | undefined;
  const prefixHint = async (after?: string) => {
    prefixes ??= lsoaPrefixes(ws, after);
    const list = await prefixes;
    const top = prefixList(list);
    return top ? `LSOA names in the files${after ? ` after ${after}` : ''} begin with ${top}; after a merger, list every name in area.lsoaNamePrefix, or give the LSOA codes (an ONS lookup file) in area.lsoaCodes` : 'no LSOA names in the files';
  };
  if (last < c.span.end) {
    warnings.push({
      message: `police.uk rows for ${config.area.name} stop at ${last}, but the data run to ${c.span.end}: the area's LSOAs were not found in the later files (names used: ${areaNames(config).join(', ')})`,
      keyPath: config.area.lsoaCodes !== undefined ? 'area.lsoaCodes' : 'area.lsoaNamePrefix',
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
        keyPath: config.area.lsoaCodes !== undefined ? 'area.lsoaCodes' : 'area.lsoaNamePrefix',
        hint: `comparisons across the change are not like for like (a boundary change, 2011 to 2021 LSOA codes, or a merger). ${await prefixHint()}`,
      });
    }
  }
  return { lines, warnings };
}

/** The area's LSOAs with rows in each financial year of the span (whole: all twelve months inside the span). */
function lsoasPerYear(p: PoliceUkData, span: { start: string; end: string }): Array<{ year: number; whole: boolean; lsoas: Set<string> }> {
  const out: Array<{ year: number; whole: boolean; lsoas: Set<string> }> = [];
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
