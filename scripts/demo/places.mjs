// Fictional but plausible geography for the demo areas, in the layouts ONS and MHCLG publish (see
// data/demo/SOURCES.md): LSOA and ward boundaries (GeoJSON), the LSOA (2011) to ward (2017) lookup, IMD 2019
// File 7 deciles and LSOA mid-2016 populations.
//
// LSOA polygons are a Voronoi tessellation (d3-delaunay) of the LSOA centroids, with a ring of outer sites whose
// cells are dropped, which clips the area to an oval outline. The generator's map points (where crimes are put) are
// moved inside their own LSOA's cell before any crime is drawn (fitPointsToLsoas). LSOAs are merged into wards (the
// LSOAs nearest each of a few spread-out seeds) with topojson (server: topology; client: merge).
import path from 'node:path';
import { Delaunay } from 'd3-delaunay';
import { topology } from 'topojson-server';
import { merge } from 'topojson-client';
import { Rng, csvLine, writeFile } from '../lib/synth.mjs';

const WARD_NAMES = [
  'Abbey', 'Ashfield', 'Bridge Street', 'Brookside', 'Castle', 'Chapel End', 'Church Hill', 'Cobden', 'Deanery',
  'Elmstead', 'Fairfield', 'Foxley', 'Greenacres', 'Hawthorn', 'Highgate', 'Holme Park', 'Kingsmead', 'Larkfield',
  'Long Lane', 'Meadowbank', 'Millbrook', 'Northfield', 'Oakwood', 'Parkside', 'Priory', 'Queensway', 'Riverside',
  'Rowan', 'St Anne\'s', 'St Mark\'s', 'Southgate', 'Stonebridge', 'Thornbury', 'Upton', 'Victoria', 'Westfield',
  'Willowbank', 'Windmill', 'Woodlands', 'Yew Tree',
];

const round6 = (v) => Math.round(v * 1e6) / 1e6;

/** Twice the signed planar area of a ring (positive: counter-clockwise). */
const signedArea = (ring) => ring.reduce((s, [x, y], i) => { const [u, v] = ring[(i + 1) % ring.length]; return s + x * v - u * y; }, 0);

/** A ring wound as RFC 7946 asks: exterior counter-clockwise, holes clockwise. */
const wind = (ring, exterior) => ((signedArea(ring) > 0) === exterior ? ring : ring.slice().reverse());

const windPolygon = (rings) => rings.map((r, k) => wind(r, k === 0));

/**
 * Is (x, y) inside a convex ring with a margin of `m` degrees (about 1 m) from every edge? The margin keeps a point
 * inside however a reader draws the edge (straight on the plane, or a great-circle arc as d3-geo does).
 */
function insideWithMargin(ring, x, y, m = 1e-5) {
  const ccw = wind(ring, true);
  for (let i = 0; i + 1 < ccw.length; i++) {
    const [ax, ay] = ccw[i];
    const [bx, by] = ccw[i + 1];
    const len = Math.hypot(bx - ax, by - ay);
    if (len > 0 && ((bx - ax) * (y - ay) - (by - ay) * (x - ax)) / len < m) return false;
  }
  return true;
}

/** A ring of sites around the area whose cells are dropped: what clips the tessellation to an oval outline. */
function outerRing(area) {
  const [cx, cy] = area.centre;
  const [rx, ry] = area.radius;
  const ring = 72;
  return Array.from({ length: ring }, (_, k) => {
    const a = (2 * Math.PI * k) / ring;
    return { x: cx + (rx * 1.1 + 0.012) * Math.cos(a), y: cy + (ry * 1.1 + 0.008) * Math.sin(a), lsoa: null };
  });
}

/**
 * The LSOAs' polygons (Voronoi cells of their centroids, clipped by the outer ring), set as `l.cell`, with every map
 * point moved inside its own LSOA's cell: a point outside is pulled towards the LSOA's centroid (a site, so inside)
 * until it is in. No random draws are made, so the crimes drawn later are the same as without this step.
 */
export function fitPointsToLsoas(areas, geo) {
  for (const [key, area] of Object.entries(areas)) {
    const lsoas = geo[key].lsoas;
    const sites = [...lsoas.map((l) => ({ x: l.x, y: l.y, lsoa: l })), ...outerRing(area)];
    const [cx, cy] = area.centre;
    const [rx, ry] = area.radius;
    const voronoi = Delaunay.from(sites, (s) => s.x, (s) => s.y).voronoi([cx - rx * 1.6, cy - ry * 1.6, cx + rx * 1.6, cy + ry * 1.6]);
    lsoas.forEach((l, i) => {
      l.cell = wind(voronoi.cellPolygon(i).map(([x, y]) => [round6(x), round6(y)]), true);
      for (const p of l.points) {
        for (let t = 1; t >= 0; t -= 0.125) {
          const x = (l.x + t * (Number(p.lon) - l.x)).toFixed(6);
          const y = (l.y + t * (Number(p.lat) - l.y)).toFixed(6);
          if (insideWithMargin(l.cell, Number(x), Number(y)) || t <= 0) {
            p.lon = x;
            p.lat = y;
            break;
          }
        }
      }
    });
  }
}

/** Group LSOAs into wards: the LSOAs nearest each of `n` seeds spread out by farthest-point sampling. */
function wards(area, lsoas, rng) {
  const n = Math.max(3, Math.round(lsoas.length / 10));
  const dist = (a, b) => Math.hypot((a.x - b.x) / area.radius[0], (a.y - b.y) / area.radius[1]);
  const centre = { x: area.centre[0], y: area.centre[1] };
  const seeds = [lsoas.reduce((best, l) => (dist(l, centre) < dist(best, centre) ? l : best))];
  while (seeds.length < n) {
    seeds.push(lsoas.reduce((best, l) => (Math.min(...seeds.map((s) => dist(s, l))) > Math.min(...seeds.map((s) => dist(s, best))) ? l : best)));
  }
  const names = rng.shuffle(WARD_NAMES.slice());
  const list = seeds.map((s, k) => ({ code: `E05${String(area.lsoaStart + k).padStart(6, '0')}`, name: k === 0 ? `${area.name} Central` : names[k], lsoas: [] }));
  // Wards of similar size, as the boundary commissions draw them: pairs (LSOA, seed) nearest first, each ward
  // taking LSOAs until it holds 1.4 times its share (tighter, and wards break into pieces).
  const cap = Math.ceil((lsoas.length / n) * 1.4);
  const pairs = lsoas.flatMap((l, i) => seeds.map((s, k) => [dist(s, l), i, k])).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const taken = new Set();
  for (const [, i, k] of pairs) {
    if (taken.has(i) || list[k].lsoas.length >= cap) continue;
    taken.add(i);
    list[k].lsoas.push(lsoas[i]);
  }
  return list.filter((w) => w.lsoas.length > 0);
}

/** The merged geometry of a set of LSOAs (topojson-client merge), as a Polygon when it is in one piece. */
function merged(topo, codes) {
  const g = merge(topo, topo.objects.lsoas.geometries.filter((c) => codes.has(c.properties.lsoa)));
  const polygons = g.coordinates.map(windPolygon);
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

const featureCollection = (name, features) => `{"type":"FeatureCollection","name":"${name}","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;

/** The geography of one area: LSOA and ward features, lookup, IMD and population rows. */
function areaGeography(area, lsoas, popTotal, seed) {
  const rng = new Rng(seed, `places|${area.key}`);
  const cells = lsoas.map((l) => ({ type: 'Feature', properties: { lsoa: l.code }, geometry: { type: 'Polygon', coordinates: [l.cell] } }));
  const topo = topology({ lsoas: { type: 'FeatureCollection', features: cells } });
  const ws = wards(area, lsoas, rng);
  const weights = lsoas.map(() => rng.lognormal(0.18));
  const sum = weights.reduce((s, w) => s + w, 0);
  const out = { lsoa: [], ward: [], lookup: [], imd: [], pop: [] };
  lsoas.forEach((l, i) => {
    out.lsoa.push({ type: 'Feature', properties: { LSOA11CD: l.code, LSOA11NM: l.name, LSOA11NMW: l.name, LONG: round6(l.x), LAT: round6(l.y) }, geometry: { type: 'Polygon', coordinates: [l.cell] } });
    const decile = Math.min(10, Math.max(1, 10 - Math.floor(l.dep * 10)));
    out.imd.push([l.code, l.name, area.code, area.name, (l.dep * 60).toFixed(3), '', decile]);
    out.pop.push([l.code, l.name, Math.round((popTotal * weights[i]) / sum)]);
  });
  for (const w of ws) {
    out.ward.push({ type: 'Feature', properties: { WD17CD: w.code, WD17NM: w.name, WD17NMW: '', LAD17CD: area.code, LAD17NM: area.name }, geometry: merged(topo, new Set(w.lsoas.map((l) => l.code))) });
    for (const l of w.lsoas) out.lookup.push([l.code, l.name, w.code, w.name, '', area.code, area.name]);
  }
  return out;
}

const IMD_HEADER = ['LSOA code (2011)', 'LSOA name (2011)', 'Local Authority District code (2019)', 'Local Authority District name (2019)', 'Index of Multiple Deprivation (IMD) Score', 'Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)', 'Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)'];

/**
 * Write data/demo/geography for the areas: `geo[key].lsoas` as built by the generator, `population[code]` the
 * mid-2016 population of each area. Returns [relative path, bytes, rows] for the generator's summary.
 */
export function writePlaces(out, areas, geo, population, seed) {
  const all = { lsoa: [], ward: [], lookup: [], imd: [], pop: [] };
  for (const [key, area] of Object.entries(areas)) {
    const g = areaGeography(area, geo[key].lsoas, population[area.code], seed);
    for (const k of Object.keys(all)) all[k].push(...g[k]);
  }
  // The IMD ranks: by score across the demo's LSOAs (the real ranks are across England's 32,844).
  const byScore = all.imd.map((r, i) => [Number(r[4]), i]).sort((a, b) => b[0] - a[0]);
  byScore.forEach(([, i], rank) => { all.imd[i][5] = rank + 1; });
  const dir = path.join(out, 'geography');
  const files = [
    ['lsoa-2011-boundaries-bgc.geojson', featureCollection('LSOA_2011_EW_BGC', all.lsoa), all.lsoa.length],
    ['ward-2017-boundaries-bgc.geojson', featureCollection('WD_DEC_2017_UK_BGC', all.ward), all.ward.length],
    ['lsoa11-ward17-lad17-lookup.csv', [csvLine(['LSOA11CD', 'LSOA11NM', 'WD17CD', 'WD17NM', 'WD17NMW', 'LAD17CD', 'LAD17NM', 'FID']), ...all.lookup.map((r, i) => csvLine([...r, i + 1]))].join('\r\n') + '\r\n', all.lookup.length],
    ['imd2019-file7.csv', [csvLine(IMD_HEADER), ...all.imd.map(csvLine)].join('\r\n') + '\r\n', all.imd.length],
    ['lsoa-population-mid-2016.csv', [csvLine(['LSOA Code', 'LSOA Name', 'All Ages']), ...all.pop.map(csvLine)].join('\r\n') + '\r\n', all.pop.length],
  ];
  return files.map(([name, text, rows]) => [`geography/${name}`, writeFile(path.join(dir, name), text), rows]);
}
