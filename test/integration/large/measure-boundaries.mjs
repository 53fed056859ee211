// Child process of boundaries-memory.test.ts and of the benchmark (bench/maps.mjs): read a boundary file with the
// BUILT reader (dist/ingest/formats/boundaries.js), keeping the LSOAs of one area ("Area 000 …"), optionally draw
// that area's ward map from them, and print one JSON line with the features kept, the time and the peak RSS.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const [file, draw] = process.argv.slice(2);
const { readBoundaries } = await import(resolve(ROOT, 'dist/ingest/formats/boundaries.js'));
const t0 = process.hrtime.bigint();
const set = await readBoundaries(file, { keep: (kind, _code, name) => kind === 'lsoa' && name.startsWith('Area 000 ') });
const readMs = Number(process.hrtime.bigint() - t0) / 1e6;
let drawMs = 0;
let svgBytes = 0;
if (draw === 'draw') {
  const { wardChoropleth } = await import(resolve(ROOT, 'dist/render/maps/choropleth.js'));
  const t1 = process.hrtime.bigint();
  // The area's LSOAs drawn as its "wards": the cost of simplifying, projecting, classing and labelling one area.
  const wards = set.features.map((f, i) => ({ code: f.code, name: f.name, count: 100 + i, population: 1500, value: ((100 + i) / 1500) * 1000, ci95: null, comparison: 'similar', beyond998: false, suppressed: false }));
  svgBytes = wardChoropleth({ id: 'bench', title: 'Bench', alt: 'Bench', wards }, set.features, { idPrefix: 'bench' }).svg.length;
  drawMs = Number(process.hrtime.bigint() - t1) / 1e6;
}
const rssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ read: set.read, kept: set.features.length, readMs, drawMs, svgBytes, rssMb }) + '\n');
