/**
 * Geometry helpers shared by the analysis (where the pattern is, for the maps' text) and the maps themselves.
 *
 * Winding: d3-geo takes a polygon's exterior ring clockwise (on the sphere, the smaller side); GeoJSON as RFC 7946
 * writes it anticlockwise, and files differ. A polygon whose area comes out larger than a hemisphere is wound the
 * other way, so its rings are reversed (the usual "rewind" for d3-geo).
 */
import { geoArea, geoCentroid, geoContains } from 'd3-geo';
import type { AreaFeature, AreaGeometry, Position } from '../../model/places.js';

/** The geometry wound as d3-geo expects. */
export function rewind(g: AreaGeometry): AreaGeometry {
  const fix = (rings: Position[][]) => (geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI ? rings.map((r) => r.slice().reverse()) : rings);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: fix(g.coordinates) } : { type: 'MultiPolygon', coordinates: g.coordinates.map(fix) };
}

/** A feature collection of the areas, wound for d3-geo. */
export function collection(features: readonly AreaFeature[]) {
  return {
    type: 'FeatureCollection' as const,
    features: features.map((f) => ({ type: 'Feature' as const, properties: { code: f.code, name: f.name }, geometry: rewind(f.geometry) })),
  };
}

/** Centroid of a feature ([longitude, latitude]). */
export function centroidOf(f: AreaFeature): [number, number] {
  return geoCentroid({ type: 'Feature', properties: {}, geometry: rewind(f.geometry) });
}

/** The feature containing a point, if any. */
export function featureAt(features: readonly AreaFeature[], p: [number, number]): AreaFeature | undefined {
  return features.find((f) => geoContains({ type: 'Feature', properties: {}, geometry: rewind(f.geometry) }, p));
}

const COMPASS = ['east', 'north-east', 'north', 'north-west', 'west', 'south-west', 'south', 'south-east'];

/**
 * Where a point lies in the area, in words: "in the centre" within a quarter of the area's reach of its centroid,
 * else the compass direction ("in the north-east").
 */
export function whereInArea(p: [number, number], centre: [number, number], reach: number): string {
  const dx = (p[0] - centre[0]) * Math.cos((centre[1] * Math.PI) / 180);
  const dy = p[1] - centre[1];
  if (Math.hypot(dx, dy) < reach / 4) return 'in the centre';
  const k = Math.round(Math.atan2(dy, dx) / (Math.PI / 4));
  return `in the ${COMPASS[(k + 8) % 8]}`;
}

/** The area's centre (mean of the features' centroids) and reach (largest distance of a centroid from it, in degrees). */
export function areaCentre(features: readonly AreaFeature[]): { centre: [number, number]; reach: number } {
  const cs = features.map(centroidOf);
  const centre: [number, number] = [cs.reduce((s, c) => s + c[0], 0) / cs.length, cs.reduce((s, c) => s + c[1], 0) / cs.length];
  const k = Math.cos((centre[1] * Math.PI) / 180);
  const reach = Math.max(...cs.map((c) => Math.hypot((c[0] - centre[0]) * k, c[1] - centre[1])), 1e-9);
  return { centre, reach };
}
