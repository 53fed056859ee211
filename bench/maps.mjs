// bench/maps.mjs: the maps row of `npm run bench` (also `node bench/maps.mjs` alone). An England-sized ONS-format
// LSOA boundary file (35,672 features, scripts/lib/synth-boundaries.mjs, kept in bench/.data/) is read by swp's
// streaming reader keeping one area's 108 LSOAs, which are then drawn as a ward choropleth: time and peak RSS, in a
// fresh child process per run (test/integration/large/measure-boundaries.mjs), median of 3. Prints markdown lines.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBoundaryFile } from '../scripts/lib/synth-boundaries.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DATA = join(ROOT, 'bench/.data');
const CHILD = join(ROOT, 'test/integration/large/measure-boundaries.mjs');

/** Measure; returns the markdown lines of the section. */
export function benchMaps(runs = 3) {
  mkdirSync(DATA, { recursive: true });
  const file = join(DATA, 'lsoa-england-35672.geojson');
  if (!existsSync(file)) writeBoundaryFile(file, 35_672, 60);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(JSON.parse(execFileSync(process.execPath, [CHILD, file, 'draw'], { encoding: 'utf8' }).trim()));
  const median = (k) => results.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  const mb = statSync(file).size / 1e6;
  return [
    '## Maps: reading an England-sized boundary file',
    '',
    `A generated LSOA boundary file in the Open Geography Portal's GeoJSON layout: ${results[0].read.toLocaleString('en-GB')} features, ${mb.toFixed(0)} MB. swp reads it as a stream (stream-json), keeping one area's ${results[0].kept} LSOAs, and draws them as a ward map (topojson simplification, d3-geo, quantile classes, labels). Fresh process per run, median of ${runs}.`,
    '',
    '| step | time | peak RSS |',
    '|---|---|---|',
    `| read the file, keep the area's features | ${(median('readMs') / 1000).toFixed(2)} s | |`,
    `| draw the area's ward map (SVG, ${(median('svgBytes') / 1024).toFixed(0)} KiB) | ${(median('drawMs') / 1000).toFixed(2)} s | |`,
    `| both, whole process | | ${median('rssMb').toFixed(0)} MB |`,
    '',
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.stdout.write(benchMaps().join('\n') + '\n');
