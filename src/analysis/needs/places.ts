/**
 * Where serious violence happens: the places analysis (../places/index.ts) for the definition's police.uk types,
 * by ward with the funnel-plot comparison with the partnership average, when the workspace has ward boundaries
 * and the LSOA-to-ward lookup (inputs.places).
 */
import type { NeedsAssessment } from '../../model/contract-needs.js';
import { crimeTypeIndicatorId, CRIME_TYPES } from '../../model/data.js';
import type { Workspace } from '../../ingest/workspace.js';
import { placesDetail, type WardLayer } from '../places/index.js';
import type { AreaFeature } from '../../model/places.js';
import type { ViolenceDefinition } from './definition.js';

export interface NeedsPlaces {
  section: NeedsAssessment['places'];
  /** What the map is drawn from (not part of the JSON: geometry stays in the workspace). */
  drawing?: { layer: WardLayer; features: AreaFeature[] };
}

export function needsPlaces(ws: Workspace, def: ViolenceDefinition, startYear: number): NeedsPlaces {
  if (!ws.police || !ws.places || def.typeIndices.length === 0) return { section: null };
  const priority = { id: 'serious-violence', label: 'Serious violence', indicators: def.typeIndices.map((i) => crimeTypeIndicatorId(CRIME_TYPES[i]!)) };
  const got = placesDetail({ police: ws.police, geo: ws.places, startYear, threshold: ws.config.disclosure.threshold, priorities: [priority] });
  const layer = got?.drawing.layers.find((l) => l.id === 'priority-serious-violence');
  if (!got || !layer) return { section: null };
  const wards = layer.wards.map((w) => ({ code: w.code, name: w.name, count: w.count, population: w.population, value: w.value, comparison: w.comparison, suppressed: w.suppressed }));
  return {
    section: { wards, maps: [{ id: layer.id, title: layer.title, alt: layer.alt }], notes: got.detail.notes ?? [] },
    drawing: { layer, features: got.drawing.wardFeatures },
  };
}
