// A fictional OHID Fingertips export of indicator 11201, "Violent crime - hospital admissions for violence
// (including sexual violence)", for the demo's local authorities, their (real-named, invented-figure) region and
// England, in the layout of the Fingertips "Export table data" CSV (the header of src/ingest/formats/fingertips.ts
// and test/fixtures/ingest/fingertips/fingertips-export-sample.csv). Fingertips publishes this indicator for
// three-year pooled financial years: the count is the three years' admissions and the denominator the three
// years' mid-year populations summed; Value is a directly age-standardised rate per 100,000 a year, here the crude
// rate times a small invented standardisation factor. See data/demo/SOURCES.md. Its own seeded stream
// ("fingertips|<code>"), so no other demo figure moves.
import path from 'node:path';
import { Rng, csvLine, writeFile } from '../lib/synth.mjs';

const HEADER = ['Indicator ID', 'Indicator Name', 'Parent Code', 'Parent Name', 'Area Code', 'Area Name', 'Area Type', 'Sex', 'Age', 'Category Type', 'Category', 'Time period', 'Value', 'Lower CI 95.0 limit', 'Upper CI 95.0 limit', 'Lower CI 99.8 limit', 'Upper CI 99.8 limit', 'Count', 'Denominator', 'Value note', 'Recent Trend', 'Compared to England value or percentiles', 'Compared to Region value or percentiles', 'Time period Sortable', 'New data', 'Compared to goal', 'Time period range'];
const NAME = 'Violent crime - hospital admissions for violence (including sexual violence)';
// Three-year pooled periods the demo's populations cover (mid-2012 to mid-2016).
const PERIODS = [2012, 2013, 2014];
const label = (y) => `${y}/${String((y + 1) % 100).padStart(2, "0")} - ${String((y + 2) % 100).padStart(2, "0")}/${String((y + 3) % 100).padStart(2, "0")}`;
const REGION = { code: 'E12000005', name: 'West Midlands region' };
// Admissions per 100,000 a year: England's level, falling slowly as the published series did, and each area's
// level against it (Castlebridge higher than England, as its violence is in the demo).
const ENGLAND_RATE = [47.5, 45.0, 43.5];
const LEVEL = { E08099001: 1.32, E08099002: 1.05, E08099003: 0.96, E08099004: 0.92, E08099005: 0.85, E08099006: 1.15, E08099007: 1.04, E08099008: 0.9, E08099009: 1.21 };

/** Byar's 95% (z = 1.96) or 99.8% (z = 3.0902) limits of a count, as a rate per 100,000 of `denominator`. */
function byar(count, denominator, z) {
  const lo = count === 0 ? 0 : count * Math.pow(1 - 1 / (9 * count) - z / (3 * Math.sqrt(count)), 3);
  const up = (count + 1) * Math.pow(1 - 1 / (9 * (count + 1)) + z / (3 * Math.sqrt(count + 1)), 3);
  return [(lo / denominator) * 1e5, (up / denominator) * 1e5];
}

const r1 = (x) => Math.round(x * 10) / 10;

/** One row: the figures and their intervals, scaled by the standardisation factor. */
function row(area, parent, type, y, count, denominator, factor, england) {
  const value = (count / denominator) * 1e5 * factor;
  const [l95, u95] = byar(count, denominator, 1.96).map((v) => v * factor);
  const [l998, u998] = byar(count, denominator, 3.0902).map((v) => v * factor);
  const cmp = england === null ? '' : l95 > england ? 'Worse' : u95 < england ? 'Better' : 'Similar';
  return [11201, NAME, parent?.code ?? '', parent?.name ?? '', area.code, area.name, type, 'Persons', 'All ages', '', '', label(y), r1(value), r1(l95), r1(u95), r1(l998), r1(u998), count, denominator, '', 'Cannot be calculated', cmp, '', `${y}0000`, '', '', '3y'];
}

/** The rows of one area over the periods, with its own seeded stream. */
function areaRows(seed, area, parent, type, pop, level, englandValues) {
  const rng = new Rng(seed, `fingertips|${area.code}`);
  return PERIODS.map((y, k) => {
    const denominator = [0, 1, 2].reduce((a, d) => a + pop[area.code][y + d].all, 0);
    const count = rng.poisson((ENGLAND_RATE[k] * level * denominator) / 1e5);
    return row(area, parent, type, y, count, denominator, 0.985 + 0.02 * rng.next(), englandValues?.[k] ?? null);
  });
}

/** Write measures/fingertips-hospital-admissions-violence.csv; returns [relative path, bytes, rows]. */
export function writeFingertips(out, pop, areas, seed) {
  const england = { code: 'E92000001', name: 'England' };
  const eng = areaRows(seed, england, null, 'England', pop, 1, null);
  const engValues = eng.map((r) => r[12]);
  // The region's population: the demo has none, so England's scaled to the West Midlands' share (about 10.5%).
  const regionPop = { [REGION.code]: Object.fromEntries(Object.entries(pop[england.code]).map(([y, v]) => [y, { all: Math.round(v.all * 0.105) }])) };
  const rows = [...eng, ...areaRows(seed, REGION, england, 'Regions (statistics)', regionPop, 1.08, engValues)];
  for (const a of areas.filter((x) => LEVEL[x.code] !== undefined && pop[x.code])) rows.push(...areaRows(seed, a, REGION, 'Districts & UAs (from Apr 2021)', pop, LEVEL[a.code], engValues));
  const rel = 'measures/fingertips-hospital-admissions-violence.csv';
  // Fingertips writes CRLF line ends.
  const text = [HEADER, ...rows].map(csvLine).join('\r\n') + '\r\n';
  return [[rel, writeFile(path.join(out, rel), text), rows.length]];
}
