/** The ward choropleth and the hotspot map: legend with the class breaks, labels, title and text alternative. */
import { describe, expect, it } from 'vitest';
import type { WardLayer } from '../../../../src/analysis/places/index.js';
import type { AreaFeature, PlacePoints } from '../../../../src/model/places.js';
import { VIRIDIS_5, wardChoropleth } from '../../../../src/render/maps/choropleth.js';
import { hotspotMap } from '../../../../src/render/maps/hotspot.js';

/** Five square wards in a row, 0.04° wide, wound clockwise as d3-geo draws them. */
const squares: AreaFeature[] = [0, 1, 2, 3, 4].map((i) => {
  const x = -1.9 + i * 0.04;
  return { code: `E0500000${i}`, name: `Ward ${i}`, geometry: { type: 'Polygon', coordinates: [[[x, 52.7], [x, 52.74], [x + 0.04, 52.74], [x + 0.04, 52.7], [x, 52.7]]] } };
});

const layer: WardLayer = {
  id: 'ward-rates',
  title: 'Crime per 1,000 residents by ward, 2016/17',
  alt: 'highest rates in Ward 4',
  wards: squares.map((f, i) => ({ code: f.code, name: f.name, count: 100 * (i + 1), population: 10_000, value: 10 * (i + 1), ci95: null, comparison: 'similar', beyond998: false, suppressed: false })),
};

describe('ward choropleth', () => {
  const r = wardChoropleth(layer, squares, { idPrefix: 'map-test' });

  it('legend gives the quantile class breaks (10 … 50 in fifths: 18, 26, 34, 42) with the wards in each', () => {
    for (const t of ['10.0 to 18.0 (1)', '18.0 to 26.0 (1)', '26.0 to 34.0 (1)', '34.0 to 42.0 (1)', '42.0 to 50.0 (1)']) expect(r.svg).toContain(t);
  });

  it('the highest ward is in the darkest class, and the table gives its class in words too', () => {
    expect(r.svg).toContain(`fill="${VIRIDIS_5[4]}"`);
    expect(r.table.rows[0]).toEqual(['Ward 4', '500', '10,000', '50.0', '[x]', '5', 'Similar to average']);
  });

  it('has its title and text alternative, and labels wards with their rate', () => {
    expect(r.svg).toContain('<title id="map-test-title">Crime per 1,000 residents by ward, 2016/17</title>');
    expect(r.svg).toContain('<desc id="map-test-desc">highest rates in Ward 4</desc>');
    expect(r.svg).toMatch(/<tspan[^>]*>Ward 2<\/tspan><tspan[^>]*>30\.0<\/tspan>/);
  });
});

describe('hotspot map', () => {
  it('density contours, ward outlines and the top places numbered as in its table', () => {
    const n = 400;
    const points: PlacePoints = {
      lon: Float64Array.from({ length: n }, (_, i) => -1.8 + (i % 20) * 0.0005),
      lat: Float64Array.from({ length: n }, (_, i) => 52.72 + Math.floor(i / 20) * 0.0005),
      type: new Uint8Array(n).fill(2),
      location: Uint32Array.from({ length: n }, (_, i) => (i < 300 ? 0 : 1)),
      locations: ['E01000001\tOn or near Shopping Area', 'E01000001\tOn or near High Street'],
      months: [],
    };
    const locations = [{ location: 'On or near Shopping Area', lsoa: 'E01000001', lsoaName: 'X 001A', count: 300 }, { location: 'On or near High Street', lsoa: 'E01000001', lsoaName: 'X 001A', count: 100 }];
    const r = hotspotMap({ id: 'hot', title: 'Where crime is most concentrated, 2016/17', alt: 'most concentrated in Ward 2', points, outlines: squares, locations });
    expect(r.svg).toContain('class="swp-map-density"');
    expect((r.svg.match(/<path d="M/g) ?? []).length).toBeGreaterThan(5);
    expect(r.svg).toMatch(/>1<\/text>/);
    expect(r.svg).toMatch(/>2<\/text>/);
    expect(r.table.rows.map((row) => row.slice(0, 2))).toEqual([['1', 'On or near Shopping Area'], ['2', 'On or near High Street']]);
  });
});
