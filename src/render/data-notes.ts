/** The data-quality section's notes on police.uk: what was counted, what is missing, and the data's limits. */
import type { Workspace } from '../ingest/workspace.js';
import { missingMonthsNote, type PoliceUkData } from '../model/data.js';

/** Notes on the data for the data-quality section: police.uk coverage and its limits. */
export function dataNotes(ws: Workspace): string[] {
  const notes: string[] = [];
  const p = ws.police;
  if (p) {
    const months = [...p.byMonth.keys()].sort();
    notes.push(
      `police.uk street-level data: ${p.tally.inArea.toLocaleString('en-GB')} crimes and incidents in ${ws.config.area.name} from ${p.files.length} files, ${months[0]} to ${months[months.length - 1]}; ${p.tally.outOfArea.toLocaleString('en-GB')} rows in other areas and ${p.tally.noLocation.toLocaleString('en-GB')} with no location were left out${p.tally.duplicates ? `, and ${p.tally.duplicates} duplicates dropped` : ''}.`,
    );
    const gap = coverageNote(p);
    if (gap) notes.push(gap);
    notes.push('police.uk locations are approximate (moved to the nearest of a set of anonymous map points) and figures can change as crimes are reclassified; they may differ slightly from the force’s own recorded crime.');
  }
  return notes;
}

/**
 * One line on police.uk coverage when a covering force misses months inside the data: those months count as
 * missing, so the periods containing them show no figure (src/ingest/coverage.ts).
 */
function coverageNote(p: PoliceUkData): string | undefined {
  const gap = missingMonthsNote(p, p.coverage.missing.map((g) => g.month));
  return gap ? `Incomplete police.uk data: ${gap}. A month counts only when every force covering the area (${p.coverage.forces.join(', ')}) has published it; periods containing these months are shown as missing, not as low.` : undefined;
}
