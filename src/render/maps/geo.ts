/**
 * What every map shares: boundaries simplified for print with topojson (topojson-server builds a topology so that
 * neighbouring areas keep one shared edge; topojson-simplify removes the vertices whose Visvalingam effective area
 * is under half a printed pixel; topojson-client turns it back into features), and a Mercator projection fitted to
 * the area (d3-geo). No base map: outlines and labels only.
 */
import { geoMercator, geoPath, type GeoPath, type GeoProjection } from 'd3-geo';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AreaFeature } from '../../model/places.js';
import { collection } from '../../analysis/places/index.js';

export type MapFeature = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

export interface MapFrame {
  projection: GeoProjection;
  path: GeoPath;
  width: number;
  height: number;
  /** The map's own area inside the SVG (the rest is title space and legend). */
  left: number;
  top: number;
}

/** Fit a Mercator projection to the features in a box `width` wide at (left, top); the height follows the area's shape. */
export function frame(features: readonly AreaFeature[], left: number, top: number, width: number, maxHeight: number): MapFrame {
  const fc = collection(features) as FeatureCollection;
  const projection = geoMercator().fitWidth(width, fc);
  let [[, y0], [, y1]] = geoPath(projection).bounds(fc);
  if (y1 - y0 > maxHeight) {
    projection.fitSize([width, maxHeight], fc);
    [[, y0], [, y1]] = geoPath(projection).bounds(fc);
  }
  const [tx, ty] = projection.translate();
  projection.translate([tx + left, ty + top - y0]);
  return { projection, path: geoPath(projection).digits(1), width, height: Math.ceil(y1 - y0), left, top };
}

/**
 * The features simplified for a map `width` pixels across: vertices whose triangle (in degrees²) is smaller than
 * half a pixel² at that scale are dropped. Areas sharing an edge keep sharing it (one topology).
 */
export function simplified(features: readonly AreaFeature[], width: number): MapFeature[] {
  if (features.length === 0) return [];
  const fc = collection(features);
  const xs = fc.features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flatMap((p) => p[0]!.map((c) => c[0])));
  const degreesPerPixel = (Math.max(...xs) - Math.min(...xs)) / width;
  const topo = presimplify(topology({ areas: fc as FeatureCollection }) as unknown as Parameters<typeof presimplify>[0]);
  const simple = simplify(topo, (degreesPerPixel * degreesPerPixel) / 2);
  return (feature(simple, simple.objects['areas']!) as FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>).features;
}
