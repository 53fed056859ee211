/**
 * The police.uk coverage section of the JSON documents: which forces' files every month needs, and the months
 * missing (src/ingest/coverage.ts decides; this only reports it).
 */
import type { Workspace } from '../ingest/workspace.js';
import type { Coverage } from '../model/contract.js';
import { addMonths, monthsBetween, type MonthRange } from './periods.js';

/** The coverage field of a document for `range` (the missing months in it or a year before listed apart). */
export function coverageOf(ws: Workspace, range: MonthRange): { coverage?: Coverage } {
  const c = ws.police?.coverage;
  if (!c) return {};
  const inPeriod = new Set([...monthsBetween(addMonths(range.start, -12), addMonths(range.end, -12)), ...monthsBetween(range.start, range.end)]);
  return {
    coverage: {
      forces: c.forces,
      forcesFrom: c.forcesFrom,
      firstMonth: c.span?.start ?? null,
      lastMonth: c.span?.end ?? null,
      missing: c.missing.map((g) => ({ month: g.month, forces: g.forces })),
      periodMissing: c.missing.map((g) => g.month).filter((m) => inPeriod.has(m)),
    },
  };
}
