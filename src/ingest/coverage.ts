/**
 * Which months count for an area in the police.uk data: coverage, not presence (issue 11, point 1).
 *
 * Every territorial force publishes one street-level file a month; a local authority lies inside one force's area
 * (police force areas are made of whole local authorities), so the area's months are those its force published.
 * Rows from other forces fall in the area's LSOAs too: British Transport Police (railway stations) and, on a border,
 * a neighbour's few rows. They are counted in every total, but a month they alone supply is missing data, not a
 * month with little crime: counting it made a year with a missing month look like a fall.
 */
import type { MonthKey, PoliceCoverage } from '../model/data.js';

/** British Transport Police polices the railways everywhere: never a covering force of a local authority. */
export const BTP = /^british transport police$/i;

/**
 * The share of the area's rows a force must supply to cover the area when the config names no forces: 10%. A
 * neighbour's border rows are well under 1% of an area's rows (the demo's cross-border rows are ~0.6%); an area
 * really split between two forces (a partnership of districts in two forces) gives each far more than 10%.
 */
export const COVERING_SHARE = 0.1;

/**
 * The covering forces of an area from its rows by force: every force other than British Transport Police with at
 * least COVERING_SHARE of the area's rows (sorted by name). Empty when the area has no such rows.
 */
export function coveringForces(rowsByForce: ReadonlyMap<string, number>): string[] {
  let total = 0;
  for (const n of rowsByForce.values()) total += n;
  const out: string[] = [];
  for (const [force, n] of rowsByForce) if (!BTP.test(force) && total > 0 && n >= COVERING_SHARE * total) out.push(force);
  return out.sort((a, b) => a.localeCompare(b));
}

function monthAfter(m: MonthKey): MonthKey {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
}

/**
 * The coverage of an area. `forces`: the configured covering forces (area.forces), else derived by
 * `coveringForces`. The span is every month from the first to the last month of any street file read. When no force
 * covers the area (no rows, or only British Transport Police rows), a month with rows in the area counts, as before.
 */
export function computeCoverage(
  data: { rowsByForce: ReadonlyMap<string, number>; monthsByForce: ReadonlyMap<string, ReadonlySet<MonthKey>>; byMonth: ReadonlyMap<MonthKey, unknown> },
  forces?: readonly string[],
): PoliceCoverage {
  const covering = forces && forces.length > 0 ? [...new Set(forces)].sort((a, b) => a.localeCompare(b)) : coveringForces(data.rowsByForce);
  const forcesFrom: PoliceCoverage['forcesFrom'] = forces && forces.length > 0 ? 'config' : covering.length > 0 ? 'data' : 'none';
  let start: MonthKey | undefined;
  let end: MonthKey | undefined;
  for (const months of data.monthsByForce.values()) {
    for (const m of months) {
      if (start === undefined || m < start) start = m;
      if (end === undefined || m > end) end = m;
    }
  }
  const complete: MonthKey[] = [];
  const missing: PoliceCoverage['missing'] = [];
  if (start !== undefined && end !== undefined) {
    for (let m = start; m <= end; m = monthAfter(m)) {
      if (covering.length === 0) {
        if (data.byMonth.has(m)) complete.push(m);
        else missing.push({ month: m, forces: [] });
        continue;
      }
      const lacking = covering.filter((f) => !data.monthsByForce.get(f)?.has(m));
      if (lacking.length === 0) complete.push(m);
      else missing.push({ month: m, forces: lacking });
    }
  }
  return { forces: covering, forcesFrom, span: start !== undefined && end !== undefined ? { start, end } : undefined, complete, missing };
}
