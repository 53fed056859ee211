/**
 * The "Where crime happens" chapter beyond the LSOA table (../places.ts): wards with the funnel-plot comparison,
 * deprivation deciles, attractor locations, and the maps to draw. Each part needs its own inputs (PlacesGeography):
 * what is missing is left out, with the geography's notes saying so.
 */
import type { Config } from '../../model/config.js';
import type { Places } from '../../model/contract.js';
import { ASB_INDEX, CRIME_TYPES, crimeTypeIndicatorId, type PoliceUkData } from '../../model/data.js';
import type { AreaFeature, PlacePoints, PlacesGeography } from '../../model/places.js';
import { financialYear, monthsBetween } from '../periods.js';
import { lsoaTypeCounts, type TypeSelection } from './counts.js';
import { deprivationTable } from './deprivation.js';
import { topLocations } from './locations.js';
import { hotspotAlt, wardMapAlt } from './maps.js';
import { lsoaTotals, wardTable, wardTotals, type WardRow } from './wards.js';

export { quantileBreaks, classOf } from './classes.js';
export { collection, rewind } from './geometry.js';
export type { WardRow } from './wards.js';

/** A ward choropleth to draw: the map's id, title and alternative text, and the wards' published rates. */
export interface WardLayer {
  id: string;
  title: string;
  alt: string;
  wards: WardRow[];
}

/** What the maps are drawn from (not part of the JSON contract: geometry and points stay in the workspace). */
export interface PlacesDrawing {
  wardFeatures: AreaFeature[];
  lsoaFeatures: AreaFeature[];
  points: PlacePoints | undefined;
  layers: WardLayer[];
  /** The choropleth by LSOA, drawn over `lsoaFeatures` (config document.lsoaMap). */
  lsoaLayer?: WardLayer;
  hotspot: { id: string; title: string; alt: string } | undefined;
}

export interface PlacesInput {
  police: PoliceUkData;
  geo: PlacesGeography;
  startYear: number;
  threshold: number;
  priorities: Config['strategicPriorities'];
  /** Add the choropleth of the crime rate by LSOA (config document.lsoaMap; off by default). */
  lsoaMap?: boolean;
}

/** The crime types (indices) a priority monitors through police.uk indicators. */
function priorityTypes(p: Config['strategicPriorities'][number]): number[] {
  return CRIME_TYPES.map((t, i) => (p.indicators.includes(crimeTypeIndicatorId(t)) && i !== ASB_INDEX ? i : -1)).filter((i) => i >= 0);
}

/** A ward choropleth layer for a selection of types, when the wards have boundaries. */
function layer(input: PlacesInput, counts: Map<string, Float64Array>, id: string, title: string, which: TypeSelection): WardLayer | undefined {
  const features = input.geo.wardBoundaries?.features ?? [];
  const table = wardTable(wardTotals(input.geo, counts, which), input.threshold);
  if (!table || features.length === 0) return undefined;
  return { id, title, alt: wardMapAlt(title, table.wards, features, input.threshold), wards: table.wards };
}

/** The LSOA choropleth layer, when asked for and the LSOAs have boundaries and populations. */
function lsoaLayer(input: PlacesInput, counts: Map<string, Float64Array>, title: string): WardLayer | undefined {
  const features = input.geo.lsoaBoundaries?.features ?? [];
  if (!input.lsoaMap || features.length === 0 || input.geo.lsoaPopulation.size === 0) return undefined;
  // LSOA counts add up to the area's total like ward counts: the same linked-table suppression (./wards.ts).
  const table = wardTable(lsoaTotals(input.geo, counts, input.police.byLsoa), input.threshold);
  if (!table) return undefined;
  return { id: 'lsoa-rates', title, alt: wardMapAlt(title, table.wards, features, input.threshold, { one: 'neighbourhood', many: 'neighbourhoods' }), wards: table.wards };
}

/** The contract's detail of the places section and what the maps need; undefined when the year is not covered. */
export function placesDetail(input: PlacesInput): { detail: Partial<Places>; drawing: PlacesDrawing } | undefined {
  const fy = financialYear(input.startYear);
  const counts = lsoaTypeCounts(input.police, monthsBetween(fy.start, fy.end));
  if (!counts) return undefined;
  const { geo, threshold } = input;
  const detail: Partial<Places> = { notes: [...geo.notes] };
  const wards = wardTable(wardTotals(geo, counts, 'crime'), threshold);
  if (wards && geo.lookup.size > 0) {
    detail.wards = wards.wards;
    if (wards.average) detail.average = wards.average;
  }
  Object.assign(detail, deprivationTable(geo, counts, threshold) ?? {});
  if (geo.points) detail.locations = topLocations(geo.points, input.police, threshold);
  const layers = [layer(input, counts, 'ward-rates', `Crime per 1,000 residents by ward, ${fy.label}`, 'crime')];
  for (const p of input.priorities) {
    const types = priorityTypes(p);
    if (types.length) layers.push(layer(input, counts, `priority-${p.id}`, `${p.label}: ${types.map((t) => CRIME_TYPES[t]!.toLowerCase()).join(', ')} per 1,000 residents by ward, ${fy.label}`, types));
  }
  const lsoas = lsoaLayer(input, counts, `Crime per 1,000 residents by neighbourhood (LSOA), ${fy.label}`);
  const drawn = layers.filter((l): l is WardLayer => l !== undefined);
  const outlines = geo.wardBoundaries?.features ?? geo.lsoaBoundaries?.features ?? [];
  const hotspot = geo.points && outlines.length ? { id: 'hotspots', title: `Where crime is most concentrated, ${fy.label}`, alt: hotspotAlt(geo.points, geo.wardBoundaries?.features ?? [], detail.locations?.[0]?.location) } : undefined;
  const maps = [layers[0], lsoas, ...layers.slice(1)].filter((l): l is WardLayer => l !== undefined);
  detail.maps = [...maps.map(({ id, title, alt }) => ({ id, title, alt })), ...(hotspot ? [hotspot] : [])];
  const drawing: PlacesDrawing = { wardFeatures: geo.wardBoundaries?.features ?? [], lsoaFeatures: geo.lsoaBoundaries?.features ?? [], points: geo.points, layers: drawn, hotspot };
  return { detail, drawing: lsoas ? { ...drawing, lsoaLayer: lsoas } : drawing };
}
