/**
 * The stop-and-search section's input for one assessment: the police.uk stop-and-search files of the year's months,
 * of the forces covering the area, read only now that the year is known (src/ingest/stop-search.ts).
 */
import { financialYear, monthsBetween } from '../analysis/periods.js';
import { readStopSearchFiles } from '../ingest/stop-search.js';
import type { Workspace } from '../ingest/workspace.js';

export async function prepareStopSearch(ws: Workspace, startYear: number): Promise<void> {
  if (!ws.policeInput || !ws.police) return;
  const fy = financialYear(startYear);
  const months = monthsBetween(fy.start, fy.end);
  if (ws.stopSearch && ws.stopSearch.months.join() === months.join()) return;
  const forces = ws.police.coverage.forces;
  const got = await readStopSearchFiles(ws.policeInput.paths, { displayBase: ws.policeInput.displayBase, forces, months });
  if (got) ws.stopSearch = got;
}
