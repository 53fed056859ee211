/**
 * The "Where crime happens" chapter's inputs for one assessment: the area's located police.uk rows of the year are
 * read (only now, and only when the workspace has a geography folder), then what the maps are drawn from.
 */
import { placesDetail, type PlacesDrawing } from '../analysis/places/index.js';
import { financialYear, monthsBetween } from '../analysis/periods.js';
import { addPlacePoints } from '../ingest/places.js';
import { readPlacePointsForAreas } from '../ingest/places-points.js';
import { areaNames, readPlacesForAreas, type Workspace } from '../ingest/workspace.js';
import type { PoliceUkData } from '../model/data.js';
import type { PlacesGeography } from '../model/places.js';
import type { Warning } from '../model/errors.js';

export async function preparePlaces(ws: Workspace, startYear: number): Promise<PlacesDrawing | undefined> {
  if (!ws.places || !ws.police) return undefined;
  const fy = financialYear(startYear);
  if (!ws.places.points) await addPlacePoints(ws.places, ws.police, ws.policeInput, monthsBetween(fy.start, fy.end));
  return placesDetail({ police: ws.police, geo: ws.places, startYear, threshold: ws.config.disclosure.threshold, priorities: ws.config.strategicPriorities, lsoaMap: ws.config.document.lsoaMap === true })?.drawing;
}

/**
 * The geography of every area of a batch from one read of the geography files, with each area's located police.uk
 * rows of the year from one read of the street files (issue 13: --all-areas draws each area's maps from one read of
 * the boundary file). `police[i]` is the police.uk data of `areas[i]`; the configured area's names come from its
 * config (area.lsoaNamePrefix), the others' from their name, as workspaceForArea sets them.
 */
export async function batchPlaces(
  ws: Workspace,
  areas: readonly { name: string; code: string }[],
  police: readonly (PoliceUkData | undefined)[],
  startYear: number,
  onWarning: (w: Warning) => void,
): Promise<(PlacesGeography | undefined)[]> {
  const list = areas.map((a, i) => ({ areaCode: a.code, areaNames: a.code === ws.config.area.code ? areaNames(ws.config) : [a.name], police: police[i] }));
  const geos = await readPlacesForAreas(ws, list, onWarning);
  if (!geos) return areas.map(() => undefined);
  const withPoints = geos.map((g, i) => (police[i] ? i : -1)).filter((i) => i >= 0);
  if (ws.policeInput && withPoints.length > 0) {
    const fy = financialYear(startYear);
    const sets = withPoints.map((i) => new Set(police[i]!.byLsoa.keys()));
    const points = await readPlacePointsForAreas(ws.policeInput, sets, monthsBetween(fy.start, fy.end));
    withPoints.forEach((i, k) => (geos[i]!.points = points[k]));
  }
  return geos;
}
