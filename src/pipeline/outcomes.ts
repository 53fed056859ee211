/**
 * The outcomes section's input for one document: the crimes of its months from the covering forces' street files,
 * joined with their outcomes files (src/ingest/outcomes.ts), read only now that the months are known.
 */
import { monthsBetween, type MonthRange } from '../analysis/periods.js';
import { readOutcomesFiles } from '../ingest/outcomes.js';
import type { Workspace } from '../ingest/workspace.js';
import type { Warning } from '../model/errors.js';

export async function prepareOutcomes(ws: Workspace, range: Pick<MonthRange, 'start' | 'end'>, onWarning?: (w: Warning) => void): Promise<void> {
  const input = ws.policeInput;
  if (!input || !ws.police) return;
  const months = monthsBetween(range.start, range.end);
  if (ws.outcomes && ws.outcomes.months.join() === months.join()) return;
  // The configured area's LSOA code list, as the street reader used it; an area of a batch (no code list) by its name.
  const area = ws.config.area.lsoaCodes !== undefined && input.area ? input.area : { lsoaNamePrefix: ws.config.area.lsoaNamePrefix ?? ws.config.area.name };
  const { paths, displayBase, encoding, columns, latestMonth } = input;
  const got = await readOutcomesFiles(paths, { displayBase, forces: ws.police.coverage.forces, months, area, encoding, ...(columns ? { columns } : {}), ...(latestMonth ? { latestMonth } : {}), ...(onWarning ? { onWarning } : {}) });
  if (got) ws.outcomes = got;
}
