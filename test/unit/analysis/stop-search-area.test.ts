/**
 * Placing searches in the area: d3-geo's geoContains behind swp's area test, on squares drawn by hand in both
 * windings (RFC 7946 anticlockwise, and the clockwise older files use), with points inside and outside by
 * construction, and searches without coordinates counted apart.
 */
import { describe, expect, it } from 'vitest';
import { areaContains, placeSearches } from '../../../src/analysis/stop-search-area.js';
import type { StopSearch } from '../../../src/ingest/formats/stop-search.js';
import type { AreaFeature, Position } from '../../../src/model/places.js';

const square = (x0: number, y0: number, d: number, clockwise: boolean): AreaFeature => {
  const ring: Position[] = [[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]];
  return { code: 'E01000001', name: 'Test 001A', geometry: { type: 'Polygon', coordinates: [clockwise ? ring.slice().reverse() : ring] } };
};
const search = (lon: number | null, lat: number | null): StopSearch => ({
  month: '2019-06', type: 'Person search', latitude: lat, longitude: lon, gender: 'Male', ageRange: '18-24', selfDefinedEthnicity: '', officerDefinedEthnicity: '',
  objectOfSearch: 'Controlled drugs', outcome: 'Arrest', outcomeLinked: true, source: { file: 't.csv', line: 2 },
});

describe('placing searches by point-in-polygon', () => {
  it.each([false, true])('keeps the points inside a square (clockwise ring: %s) and counts the others', (clockwise) => {
    const inside = areaContains([square(-2.3, 53.4, 0.1, clockwise), square(-2.0, 53.4, 0.05, !clockwise)]);
    const rows = [search(-2.25, 53.45), search(-2.21, 53.49), search(-1.98, 53.42), search(-2.15, 53.45), search(-2.25, 53.55), search(null, null)];
    const got = placeSearches(rows, inside);
    expect(got.rows).toEqual([rows[0], rows[1], rows[2]]);
    expect(got.outside).toBe(2);
    expect(got.noLocation).toBe(1);
  });
});
