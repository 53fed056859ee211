/**
 * The "Where crime happens" chapter's inputs for one assessment: the area's located police.uk rows of the year are
 * read (only now, and only when the workspace has a geography folder), then what the maps are drawn from.
 */
import { placesDetail, type PlacesDrawing } from '../analysis/places/index.js';
import { financialYear, monthsBetween } from '../analysis/periods.js';
import { addPlacePoints } from '../ingest/places.js';
import type { Workspace } from '../ingest/workspace.js';

export async function preparePlaces(ws: Workspace, startYear: number): Promise<PlacesDrawing | undefined> {
  if (!ws.places || !ws.police) return undefined;
  const fy = financialYear(startYear);
  if (!ws.places.points) await addPlacePoints(ws.places, ws.police, ws.policeInput, monthsBetween(fy.start, fy.end));
  return placesDetail({ police: ws.police, geo: ws.places, startYear, threshold: ws.config.disclosure.threshold, priorities: ws.config.strategicPriorities })?.drawing;
}
