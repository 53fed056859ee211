/**
 * `swp validate`'s coverage section: the lines of the police.uk coverage check (src/analysis/coverage-check.ts), and
 * its warnings.
 */
import { coverageCheck } from '../../analysis/coverage-check.js';
import { COVERING_SHARE } from '../../ingest/coverage.js';
import type { Workspace } from '../../ingest/workspace.js';
import { monthRuns } from '../../model/data.js';
import type { Warning } from '../../model/errors.js';
import { financialYearLabel } from '../../analysis/periods.js';

const n = (x: number) => x.toLocaleString('en-GB');

/** The lines of the coverage and geography section, and the warnings. */
export async function coverageReport(ws: Workspace): Promise<{ lines: string[]; warnings: Warning[] }> {
  const c = ws.police?.coverage;
  if (!c) return { lines: [], warnings: [] };
  const { config } = ws;
  const lines: string[] = ['', `police.uk coverage of ${config.area.name}`];
  const check = await coverageCheck(ws);
  if (!check || !c.span) return { lines: [...lines, '  no street-level rows'], warnings: [] };
  const how =
    c.forcesFrom === 'config'
      ? 'named in area.forces'
      : c.forcesFrom === 'data'
        ? `forces other than British Transport Police with at least ${COVERING_SHARE * 100}% of the rows in the area's LSOAs`
        : 'none: no force other than British Transport Police has rows in the area, so a month with rows counts';
  lines.push(`  covering forces (${how}): ${c.forces.join(', ') || 'none'}`);
  lines.push(`  complete months: ${c.complete.length} of ${check.span.length} (${c.span.start} to ${c.span.end})`);
  for (const f of check.forces) {
    lines.push(`  ${f.force}: ${f.months} of ${check.span.length} months${f.missing.length ? `; missing ${monthRuns(f.missing)}` : ', none missing'} (${n(f.rows)} rows in the area)`);
  }
  if (check.others.length > 0) lines.push(`  rows also from ${check.others.map(([f, k]) => `${f} (${n(k)})`).join(', ')}: counted, but they never make a month complete`);
  if (!check.areaRows) {
    if (check.prefixesUsed) lines.push(`  no rows in ${config.area.name}; LSOA names in the files begin with ${check.prefixesUsed}`);
    return { lines, warnings: check.warnings };
  }
  lines.push(`  ${config.area.name}'s rows: ${check.areaRows.first} to ${check.areaRows.last}; the data: ${c.span.start} to ${c.span.end}`);
  if (check.perYear.length > 0) lines.push(`  LSOAs with rows a financial year: ${check.perYear.map((y) => `${financialYearLabel(y.year)} ${n(y.lsoas.size)}${y.whole ? '' : ' (part year)'}`).join(', ')}`);
  return { lines, warnings: check.warnings };
}
