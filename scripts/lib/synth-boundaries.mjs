// A large ONS-format boundary file for tests and the benchmark: `n` LSOA features (LSOA21CD/LSOA21NM and the other
// properties of the Open Geography Portal's GeoJSON), each a jagged polygon of `vertices` points on a grid of cells
// over England's extent, streamed to disk so that writing it never holds it in memory. Areas are named after 330
// fictional local authorities ("Area 017 012A"); area 0's LSOAs are "Area 000 …".
import fs from 'node:fs';
import { Rng } from './synth.mjs';

/** Write the file; returns { bytes, features }. */
export function writeBoundaryFile(file, n = 35_672, vertices = 60, seed = 7) {
  const rng = new Rng(seed, 'boundaries');
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  const put = (s) => { bytes += fs.writeSync(fd, s); };
  put('{\n"type": "FeatureCollection",\n"name": "LSOA_2021_EW_BGC_V3",\n"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },\n"features": [\n');
  const side = Math.ceil(Math.sqrt(n));
  const [x0, y0, w, h] = [-5.5, 50.0, 7.2, 5.6];
  for (let i = 0; i < n; i++) {
    const cx = x0 + ((i % side) + 0.5) * (w / side);
    const cy = y0 + (Math.floor(i / side) + 0.5) * (h / side);
    const r = (0.45 * w) / side;
    const ring = [];
    for (let k = 0; k < vertices; k++) {
      const a = (-2 * Math.PI * k) / vertices;
      const rr = r * (0.8 + 0.2 * rng.next());
      ring.push([+(cx + rr * Math.cos(a)).toFixed(6), +(cy + rr * 0.6 * Math.sin(a)).toFixed(6)]);
    }
    ring.push(ring[0]);
    const la = Math.floor(i / 108);
    const code = `E01${String(i + 1).padStart(6, '0')}`;
    const name = `Area ${String(la).padStart(3, '0')} ${String((i % 108) + 1).padStart(3, '0')}A`;
    const props = { FID: i + 1, LSOA21CD: code, LSOA21NM: name, LSOA21NMW: ' ', BNG_E: 400000 + i, BNG_N: 300000 + i, LAT: +cy.toFixed(5), LONG: +cx.toFixed(5), Shape__Area: 100000, Shape__Length: 2000, GlobalID: `g-${i}` };
    put(`{ "type": "Feature", "properties": ${JSON.stringify(props)}, "geometry": { "type": "Polygon", "coordinates": [ ${JSON.stringify(ring)} ] } }${i + 1 < n ? ',' : ''}\n`);
  }
  put(']\n}\n');
  fs.closeSync(fd);
  return { bytes, features: n };
}
