#!/usr/bin/env node
// scripts/generate-demo.mjs: writes the fictional, seeded demo workspace in data/demo/.
//
//   node scripts/generate-demo.mjs [--out data/demo] [--seed N]
//
// Plain Node 20 ESM, no dependencies. Given the same seed, every run writes the same
// bytes. Files are overwritten in place. data/demo/swp.config.yaml is never touched.
//
// THE PARTNERSHIP (all fictional, and so are all the figures)
//   Castlebridge CSP (E08099001, ~260,000 people, ~26,000 aged 10-17) is policed by
//   "Midshire Police". Its neighbour Hollinbury (E08099002, ~180,000) is in the same
//   force files. "Westshire Police" publishes its own files: mostly Westbrook
//   (E08099003), plus a few crimes it recorded in Castlebridge LSOAs on the border
//   (Midshire also records a few Westbrook crimes). Period: April 2013 to March 2017,
//   that is four complete financial years.
//
// THE MODEL FOR THE POLICE.UK STREET-LEVEL FILES
//   For each area a, crime type t and month m (m = 0 is April 2013), the monthly count is
//     n ~ Poisson( base[a,t]/12 * growth[a,t]^((m - 5.5)/12) * season(t, month)
//                  * days(month)/30.44 * special(a,t,m) * exp(sd[t]*z - sd[t]^2/2) ), z ~ N(0,1)
//   - base: the expected count in 2013/14 (Castlebridge: ~20,600 crimes excluding ASB and
//     ~9,600 ASB incidents). Hollinbury is ~60% of Castlebridge, Westbrook likewise.
//   - growth (a year, Castlebridge): violence and sexual offences x1.08 (a clear rise),
//     burglary x0.92, anti-social behaviour x0.94, shoplifting x1.06, public order x1.15,
//     possession of weapons x1.20 (small base), robbery x1.00 with extra noise (sd 0.15),
//     drugs x0.95, vehicle crime x0.97, other crime x1.10, the rest about flat.
//     Hollinbury's trends are the same in direction, 60% as steep; Westbrook's 80%.
//   - season: 1 + amp*cos(2*pi*(month - peak)/12): summer peaks for violence, ASB (amp
//     0.18) and bicycle theft (0.30); winter peaks for burglary, robbery and shoplifting.
//   - special cause: Castlebridge criminal damage and arson in November 2016 is x1.6
//     (bonfire night), a single-month signal an SPC chart should flag.
//   Each crime is put in an LSOA by type-specific weights: a lognormal base weight times
//   a deprivation score and big multipliers in the three "core" town-centre LSOAs (e.g.
//   x7 violence, x30 shoplifting, x20 theft from the person) and a retail-park LSOA.
//   Inside the LSOA it goes to one of 8-30 anonymised map points ("On or near <street>",
//   or a police.uk special point such as "Supermarket"/"Nightclub"/"Parking Area"), as
//   police.uk snaps crimes to map points. ~0.7% of each force's crimes are "No
//   Location" rows (no coordinates, no LSOA), as in the real files.
//   Outcomes come from a per-type distribution (2013-17 police.uk outcome strings). The
//   data are "as downloaded in April 2017": recent months have many "Under
//   investigation" (p = 0.015 + 0.45*exp(-age/1.3), age in months before March 2017),
//   and recent court outcomes are still "Awaiting court outcome" (p = exp(-age/4)).
//   Castlebridge crimes in the 10 westmost LSOAs are recorded by Westshire with p = 0.1.
//   Rows are sorted as in the real files (by LSOA name, then crime type; No Location
//   last). Midshire files end lines with \n, Westshire files with \r\n (real ones are CRLF).
//
// THE OTHER FILES
//   The Home Office CSP table is built from the same monthly counts (all rows in a CSP's
//   LSOAs, both forces, ASB excluded), summed per quarter and split across 17 real Home
//   Office offence codes (as used 2013-17) by fixed shares, so it adds up exactly to the
//   police.uk rows. Six further fictional CSPs (no police.uk files; "Northshire" and
//   "Southmoor" forces) complete a small most-similar group. The
//   population, measures (reoffending, first-time entrants, hidden crime, treatment,
//   national recorded crime) and workspace files are small tables built from explicit
//   levels and trends plus seeded noise; see data/demo/SOURCES.md.
//
// DETERMINISM: every stream of random numbers is an sfc32 generator seeded by hashing
// (xmur3) the seed and a key such as "crime|C|2015-07", so one part can change without
// disturbing the others (scripts/lib/synth.mjs). No clocks, no locale-dependent formatting.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng, cumulative, cmp, csvField, csvLine, writeFile, POLICE_UK_HEADER } from './lib/synth.mjs';
import { fitPointsToLsoas, writePlaces } from './demo/places.mjs';
import { writeEthnicity, writeStopSearch } from './demo/stop-search.mjs';
import { writeFingertips } from './demo/fingertips.mjs';
import { writeOutcomes } from './demo/outcomes.mjs';

// ---------------------------------------------------------------- arguments

const DEFAULT_SEED = 20170331;

function parseArgs(argv) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const opts = { out: path.resolve(here, '..', 'data', 'demo'), seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--out') opts.out = path.resolve(value());
    else if (flag === '--seed') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error('--seed must be a non-negative integer');
      opts.seed = Number(v);
    } else if (flag === '--help' || flag === '-h') {
      process.stdout.write('usage: node scripts/generate-demo.mjs [--out data/demo] [--seed N]\n');
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  return opts;
}

// ---------------------------------------------------------------- seeded random numbers

// Rng, cumulative, cmp and the CSV helpers live in ./lib/synth.mjs, shared with bench/generate.mjs.
// Every stream is new Rng(SEED, key); SEED is set from --seed in main().
let SEED = DEFAULT_SEED;

// ---------------------------------------------------------------- small helpers

function writeCsv(file, header, rows) {
  const text = [csvLine(header), ...rows.map(csvLine)].join('\n') + '\n';
  return writeFile(file, text);
}

const pad2 = (n) => String(n).padStart(2, '0');
const daysInMonth = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

// ---------------------------------------------------------------- calendar

const FIRST_YEAR = 2013; // April 2013 ...
const N_MONTHS = 48; // ... to March 2017
const MONTHS = Array.from({ length: N_MONTHS }, (_, i) => {
  const year = FIRST_YEAR + Math.floor((i + 3) / 12);
  const month = ((i + 3) % 12) + 1;
  return { i, year, month, ym: `${year}-${pad2(month)}`, fy: FIRST_YEAR + Math.floor(i / 12), q: Math.floor((i % 12) / 3) + 1 };
});
const FYS = [2013, 2014, 2015, 2016];
const fyLabel = (y) => `${y}/${pad2((y + 1) % 100)}`;
const fyStart = (y) => `${y}-04-01`;
const fyEnd = (y) => `${y + 1}-03-31`;
function quarterPeriod(fy, q) {
  const startMonth = 4 + (q - 1) * 3; // 4, 7, 10, 13
  const y = startMonth > 12 ? fy + 1 : fy;
  const m = startMonth > 12 ? startMonth - 12 : startMonth;
  const endM = m + 2;
  return { start: `${y}-${pad2(m)}-01`, end: `${y}-${pad2(endM)}-${pad2(daysInMonth(y, endM))}` };
}

// ---------------------------------------------------------------- areas

const FORCES = {
  midshire: { name: 'Midshire Police', hoName: 'Midshire', slug: 'midshire', eol: '\n' },
  westshire: { name: 'Westshire Police', hoName: 'Westshire', slug: 'westshire', eol: '\r\n' },
};

const AREAS = {
  C: { key: 'C', code: 'E08099001', name: 'Castlebridge', force: 'midshire', nLsoa: 160, lsoaStart: 99001, centre: [-1.842, 52.781], radius: [0.105, 0.066], scale: 1 },
  H: { key: 'H', code: 'E08099002', name: 'Hollinbury', force: 'midshire', nLsoa: 110, lsoaStart: 99301, centre: [-1.603, 52.818], radius: [0.088, 0.056], scale: 0.6, steep: 0.6 },
  W: { key: 'W', code: 'E08099003', name: 'Westbrook', force: 'westshire', nLsoa: 90, lsoaStart: 99601, centre: [-2.086, 52.754], radius: [0.092, 0.06], scale: 0.62, steep: 0.8 },
};
const AREA_KEYS = ['C', 'H', 'W'];

// Most-similar-group CSPs that appear only in the Home Office table (and population).
const OTHER_CSPS = [
  { code: 'E08099004', name: 'Brackenford', force: 'Northshire', pop: 246300, young: 0.101, level: 0.95 },
  { code: 'E08099005', name: 'Dunmere', force: 'Northshire', pop: 211800, young: 0.097, level: 0.84 },
  { code: 'E08099006', name: 'Eastholme', force: 'Southmoor', pop: 298400, young: 0.104, level: 1.12 },
  { code: 'E08099007', name: 'Wrenfield', force: 'Southmoor', pop: 276200, young: 0.102, level: 1.02 },
  // Two more, so that Castlebridge's most similar group has eight members besides itself (config area.peers).
  // Their population rows come from their own stream ('population|msg'), so the others' figures are unchanged.
  { code: 'E08099008', name: 'Harrowgate Vale', force: 'Northshire', pop: 233900, young: 0.099, level: 0.9, own: true },
  { code: 'E08099009', name: 'Kingsferry', force: 'Southmoor', pop: 262700, young: 0.103, level: 1.18, own: true },
];

// ---------------------------------------------------------------- crime types and the model

const ASB = 'Anti-social behaviour';
// base = Castlebridge expected count in 2013/14; growth a year; seasonal amp and peak month;
// sd = extra month-to-month noise; sp = spatial profile [a, b, core, retail]:
// weight = lsoaBase * (a + b * deprivation) * (core ? core : 1) * (retail ? retail : 1)
const MODEL = {
  [ASB]: { base: 9600, growth: 0.94, amp: 0.18, peak: 7, sd: 0.03, sp: [0.4, 1.6, 4, 1.5], h: 0.62, w: 0.6 },
  'Bicycle theft': { base: 550, growth: 0.98, amp: 0.30, peak: 7, sd: 0.06, sp: [0.6, 0.5, 4, 2], h: 0.55, w: 0.6 },
  'Burglary': { base: 2200, growth: 0.92, amp: 0.10, peak: 12, sd: 0.04, sp: [0.6, 1.0, 1.5, 1], h: 0.72, w: 0.68 },
  'Criminal damage and arson': { base: 2800, growth: 1.0, amp: 0.06, peak: 10, sd: 0.04, sp: [0.4, 1.6, 2.5, 1.5], h: 0.62, w: 0.62 },
  'Drugs': { base: 900, growth: 0.95, amp: 0.05, peak: 6, sd: 0.08, sp: [0.3, 1.7, 5, 1], h: 0.55, w: 0.6 },
  'Other crime': { base: 300, growth: 1.10, amp: 0.0, peak: 7, sd: 0.06, sp: [0.6, 1.0, 3, 1], h: 0.6, w: 0.6 },
  'Other theft': { base: 2700, growth: 0.99, amp: 0.06, peak: 8, sd: 0.03, sp: [0.7, 0.6, 6, 3], h: 0.6, w: 0.62 },
  'Possession of weapons': { base: 80, growth: 1.20, amp: 0.05, peak: 7, sd: 0.05, sp: [0.3, 1.7, 5, 1], h: 0.5, w: 0.55 },
  'Public order': { base: 1200, growth: 1.15, amp: 0.08, peak: 7, sd: 0.04, sp: [0.5, 1.5, 7, 1.5], h: 0.55, w: 0.6 },
  'Robbery': { base: 230, growth: 1.0, amp: 0.05, peak: 12, sd: 0.15, sp: [0.3, 1.7, 6, 2], h: 0.45, w: 0.5 },
  'Shoplifting': { base: 2100, growth: 1.06, amp: 0.06, peak: 12, sd: 0.04, sp: [0.3, 0.3, 30, 12], h: 0.5, w: 0.58 },
  'Theft from the person': { base: 380, growth: 1.0, amp: 0.08, peak: 12, sd: 0.06, sp: [0.4, 0.3, 20, 3], h: 0.35, w: 0.45 },
  'Vehicle crime': { base: 1900, growth: 0.97, amp: 0.06, peak: 11, sd: 0.04, sp: [0.7, 0.8, 2.5, 3], h: 0.7, w: 0.66 },
  'Violence and sexual offences': { base: 5200, growth: 1.08, amp: 0.08, peak: 7, sd: 0.015, sp: [0.5, 1.5, 7, 1.5], h: 0.56, w: 0.62 },
};
const TYPES = Object.keys(MODEL).sort(cmp); // the 14 police.uk types, alphabetical
const CRIME_TYPES = TYPES.filter((t) => t !== ASB);
const slug = (t) => t.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const SPECIAL_CAUSE = { area: 'C', type: 'Criminal damage and arson', ym: '2016-11', factor: 1.6 };

function expectedCount(areaKey, type, mo) {
  const area = AREAS[areaKey];
  const m = MODEL[type];
  const base = areaKey === 'C' ? m.base : m.base * (areaKey === 'H' ? m.h : m.w);
  const growth = areaKey === 'C' ? m.growth : 1 + (m.growth - 1) * area.steep;
  const t = (mo.i - 5.5) / 12;
  const season = 1 + m.amp * Math.cos((2 * Math.PI * (mo.month - m.peak)) / 12);
  const days = daysInMonth(mo.year, mo.month) / 30.4375;
  let lambda = (base / 12) * Math.pow(growth, t) * season * days;
  if (areaKey === SPECIAL_CAUSE.area && type === SPECIAL_CAUSE.type && mo.ym === SPECIAL_CAUSE.ym) lambda *= SPECIAL_CAUSE.factor;
  return lambda;
}

// ---------------------------------------------------------------- outcomes (police.uk strings, 2013-17)

const O = {
  ns: 'Investigation complete; no suspect identified',
  up: 'Unable to prosecute suspect',
  ui: 'Under investigation',
  await: 'Awaiting court outcome',
  caution: 'Offender given a caution',
  lr: 'Local resolution',
  pnd: 'Offender given penalty notice',
  dpw: 'Offender given a drugs possession warning',
  fnpi: 'Formal action is not in the public interest',
  finpi: 'Further investigation is not in the public interest',
  fanpi: 'Further action is not in the public interest',
  org: 'Action to be taken by another organisation',
  status: 'Status update unavailable',
  another: 'Suspect charged as part of another case',
};
const COURT = {
  'Offender sent to prison': 'prison',
  'Offender given suspended prison sentence': 'susp',
  'Offender given community sentence': 'comm',
  'Offender fined': 'fine',
  'Offender given conditional discharge': 'cd',
  'Offender ordered to pay compensation': 'comp',
  'Offender otherwise dealt with': 'other',
  'Defendant found not guilty': 'ng',
  'Court case unable to proceed': 'utp',
  'Court result unavailable': 'cru',
  'Defendant sent to Crown Court': 'crown',
};
const COURT_MIX = {
  serious: { prison: 30, susp: 15, comm: 14, fine: 3, cd: 3, comp: 2, other: 2, ng: 10, utp: 7, cru: 8, crown: 6 },
  violent: { prison: 14, susp: 14, comm: 20, fine: 9, cd: 8, comp: 6, other: 3, ng: 11, utp: 7, cru: 6, crown: 2 },
  minor: { prison: 8, susp: 8, comm: 20, fine: 24, cd: 15, comp: 6, other: 4, ng: 4, utp: 4, cru: 6, crown: 1 },
};
// resolved-outcome weights per type (before the "as of April 2017" ageing is applied)
const OUTCOME_PROFILE = {
  'Bicycle theft': { w: { ns: 86, up: 5, caution: 1, lr: 1, org: 0.5, status: 2, another: 0.5, court: 4 }, mix: 'minor' },
  'Burglary': { w: { ns: 72, up: 10, caution: 1, lr: 0.5, org: 0.5, status: 2, another: 4, court: 10 }, mix: 'serious' },
  'Criminal damage and arson': { w: { ns: 56, up: 18, caution: 4, lr: 8, fnpi: 1, finpi: 1, org: 1.5, status: 2, another: 0.5, court: 8 }, mix: 'minor' },
  'Drugs': { w: { ns: 3, up: 8, caution: 14, lr: 10, pnd: 7, dpw: 24, fnpi: 2, fanpi: 1, status: 2, another: 1, court: 28 }, mix: 'minor' },
  'Other crime': { w: { ns: 18, up: 28, caution: 6, lr: 3, fnpi: 2, finpi: 2, org: 5, status: 2, another: 2, court: 32 }, mix: 'violent' },
  'Other theft': { w: { ns: 63, up: 14, caution: 3, lr: 4, fnpi: 1, org: 1.5, status: 2, another: 1.5, court: 10 }, mix: 'minor' },
  'Possession of weapons': { w: { ns: 2, up: 10, caution: 12, lr: 3, fnpi: 2, status: 2, another: 2, court: 67 }, mix: 'violent' },
  'Public order': { w: { ns: 20, up: 36, caution: 6, lr: 8, pnd: 4, fnpi: 2, finpi: 2, org: 2, status: 2, another: 1, court: 17 }, mix: 'minor' },
  'Robbery': { w: { ns: 46, up: 20, caution: 1, lr: 1, org: 1, status: 2, another: 3, court: 26 }, mix: 'serious' },
  'Shoplifting': { w: { ns: 38, up: 8, caution: 6, lr: 8, pnd: 5, fnpi: 1, org: 1, status: 2, another: 2, court: 29 }, mix: 'minor' },
  'Theft from the person': { w: { ns: 80, up: 9, caution: 1, lr: 1, status: 2, another: 1, court: 6 }, mix: 'violent' },
  'Vehicle crime': { w: { ns: 84, up: 5, caution: 1, lr: 0.5, org: 0.5, status: 2, another: 2, court: 5 }, mix: 'minor' },
  'Violence and sexual offences': { w: { ns: 11, up: 47, caution: 6, lr: 5, fnpi: 1.5, finpi: 1, org: 2.5, status: 2, another: 0.5, court: 18.5 }, mix: 'violent' },
};
const OUTCOME_TABLE = {};
for (const [type, prof] of Object.entries(OUTCOME_PROFILE)) {
  const names = [];
  const weights = [];
  for (const [k, w] of Object.entries(prof.w)) {
    if (k === 'court') {
      const mix = COURT_MIX[prof.mix];
      const total = Object.values(mix).reduce((a, b) => a + b, 0);
      for (const [label, code] of Object.entries(COURT)) {
        names.push(label);
        weights.push((w * mix[code]) / total);
      }
    } else {
      names.push(O[k]);
      weights.push(w);
    }
  }
  OUTCOME_TABLE[type] = { names, cum: cumulative(weights) };
}

function drawOutcome(rng, type, age) {
  if (type === ASB) return '';
  if (rng.next() < 0.015 + 0.45 * Math.exp(-age / 1.3)) return O.ui;
  const tab = OUTCOME_TABLE[type];
  const name = tab.names[rng.weighted(tab.cum)];
  if (COURT[name] && rng.next() < Math.exp(-age / 4)) return O.await;
  return name;
}

// ---------------------------------------------------------------- geography

const STREET_STEMS = [
  'Mill', 'Church', 'Station', 'Park', 'Victoria', 'Albert', "Queen's", "King's", 'Oak', 'Elm', 'Ash', 'Beech',
  'Willow', 'Chestnut', 'Hawthorn', 'Meadow', 'Brook', 'Bridge', 'Castle', 'Abbey', 'Priory', 'Manor', 'Grange',
  'Orchard', 'Highfield', 'Westfield', 'Springfield', 'Fairfield', 'Greenway', 'Hill', 'Valley', 'Ridge', 'Canal',
  'Wharf', 'Market', 'Cross', 'Chapel', 'Vicarage', 'Rectory', 'School', 'Forge', 'Tannery', 'Foundry', 'Kiln',
  'Lime', 'Cedar', 'Holly', 'Rowan', 'Laurel', 'Heather', 'Foxglove', 'Primrose', 'Bluebell', 'Lark', 'Swallow',
  'Kingfisher', 'Heron', 'Badger', "St John's", "St Mary's", "St Peter's", 'Wellington', 'Nelson', 'Jubilee',
  'Coronation', 'Windsor', 'Balmoral', 'Sandown', 'Hollins', 'Castlegate', 'Ferry', 'Tollgate', 'Maltings',
  'Brewery', 'Ropewalk', 'Saxon', 'Norman', 'Tudor', 'Stuart', 'Mercia', 'Derwent', 'Severn', 'Tame', 'Dove',
  'Linden', 'Poplar', 'Sycamore', 'Hazel', 'Alder', 'Birch', 'Juniper', 'Thistle', 'Clover', 'Bramble',
  'Moorland', 'Heath', 'Common', 'Green', 'Pinfold', 'Pool', 'Marsh', 'Stone', 'Quarry', 'Colliery', 'Furnace',
];
const STREET_SUFFIXES = ['Road', 'Street', 'Lane', 'Avenue', 'Close', 'Drive', 'Way', 'Crescent', 'Grove', 'Gardens',
  'Place', 'Court', 'Walk', 'Rise', 'View', 'Terrace', 'Mews', 'Row'];
const COMMA_QUALIFIERS = ['Upper', 'Lower', 'North', 'South', 'East', 'West'];
const CORE_SPECIALS = ['Shopping Area', 'Nightclub', 'Supermarket', 'Parking Area', 'Bus/Coach Station',
  'Theatre/Concert Hall', 'Police Station', 'Pedestrian Subway'];
const SUBURB_SPECIALS = [
  ['Supermarket', 0.22], ['Parking Area', 0.2], ['Sports/Recreation Area', 0.15], ['Park/Open Space', 0.15],
  ['Petrol Station', 0.06], ['Further/Higher Educational Building', 0.03], ['Hospital', 0.015],
];
// map-point preferences by crime type (multiplies the point's weight)
const POINT_PREF = {
  'Shoplifting': { 'Supermarket': 25, 'Shopping Area': 25, 'Petrol Station': 8 },
  'Vehicle crime': { 'Parking Area': 10, 'Supermarket': 2 },
  'Violence and sexual offences': { 'Nightclub': 6, 'Shopping Area': 2 },
  'Public order': { 'Nightclub': 5, 'Shopping Area': 2 },
  'Theft from the person': { 'Nightclub': 5, 'Shopping Area': 5, 'Bus/Coach Station': 4 },
  [ASB]: { 'Park/Open Space': 4, 'Shopping Area': 2, 'Sports/Recreation Area': 2 },
  'Bicycle theft': { 'Further/Higher Educational Building': 8, 'Bus/Coach Station': 4, 'Sports/Recreation Area': 2 },
  'Criminal damage and arson': { 'Park/Open Space': 2, 'Parking Area': 2 },
};

function buildGeography(area) {
  const rng = new Rng(SEED, `geo|${area.key}`);
  const [cx, cy] = area.centre;
  const [rx, ry] = area.radius;
  const nMsoa = Math.round(area.nLsoa / 5);
  // MSOA centroids: the first one is the town centre
  const msoas = [];
  for (let k = 0; k < nMsoa; k++) {
    if (k === 0) { msoas.push({ x: cx, y: cy, centre: true, dep: 0.85 }); continue; }
    let x; let y; let d;
    do {
      const r = Math.sqrt(rng.next());
      const a = rng.next() * 2 * Math.PI;
      x = cx + rx * r * Math.cos(a);
      y = cy + ry * r * Math.sin(a);
      d = Math.hypot((x - cx) / rx, (y - cy) / ry);
    } while (d < 0.15);
    msoas.push({ x, y, centre: false, dep: Math.min(0.95, Math.max(0.05, 0.75 - 0.55 * d + 0.3 * (rng.next() - 0.5) + (rng.next() < 0.15 ? 0.3 : 0))) });
  }
  // real MSOA numbers run roughly north to south
  msoas.sort((a, b) => b.y - a.y || a.x - b.x);
  const sizes = msoas.map(() => 5);
  let diff = area.nLsoa - 5 * nMsoa;
  while (diff !== 0) {
    const k = rng.int(nMsoa);
    if (diff > 0 && sizes[k] < 6) { sizes[k]++; diff--; } else if (diff < 0 && sizes[k] > 4) { sizes[k]--; diff++; }
  }
  for (let s = 0; s < 40; s++) { // shuffle sizes a little, keep totals
    const a = rng.int(nMsoa); const b = rng.int(nMsoa);
    if (sizes[a] < 6 && sizes[b] > 4) { sizes[a]++; sizes[b]--; }
  }
  const stems = rng.shuffle(STREET_STEMS.slice());
  const streetPool = [];
  for (const stem of stems) for (const suf of rng.shuffle(STREET_SUFFIXES.slice()).slice(0, 4)) streetPool.push(`${stem} ${suf}`);
  rng.shuffle(streetPool);
  let streetCursor = 0;

  const lsoas = [];
  let coreCount = 0;
  msoas.forEach((ms, k) => {
    for (let j = 0; j < sizes[k]; j++) {
      const spread = ms.centre ? 0.45 : 1;
      const x = ms.x + (rng.next() - 0.5) * 0.024 * spread;
      const y = ms.y + (rng.next() - 0.5) * 0.016 * spread;
      const core = ms.centre && j < 3;
      if (core) coreCount++;
      const dep = Math.min(0.98, Math.max(0.02, ms.dep + 0.25 * (rng.next() - 0.5)));
      const nPoints = core ? 22 + rng.int(9) : 8 + rng.int(11);
      const points = [];
      const specials = core ? CORE_SPECIALS.slice() : SUBURB_SPECIALS.filter(([, p]) => rng.next() < p).map(([s]) => s);
      for (let p = 0; p < nPoints; p++) {
        let label;
        let special = false;
        if (p < specials.length) { label = specials[p]; special = true; } else {
          label = streetPool[streetCursor++ % streetPool.length];
          if (rng.next() < 0.012) label = `${label}, ${rng.pick(COMMA_QUALIFIERS)}`;
        }
        const px = x + (rng.next() - 0.5) * (core ? 0.006 : 0.011);
        const py = y + (rng.next() - 0.5) * (core ? 0.004 : 0.0075);
        points.push({ label, special, lon: px.toFixed(6), lat: py.toFixed(6), w: rng.lognormal(0.6) });
      }
      lsoas.push({
        area: area.key,
        name: `${area.name} ${String(k + 1).padStart(3, '0')}${String.fromCharCode(65 + j)}`,
        code: `E01${String(area.lsoaStart + lsoas.length).padStart(6, '0')}`,
        x, y, dep, core, retail: false, base: rng.lognormal(0.45), points,
      });
    }
  });
  // one retail-park LSOA outside the centre, with a supermarket and a big car park
  const candidates = lsoas.filter((l) => !l.core && l.dep < 0.6);
  const retail = candidates[rng.int(candidates.length)];
  retail.retail = true;
  for (const s of ['Supermarket', 'Parking Area', 'Shopping Area']) {
    if (!retail.points.some((p) => p.label === s)) retail.points.unshift({ label: s, special: true, lon: retail.points[0].lon, lat: retail.points[0].lat, w: 2 });
  }
  // crime-type weights over LSOAs, and over points inside each LSOA
  const lsoaCum = {};
  for (const type of TYPES) {
    const [a, b, core, ret] = MODEL[type].sp;
    lsoaCum[type] = cumulative(lsoas.map((l) => l.base * (a + b * l.dep) * (l.core ? core : 1) * (l.retail ? ret : 1)
      * (type === 'Shoplifting' && l.points.some((p) => p.label === 'Supermarket') ? 3 : 1)));
  }
  for (const l of lsoas) {
    l.pointCum = {};
    for (const type of TYPES) {
      const pref = POINT_PREF[type] || {};
      l.pointCum[type] = cumulative(l.points.map((p) => p.w * (pref[p.label] || 1)));
    }
  }
  if (coreCount !== 3) throw new Error('geography: expected 3 core LSOAs');
  return { lsoas, lsoaCum };
}

// ---------------------------------------------------------------- police.uk files

function generatePoliceUk(outDir, geo) {
  const crimeDir = path.join(outDir, 'crime', 'police-uk');
  // border LSOAs: Castlebridge's 10 westmost (some recorded by Westshire),
  // Westbrook's 8 eastmost (some recorded by Midshire)
  const cBorder = new Set(geo.C.lsoas.slice().sort((a, b) => a.x - b.x).slice(0, 10).map((l) => l.code));
  const wBorder = new Set(geo.W.lsoas.slice().sort((a, b) => b.x - a.x).slice(0, 8).map((l) => l.code));
  // counts[areaKey][type][monthIndex], all rows located in the area's LSOAs (either force)
  const counts = {};
  for (const a of AREA_KEYS) { counts[a] = {}; for (const t of TYPES) counts[a][t] = new Array(N_MONTHS).fill(0); }
  const stats = { files: 0, bytes: 0, rows: { midshire: 0, westshire: 0 }, noLocation: 0, crossBorder: { CtoW: 0, WtoM: 0 } };
  const rowsByArea = { C: 0, H: 0, W: 0 };

  for (const mo of MONTHS) {
    const age = N_MONTHS - 1 - mo.i;
    const files = { midshire: [], westshire: [] };
    for (const a of AREA_KEYS) {
      const rng = new Rng(SEED, `crime|${a}|${mo.ym}`);
      const { lsoas, lsoaCum } = geo[a];
      for (const type of TYPES) {
        const lambda = expectedCount(a, type, mo) * rng.lognormal(MODEL[type].sd);
        const n = rng.poisson(lambda);
        counts[a][type][mo.i] += n;
        rowsByArea[a] += n;
        for (let k = 0; k < n; k++) {
          const lsoa = lsoas[rng.weighted(lsoaCum[type])];
          const point = lsoa.points[rng.weighted(lsoa.pointCum[type])];
          const outcome = drawOutcome(rng, type, age);
          const id = type === ASB ? '' : rng.hex64();
          let force = AREAS[a].force;
          if (a === 'C' && cBorder.has(lsoa.code) && rng.next() < 0.1) { force = 'westshire'; stats.crossBorder.CtoW++; }
          if (a === 'W' && wBorder.has(lsoa.code) && rng.next() < 0.05) { force = 'midshire'; stats.crossBorder.WtoM++; }
          files[force].push({ key: `${lsoa.name}\u0000${type}`, id, type, outcome, lon: point.lon, lat: point.lat, location: `On or near ${point.label}`, lsoa });
        }
      }
    }
    for (const f of ['midshire', 'westshire']) {
      const force = FORCES[f];
      const rows = files[f];
      // No Location rows: crimes the force could not place (never ASB), ~0.7%
      const rng = new Rng(SEED, `noloc|${f}|${mo.ym}`);
      const crimes = rows.filter((r) => r.type !== ASB);
      const nNo = rng.poisson(crimes.length * 0.007);
      for (let k = 0; k < nNo; k++) {
        const type = crimes[rng.int(crimes.length)].type;
        rows.push({ key: `\uffff${type}`, id: rng.hex64(), type, outcome: drawOutcome(rng, type, age), lon: '', lat: '', location: 'No Location', lsoa: null });
      }
      stats.noLocation += nNo;
      // real files: sorted by LSOA name then crime type; No Location rows last
      const order = rows.map((r, idx) => idx);
      order.sort((x, y) => cmp(rows[x].key, rows[y].key) || x - y);
      const lines = [POLICE_UK_HEADER];
      for (const idx of order) {
        const r = rows[idx];
        lines.push([r.id, mo.ym, force.name, force.name, r.lon, r.lat, csvField(r.location), r.lsoa ? r.lsoa.code : '', r.lsoa ? r.lsoa.name : '', r.type, csvField(r.outcome), ''].join(','));
      }
      const text = lines.join(force.eol) + force.eol;
      const file = path.join(crimeDir, mo.ym, `${mo.ym}-${force.slug}-street.csv`);
      stats.bytes += writeFile(file, text);
      stats.files++;
      stats.rows[f] += rows.length;
    }
  }
  stats.rowsByArea = rowsByArea;
  return { counts, stats };
}

// ---------------------------------------------------------------- population

function buildPopulation() {
  const rng = new Rng(SEED, 'population');
  const years = [2012, 2013, 2014, 2015, 2016, 2017];
  const jitter = (v, rel) => Math.round(v * (1 + rel * (rng.next() - 0.5)));
  const rows = [];
  const pop = {}; // pop[code][year] = { all, young }
  const add = (code, name, all, young) => {
    pop[code] = {};
    years.forEach((y, k) => {
      pop[code][y] = { all: all[k], young: young[k] };
      rows.push([code, name, y, 'all', all[k]]);
      rows.push([code, name, y, '10-17', young[k]]);
    });
  };
  // local areas: small steady growth; the 10-17 group dips to 2015 then recovers
  const youngShape = [1.0, 0.987, 0.976, 0.972, 0.978, 0.989];
  const local = [
    [AREAS.C.code, AREAS.C.name, 257400, 0.0055, 26600],
    [AREAS.H.code, AREAS.H.name, 178600, 0.0045, 17900],
    [AREAS.W.code, AREAS.W.name, 174200, 0.0040, 17300],
    ...OTHER_CSPS.filter((c) => !c.own).map((c) => [c.code, c.name, Math.round(c.pop / 1.011), 0.0045, Math.round((c.pop / 1.011) * c.young)]),
  ];
  for (const [code, name, base, g, young] of local) {
    add(code, name, years.map((y, k) => jitter(base * Math.pow(1 + g, k), 0.0006)), years.map((y, k) => jitter(young * youngShape[k], 0.004)));
  }
  const msgRng = new Rng(SEED, 'population|msg');
  const msgJitter = (v, rel) => Math.round(v * (1 + rel * (msgRng.next() - 0.5)));
  for (const c of OTHER_CSPS.filter((o) => o.own)) {
    const base = Math.round(c.pop / 1.011);
    add(c.code, c.name, years.map((y, k) => msgJitter(base * Math.pow(1.0045, k), 0.0006)), years.map((y, k) => msgJitter(base * c.young * youngShape[k], 0.004)));
  }
  // national: of the right order of magnitude, not the published estimates
  const ewAll = [56570000, 56950000, 57410000, 57890000, 58380000, 58750000].map((v) => jitter(v, 0.0002));
  const ewYoung = [5781000, 5712000, 5664000, 5651000, 5688000, 5759000].map((v) => jitter(v, 0.0004));
  add('K04000001', 'England and Wales', ewAll, ewYoung);
  add('E92000001', 'England', ewAll.map((v) => jitter(v * 0.9449, 0.0002)), ewYoung.map((v) => jitter(v * 0.9462, 0.0004)));
  return { rows, pop };
}

// ---------------------------------------------------------------- measures

const MEASURE_HEADER = ['indicator', 'area_code', 'area_name', 'period_start', 'period_end', 'numerator', 'denominator', 'reoffences', 'status'];
const CB = { code: AREAS.C.code, name: AREAS.C.name };
const EW = { code: 'K04000001', name: 'England and Wales' };
const EN = { code: 'E92000001', name: 'England' };
const mrow = (indicator, area, start, end, num, den = '', reoff = '', status = '') => [indicator, area.code, area.name, start, end, num, den, reoff, status];

function buildReoffending() {
  const rows = [];
  // cohorts Apr 2012 .. Mar 2016 (16 quarters); the latest four are provisional
  const quarters = [];
  for (const fy of [2012, 2013, 2014, 2015]) for (let q = 1; q <= 4; q++) quarters.push({ fy, q, ...quarterPeriod(fy, q) });
  const series = [
    // indicator, area, cohort at start, cohort change a year, rate at start, rate change a year, reoffences per reoffender, change a year
    ['reoffending.adult', EW, 112500, -0.025, 0.279, 0.002, 3.85, 0.06, 'ew-adult'],
    ['reoffending.adult', CB, 560, -0.02, 0.301, 0.002, 3.95, 0.05, 'cb-adult'],
    ['reoffending.youth', EW, 10900, -0.12, 0.368, 0.012, 3.75, 0.1, 'ew-youth'],
    ['reoffending.youth', CB, 68, -0.13, 0.375, 0.01, 3.7, 0.1, 'cb-youth'],
  ];
  for (const [indicator, area, cohort0, dCohort, rate0, dRate, per0, dPer, key] of series) {
    const rng = new Rng(SEED, `reoffending|${key}`);
    quarters.forEach((qq, k) => {
      const t = k / 4;
      const local = area === CB;
      const offenders = Math.max(1, Math.round(cohort0 * Math.pow(1 + dCohort, t) * (1 + (local ? 0.08 : 0.02) * rng.normal())));
      const rate = rate0 + dRate * t + (local ? 0 : 0.002 * rng.normal());
      const reoffenders = local ? rng.binomial(offenders, rate) : Math.round(offenders * rate);
      const per = per0 + dPer * t + (local ? 0.25 : 0.03) * rng.normal();
      const reoffences = Math.round(reoffenders * per);
      rows.push(mrow(indicator, area, qq.start, qq.end, reoffenders, offenders, reoffences, qq.fy === 2015 ? 'p' : ''));
    });
  }
  return rows;
}

function buildFte(pop) {
  const rows = [];
  const rng = new Rng(SEED, 'fte');
  const years = [2012, 2013, 2014, 2015, 2016];
  const cb = [131, 118, 104, 95, 83];
  const ew = [27900, 22400, 20600, 18400, 16600];
  years.forEach((y, k) => {
    const status = y === 2016 ? 'p' : '';
    rows.push(mrow('fte.youth', CB, fyStart(y), fyEnd(y), cb[k] + rng.int(5) - 2, pop[CB.code][y].young, '', y === 2014 ? 'r' : status));
    rows.push(mrow('fte.youth', EW, fyStart(y), fyEnd(y), Math.round(ew[k] * (1 + 0.01 * (rng.next() - 0.5))), pop[EW.code][y].young, '', status));
  });
  return rows;
}

function buildHiddenCrime(pop) {
  const rows = [];
  const quarters = [];
  for (const fy of FYS) for (let q = 1; q <= 4; q++) quarters.push({ fy, q, ...quarterPeriod(fy, q) });
  // indicator, quarterly level at Q1 2013/14, growth a year, seasonal factors by quarter
  const series = [
    ['hidden.domestic-abuse', 800, 1.07, [1.0, 1.06, 0.98, 0.96]],
    ['hidden.hate-crime', 63, 1.17, [1.0, 1.05, 0.97, 0.98]],
    ['hidden.modern-slavery', 3.3, 1.25, [1, 1, 1, 1]],
    ['hidden.forced-marriage', 1.6, 1.05, [1, 1.4, 0.8, 0.8]],
    ['hidden.honour-based-abuse', 2.4, 1.1, [1, 1.2, 0.9, 0.9]],
    ['hidden.fgm', 0.25, 1.1, [1, 1, 1, 1]],
  ];
  // suppressed at source: forced marriage Oct-Dec 2014 and FGM Apr-Jun 2015 ([c]);
  // honour-based abuse Jan-Mar 2014 from an older table that used '*'
  const suppressed = { 'hidden.forced-marriage|2014|3': '[c]', 'hidden.fgm|2015|1': '[c]', 'hidden.honour-based-abuse|2013|4': '*' };
  for (const [indicator, level, growth, season] of series) {
    const rng = new Rng(SEED, `hidden|${indicator}`);
    quarters.forEach((qq, k) => {
      let lambda = level * Math.pow(growth, k / 4) * season[qq.q - 1];
      if (indicator === 'hidden.hate-crime' && qq.fy === 2016 && qq.q === 2) lambda *= 1.45; // after the June 2016 referendum
      if (indicator === 'hidden.forced-marriage') lambda = Math.min(lambda, 3.2);
      let n = rng.poisson(lambda * rng.lognormal(indicator === 'hidden.domestic-abuse' ? 0.03 : 0.08));
      if (indicator === 'hidden.forced-marriage') n = Math.min(n, 6);
      const mark = suppressed[`${indicator}|${qq.fy}|${qq.q}`];
      rows.push(mrow(indicator, CB, qq.start, qq.end, mark ?? n, '', '', ''));
    });
  }
  // England and Wales, per financial year, with the population as denominator
  const rng = new Rng(SEED, 'hidden|ew');
  const ewDa = [887000, 943000, 1027000, 1089000];
  const ewHate = [44500, 52500, 62500, 80400];
  FYS.forEach((y, k) => {
    rows.push(mrow('hidden.domestic-abuse', EW, fyStart(y), fyEnd(y), Math.round(ewDa[k] * (1 + 0.004 * (rng.next() - 0.5))), pop[EW.code][y].all));
  });
  FYS.forEach((y, k) => {
    rows.push(mrow('hidden.hate-crime', EW, fyStart(y), fyEnd(y), Math.round(ewHate[k] * (1 + 0.004 * (rng.next() - 0.5))), pop[EW.code][y].all));
  });
  return rows;
}

function buildTreatment() {
  const rows = [];
  const rng = new Rng(SEED, 'treatment');
  // numbers in treatment (opiate + non-opiate), successful completions rate, re-presentation rate
  const cb = { inTx: [1350, 1322, 1296, 1268], comp: [0.166, 0.153, 0.141, 0.128], rep: [0.131, 0.149, 0.168, 0.182] };
  const en = { inTx: [188400, 184100, 180200, 176300], comp: [0.156, 0.153, 0.149, 0.145], rep: [0.115, 0.118, 0.121, 0.123] };
  for (const [area, s, noise] of [[CB, cb, 0.01], [EN, en, 0.001]]) {
    const comps = [];
    FYS.forEach((y, k) => {
      const inTx = Math.round(s.inTx[k] * (1 + noise * rng.normal()));
      const completions = Math.round(inTx * (s.comp[k] + noise * rng.normal()));
      comps.push(completions);
      rows.push(mrow('treatment.completions', area, fyStart(y), fyEnd(y), completions, inTx));
    });
    FYS.forEach((y, k) => {
      const reps = Math.round(comps[k] * (s.rep[k] + noise * 2 * rng.normal()));
      rows.push(mrow('treatment.re-presentations', area, fyStart(y), fyEnd(y), reps, comps[k]));
    });
  }
  return rows;
}

// England and Wales recorded crime by police.uk category, 2013/14 .. 2016/17 (thousands; of
// the right order of magnitude, not the published figures)
const NATIONAL_CRIME = {
  'Bicycle theft': [95, 91, 86, 90],
  'Burglary': [440, 412, 401, 430],
  'Criminal damage and arson': [555, 525, 550, 600],
  'Drugs': [200, 170, 151, 140],
  'Other crime': [60, 66, 78, 100],
  'Other theft': [520, 478, 470, 530],
  'Possession of weapons': [21, 22, 27, 33],
  'Public order': [160, 205, 265, 400],
  'Robbery': [58, 51, 51, 58],
  'Shoplifting': [320, 332, 340, 370],
  'Theft from the person': [90, 80, 84, 95],
  'Vehicle crime': [400, 368, 375, 430],
  'Violence and sexual offences': [760, 890, 1110, 1560],
};
const NATIONAL_ASB = [2190, 2030, 1900, 1790];

function buildNationalCrime(pop) {
  const rows = [];
  const rng = new Rng(SEED, 'national-crime');
  const totals = [0, 0, 0, 0];
  for (const type of CRIME_TYPES) {
    FYS.forEach((y, k) => {
      const n = Math.round(NATIONAL_CRIME[type][k] * 1000 * (1 + 0.01 * (rng.next() - 0.5)));
      totals[k] += n;
      rows.push(mrow(`recorded-crime.${slug(type)}`, EW, fyStart(y), fyEnd(y), n, pop[EW.code][y].all));
    });
  }
  FYS.forEach((y, k) => rows.push(mrow('recorded-crime.all', EW, fyStart(y), fyEnd(y), totals[k], pop[EW.code][y].all)));
  FYS.forEach((y, k) => rows.push(mrow('anti-social-behaviour', EW, fyStart(y), fyEnd(y), Math.round(NATIONAL_ASB[k] * 1000 * (1 + 0.01 * (rng.next() - 0.5))), pop[EW.code][y].all)));
  return rows;
}

// ---------------------------------------------------------------- Home Office CSP table

// [code, description, group, subgroup, police.uk type, share of that type]
const HO_OFFENCES = [
  ['8N', 'Assault with injury', 'Violence against the person', 'Violence with injury', 'Violence and sexual offences', 0.42],
  ['105A', 'Assault without injury', 'Violence against the person', 'Violence without injury', 'Violence and sexual offences', 0.51],
  ['20A', 'Sexual assault on a female aged 13 and over', 'Sexual offences', 'Other sexual offences', 'Violence and sexual offences', 0.07],
  ['34B', 'Robbery of personal property', 'Robbery', 'Robbery of personal property', 'Robbery', 1],
  ['28A', 'Burglary in a dwelling', 'Theft offences', 'Domestic burglary', 'Burglary', 0.56],
  ['30A', 'Burglary in a building other than a dwelling', 'Theft offences', 'Non-domestic burglary', 'Burglary', 0.44],
  ['45', 'Theft from a vehicle', 'Theft offences', 'Vehicle offences', 'Vehicle crime', 1],
  ['39', 'Theft from the person', 'Theft offences', 'Theft from the person', 'Theft from the person', 1],
  ['44', 'Theft or unauthorised taking of a pedal cycle', 'Theft offences', 'Bicycle theft', 'Bicycle theft', 1],
  ['46', 'Shoplifting', 'Theft offences', 'Shoplifting', 'Shoplifting', 1],
  ['49', 'Other theft', 'Theft offences', 'All other theft offences', 'Other theft', 1],
  ['58A', 'Criminal damage to a dwelling', 'Criminal damage and arson', 'Criminal damage', 'Criminal damage and arson', 0.5],
  ['58C', 'Criminal damage to a vehicle', 'Criminal damage and arson', 'Criminal damage', 'Criminal damage and arson', 0.5],
  ['92E', 'Possession of controlled drugs (cannabis)', 'Drug offences', 'Possession of drugs', 'Drugs', 1],
  ['10D', 'Possession of article with blade or point', 'Possession of weapons offences', 'Possession of weapons offences', 'Possession of weapons', 1],
  ['9A', 'Public fear, alarm or distress', 'Public order offences', 'Public order offences', 'Public order', 1],
  ['99', 'Other notifiable offences', 'Miscellaneous crimes against society', 'Miscellaneous crimes against society', 'Other crime', 1],
];

function buildHomeOffice(counts) {
  // per CSP: quarterly counts by police.uk type
  const csps = [];
  for (const a of AREA_KEYS) {
    const q = {};
    for (const t of CRIME_TYPES) {
      q[t] = new Array(16).fill(0);
      for (const mo of MONTHS) q[t][(mo.fy - FIRST_YEAR) * 4 + mo.q - 1] += counts[a][t][mo.i];
    }
    csps.push({ name: AREAS[a].name, force: FORCES[AREAS[a].force].hoName, q });
  }
  for (const c of OTHER_CSPS) {
    const rng = new Rng(SEED, `ho-model|${c.name}`);
    const q = {};
    for (const t of CRIME_TYPES) {
      const m = MODEL[t];
      const level = c.level * (c.pop / 260000) * rng.lognormal(0.15);
      const growth = 1 + (m.growth - 1) * rng.between(0.3, 1.3) + 0.02 * rng.normal();
      q[t] = new Array(16).fill(0);
      for (const mo of MONTHS) {
        const season = 1 + m.amp * Math.cos((2 * Math.PI * (mo.month - m.peak)) / 12);
        const lambda = (m.base / 12) * level * Math.pow(growth, (mo.i - 5.5) / 12) * season * rng.lognormal(m.sd);
        q[t][(mo.fy - FIRST_YEAR) * 4 + mo.q - 1] += rng.poisson(lambda);
      }
    }
    csps.push({ name: c.name, force: c.force, q });
  }
  const byType = {};
  for (const o of HO_OFFENCES) (byType[o[4]] ||= []).push(o);
  const rows = [];
  csps.sort((a, b) => cmp(a.force, b.force) || cmp(a.name, b.name));
  for (let k = 0; k < 16; k++) {
    const fy = FIRST_YEAR + Math.floor(k / 4);
    const qn = (k % 4) + 1;
    for (const csp of csps) {
      const rng = new Rng(SEED, `ho-split|${csp.name}|${k}`);
      const split = new Map();
      for (const t of CRIME_TYPES) {
        const offences = byType[t];
        const cum = cumulative(offences.map((o) => o[5]));
        const n = csp.q[t][k];
        const got = new Array(offences.length).fill(0);
        for (let i = 0; i < n; i++) got[offences.length === 1 ? 0 : rng.weighted(cum)]++;
        offences.forEach((o, j) => split.set(o[0], got[j]));
      }
      for (const o of HO_OFFENCES) rows.push([fyLabel(fy), qn, csp.force, csp.name, o[1], o[2], o[3], o[0], split.get(o[0])]);
    }
  }
  return rows;
}

// ---------------------------------------------------------------- workspace tables

const PLAN_REVIEW = [
  ['Night-time economy violence plan: taxi marshals, Best Bar None accreditation and street pastors in the town centre', 'Midshire Police / Castlebridge Council Licensing', 'violence-prevention', 'on-track', 'Taxi marshals every Friday and Saturday; 14 of 22 licensed venues accredited'],
  ['Knife crime education sessions in all secondary schools', 'Castlebridge Council Community Safety', 'violence-prevention', 'on-track', '9 of 12 schools visited by March 2017'],
  ['Weapons sweeps and test purchasing of knife retailers', 'Midshire Police', 'violence-prevention', 'complete', 'Two test-purchase operations; 1 retailer failed and was retrained'],
  ['Widen the Integrated Offender Management cohort to include violent offenders', 'Midshire Police / National Probation Service / CRC', 'reducing-reoffending', 'delayed', 'Awaiting agreement on the selection matrix with the CRC'],
  ['Youth triage and diversion at the point of arrest', 'Castlebridge Youth Offending Team', 'reducing-reoffending', 'complete', 'First-time entrants down for the fourth year running'],
  ['Review the substance misuse treatment pathway to improve successful completions', 'Public Health / Treatment Provider', 'reducing-reoffending', 'delayed', 'Provider re-procurement moved to 2017/18'],
  ['Extend the independent domestic violence adviser (IDVA) service to the hospital emergency department', 'Castlebridge Council Community Safety', 'reducing-victimisation', 'complete', 'Hospital IDVA in post since September 2016'],
  ['Implement the recommendations of the 2015 domestic homicide review', 'Domestic Abuse Partnership Board', 'reducing-victimisation', 'delayed', '3 of 7 recommendations outstanding; GP training module not yet commissioned'],
  ['Open two third-party hate crime reporting centres', 'Castlebridge Council Community Cohesion', 'reducing-victimisation', 'complete', 'Library and mosque centres open'],
  ['Modern slavery awareness training for frontline staff', 'Safeguarding Adults Board', 'reducing-victimisation', 'not-started', 'Waiting for the regional training package'],
  ['Target hardening for repeat and vulnerable burglary victims', 'Castlebridge Council / Fire and Rescue Service', 'reducing-victimisation', 'complete', '212 homes visited'],
  ['Review the ASB case review (community trigger) process and publish it', 'Castlebridge Council ASB Team', 'reducing-victimisation', 'complete', 'Published June 2016; 11 case reviews requested, 4 met the threshold'],
];
const CONSULTATION = [
  ['Anti-social behaviour', 38, 1214, 'Castlebridge Residents Survey 2016'],
  ['Drug dealing and drug use', 31, 1214, 'Castlebridge Residents Survey 2016'],
  ['Speeding and road safety', 29, 1214, 'Castlebridge Residents Survey 2016'],
  ['Burglary', 24, 1214, 'Castlebridge Residents Survey 2016'],
  ['Violence in the town centre at night', 22, 1214, 'Castlebridge Residents Survey 2016'],
  ['Litter, fly-tipping and graffiti', 21, 1214, 'Castlebridge Residents Survey 2016'],
  ['Vehicle crime', 17, 1214, 'Castlebridge Residents Survey 2016'],
  ['Domestic abuse', 12, 1214, 'Castlebridge Residents Survey 2016'],
  ['Shoplifting', 9, 1214, 'Castlebridge Residents Survey 2016'],
  ['Hate crime', 7, 1214, 'Castlebridge Residents Survey 2016'],
  ['Knife crime', 34, 186, 'Castlebridge Youth Forum consultation 2016'],
];
const SCORES = {
  violence: [4, 5, 4],
  reoffending: [3, 4, 4],
  victimisation: [3, 5, 3],
  asb: [5, 3, 4],
  drugs: [4, 4, 3],
  acquisitive: [3, 2, 3],
};
const CRITERIA = ['public-concern', 'vulnerability', 'capacity-to-influence'];

// ---------------------------------------------------------------- main

function main() {
  const opts = parseArgs(process.argv.slice(2));
  SEED = opts.seed;
  const t0 = process.hrtime.bigint();
  const out = opts.out;
  const written = [];
  const put = (rel, bytes, rows) => written.push({ rel, bytes, rows });

  const geo = {};
  for (const a of AREA_KEYS) geo[a] = buildGeography(AREAS[a]);
  fitPointsToLsoas(AREAS, geo);
  const police = generatePoliceUk(out, geo);
  writeOutcomes(out, MONTHS, SEED); // its own seeded streams, from the street files just written

  const { rows: popRows, pop } = buildPopulation();
  put('population/population.csv', writeCsv(path.join(out, 'population', 'population.csv'), ['area_code', 'area_name', 'year', 'age_band', 'population'], popRows), popRows.length);

  for (const [rel, bytes, rows] of writePlaces(out, AREAS, geo, Object.fromEntries(Object.values(AREAS).map((a) => [a.code, pop[a.code][2016].all])), SEED)) put(rel, bytes, rows);
  for (const [rel, bytes, rows] of [...writeStopSearch(out, MONTHS, AREAS, geo, SEED), ...writeEthnicity(out, AREAS, Object.fromEntries(Object.values(AREAS).map((a) => [a.code, pop[a.code][2017].all])), SEED)]) if (!rel.startsWith('crime/')) put(rel, bytes, rows);

  const measures = {
    'reoffending.csv': buildReoffending(),
    'fte.csv': buildFte(pop),
    'hidden-crime.csv': buildHiddenCrime(pop),
    'treatment.csv': buildTreatment(),
    'national-crime.csv': buildNationalCrime(pop),
  };
  for (const [file, rows] of Object.entries(measures)) {
    put(`measures/${file}`, writeCsv(path.join(out, 'measures', file), MEASURE_HEADER, rows), rows.length);
  }
  for (const [rel, bytes, rows] of writeFingertips(out, pop, [...Object.values(AREAS), ...OTHER_CSPS], SEED)) put(rel, bytes, rows);

  const ho = buildHomeOffice(police.counts);
  put('home-office/prc-csp-2013-2017.csv', writeCsv(path.join(out, 'home-office', 'prc-csp-2013-2017.csv'),
    ['Financial Year', 'Financial Quarter', 'Force Name', 'CSP Name', 'Offence Description', 'Offence Group', 'Offence Subgroup', 'Offence Code', 'Number of Offences'], ho), ho.length);

  put('workspace/plan-review.csv', writeCsv(path.join(out, 'workspace', 'plan-review.csv'), ['action', 'owner', 'priority', 'status', 'note'], PLAN_REVIEW), PLAN_REVIEW.length);
  put('workspace/consultation.csv', writeCsv(path.join(out, 'workspace', 'consultation.csv'), ['topic', 'percent_concerned', 'respondents', 'source'], CONSULTATION), CONSULTATION.length);
  const scoreRows = [];
  for (const [cand, scores] of Object.entries(SCORES)) CRITERIA.forEach((c, k) => scoreRows.push([cand, c, scores[k], 'Partnership priority-setting workshop, 19 January 2017']));
  put('workspace/scores.csv', writeCsv(path.join(out, 'workspace', 'scores.csv'), ['candidate', 'criterion', 'score', 'source'], scoreRows), scoreRows.length);

  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const s = police.stats;
  const lines = [
    `swp demo workspace written to ${path.relative(process.cwd(), out) || '.'} (seed ${SEED}) in ${(ms / 1000).toFixed(1)} s`,
    `  crime/police-uk: ${s.files} files, ${(s.bytes / 1048576).toFixed(1)} MiB; rows: midshire ${s.rows.midshire}, westshire ${s.rows.westshire} (incl. ${s.noLocation} No Location)`,
    `  rows located in: Castlebridge ${s.rowsByArea.C}, Hollinbury ${s.rowsByArea.H}, Westbrook ${s.rowsByArea.W}; cross-border: Castlebridge rows in Westshire files ${s.crossBorder.CtoW}, Westbrook rows in Midshire files ${s.crossBorder.WtoM}`,
    ...written.map((w) => `  ${w.rel}: ${w.rows} rows, ${(w.bytes / 1024).toFixed(1)} KiB`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main();
