// bench/generate.mjs: seeded police.uk-format street-level files for the benchmark, laid out as the bulk download.
//
//   node bench/generate.mjs --rows 1000000 --out bench/.data/1m [--seed N]
//
// Plain Node, no dependencies; the same seed and row count always give the same bytes. What is generated:
//   - 40 forces of England and Wales with shares of recorded crime close to the real ones (the Met ~17%);
//   - 34,000 LSOAs (codes E01…/W01…), grouped into ~330 local authorities named "<LA> 001A"…, the LSOAs of a force
//     in proportion to its share; one Welsh authority has a non-ASCII name (Ynys Môn), as in North Wales' files;
//   - 12 months (2023-01 … 2023-12), one file per force and month: YYYY-MM/YYYY-MM-<force>-street.csv (480 files);
//   - crime types with national shares (anti-social behaviour ~20%, violence and sexual offences ~32%, …), rows
//     spread over LSOAs by lognormal weights (crime concentrates), sorted by LSOA name as police.uk files are,
//     "No Location" rows (~1%, no LSOA) last;
//   - 64-hex Crime IDs, empty for anti-social behaviour; coordinates; "On or near …" locations, ~2% of them quoted
//     with a comma inside; outcome categories as published (with semicolons); CRLF line ends.
// About 215 bytes a row: 6M rows ≈ 1.3 GB.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng, cmp, csvField, writeFile, POLICE_UK_HEADER } from '../scripts/lib/synth.mjs';

export const GENERATOR_VERSION = 3;
const DEFAULT_SEED = 20240101;
const MIN_ROWS = 50_000;

// Rng (seeded random numbers), cmp and the CSV helpers are in scripts/lib/synth.mjs, shared with
// scripts/generate-demo.mjs.

// ---------------------------------------------------------------- the country

const FORCES = [
  ['Metropolitan Police Service', 17.0], ['West Midlands Police', 6.2], ['Greater Manchester Police', 6.0], ['West Yorkshire Police', 5.6],
  ['Kent Police', 3.0], ['Lancashire Constabulary', 2.8], ['Thames Valley Police', 2.8], ['Hampshire Constabulary', 2.8], ['Essex Police', 2.8],
  ['South Yorkshire Police', 2.6], ['Avon and Somerset Constabulary', 2.5], ['Merseyside Police', 2.4], ['Northumbria Police', 2.4],
  ['Devon & Cornwall Police', 2.0], ['Sussex Police', 2.0], ['South Wales Police', 1.8], ['Nottinghamshire Police', 1.7], ['West Mercia Police', 1.7],
  ['Humberside Police', 1.6], ['Leicestershire Police', 1.5], ['Staffordshire Police', 1.5], ['Cheshire Constabulary', 1.4], ['Derbyshire Constabulary', 1.4],
  ['Hertfordshire Constabulary', 1.3], ['Cleveland Police', 1.3], ['Surrey Police', 1.2], ['Cambridgeshire Constabulary', 1.1], ['Northamptonshire Police', 1.0],
  ['Norfolk Constabulary', 1.0], ['Bedfordshire Police', 0.9], ['Durham Constabulary', 0.9], ['Suffolk Constabulary', 0.9], ['North Yorkshire Police', 0.9],
  ['Lincolnshire Police', 0.8], ['North Wales Police', 0.8], ['Gwent Police', 0.7], ['Wiltshire Police', 0.6], ['Gloucestershire Constabulary', 0.6],
  ['Dorset Police', 0.6], ['Cumbria Constabulary', 0.5],
];
const WELSH = new Set(['South Wales Police', 'North Wales Police', 'Gwent Police']);
const LSOAS = 34000;

// Shares of police.uk street-level rows by type (England and Wales, roughly 2023).
const TYPES = [
  ['Anti-social behaviour', 20.0], ['Bicycle theft', 1.0], ['Burglary', 4.3], ['Criminal damage and arson', 7.6], ['Drugs', 2.9], ['Other crime', 1.6],
  ['Other theft', 7.2], ['Possession of weapons', 0.9], ['Public order', 8.8], ['Robbery', 1.2], ['Shoplifting', 6.5], ['Theft from the person', 1.6],
  ['Vehicle crime', 5.8], ['Violence and sexual offences', 30.6],
];
const OUTCOMES = [
  'Investigation complete; no suspect identified', 'Unable to prosecute suspect', 'Under investigation', 'Status update unavailable',
  'Court result unavailable', 'Awaiting court outcome', 'Local resolution', 'Offender given a caution', 'Further investigation is not in the public interest',
  'Formal action is not in the public interest', 'Action to be taken by another organisation', 'Further action is not in the public interest',
];
const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Park Avenue', 'Mill Lane', 'Victoria Road', 'Green Lane', 'Manor Road', 'Church Street',
  'Kings Road', 'Queens Road', 'New Road', 'School Lane', 'The Crescent', 'Grange Road', 'Chapel Street', 'Mount Pleasant', 'Alexandra Road',
  'Parking Area', 'Supermarket', 'Petrol Station', 'Shopping Area', 'Sports/Recreation Area', 'Nightclub', 'Further/Higher Educational Building'];
const MONTHS = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);

const LA_FIRST = ['Ash', 'Brad', 'Brom', 'Cald', 'Castle', 'Dun', 'East', 'Fair', 'Glen', 'Hart', 'Kings', 'Lang', 'Mill', 'North', 'Oak', 'Pen', 'Ross',
  'South', 'Stan', 'Thorn', 'Wal', 'West', 'Whit', 'Wood', 'Ald', 'Bever', 'Chel', 'Dar', 'Elm', 'Farn'];
const LA_SECOND = ['ford', 'ley', 'bridge', 'ton', 'ham', 'field', 'wick', 'bury', 'wood', 'mouth', 'dale', 'minster'];

/** The fixed geography (the same for every size). */
export function country(seed = DEFAULT_SEED) {
  const rng = new Rng(seed, 'country');
  const laNames = [];
  for (const a of LA_FIRST) for (const b of LA_SECOND) laNames.push(a + b);
  rng.shuffle(laNames); // deterministically
  const weightSum = FORCES.reduce((a, f) => a + f[1], 0);
  let code = 1;
  let wcode = 1;
  let la = 0;
  const forces = FORCES.map(([name, share], fi) => {
    const n = fi === FORCES.length - 1 ? LSOAS - (code - 1) - (wcode - 1) : Math.round((LSOAS * share) / weightSum);
    const nLa = Math.max(1, Math.round(n / 105));
    const welsh = WELSH.has(name);
    const las = [];
    for (let k = 0; k < nLa; k++) las.push(name === 'North Wales Police' && k === 0 ? 'Ynys Môn' : laNames[la++ % laNames.length]);
    const lon0 = -4 + 5 * rng.next();
    const lat0 = 50.5 + 4 * rng.next();
    const lsoas = [];
    const perLa = new Map();
    for (let k = 0; k < n; k++) {
      const laName = las[k % nLa];
      const idx = (perLa.get(laName) ?? 0) + 1;
      perLa.set(laName, idx);
      const lsoaCode = welsh ? `W01${String(wcode++).padStart(6, '0')}` : `E01${String(code++).padStart(6, '0')}`;
      const name = `${laName} ${String(Math.ceil(idx / 4)).padStart(3, '0')}${'ABCD'[(idx - 1) % 4]}`;
      const w = Math.exp(0.9 * rng.normal());
      lsoas.push({ code: lsoaCode, name, la: laName, w, lon: lon0 + 0.6 * rng.next(), lat: lat0 + 0.4 * rng.next(), streets: 3 + rng.int(8) });
    }
    lsoas.sort((a, b) => cmp(a.name, b.name));
    const slug = name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/-(police|constabulary|police-service)$/, '');
    return { name, share: share / weightSum, slug, lsoas, las };
  });
  return { forces };
}

// Normalised to 1 and searched with pick(cum, u): not synth.mjs's cumulative/Rng.weighted (running totals, the first
// total > x rather than >= u), which would draw differently and change the bytes of every tree.
function cumulative(weights) {
  const out = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) out[i] = s += weights[i];
  for (let i = 0; i < out.length; i++) out[i] /= s;
  return out;
}

function pick(cum, u) {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Write `rows` rows under `out` (skipped when a complete tree of the same version, seed and size is there).
 * Returns { files, rows, bytes, la, laLsoas }.
 */
export function generate({ rows, out, seed = DEFAULT_SEED, log = () => {} }) {
  // Each file's rows are its share rounded; the last file takes what is left, which below this can be negative.
  if (!Number.isInteger(rows) || rows < MIN_ROWS) throw new Error(`--rows must be a whole number of at least ${MIN_ROWS.toLocaleString('en-GB')} (480 files share them)`);
  const stamp = path.join(out, 'generated.json');
  const want = { version: GENERATOR_VERSION, seed, rows };
  if (fs.existsSync(stamp)) {
    const have = JSON.parse(fs.readFileSync(stamp, 'utf8'));
    if (have.version === want.version && have.seed === want.seed && have.rows === want.rows) return have;
  }
  fs.rmSync(out, { recursive: true, force: true });
  const { forces } = country(seed);
  const typeCum = cumulative(TYPES.map((t) => t[1]));
  let files = 0;
  let bytes = 0;
  let written = 0;
  const started = Date.now();
  for (const [mi, month] of MONTHS.entries()) {
    const dir = path.join(out, month);
    const season = 1 + 0.08 * Math.cos((2 * Math.PI * (mi - 6)) / 12);
    for (const [fi, force] of forces.entries()) {
      const rng = new Rng(seed, `${month}|${force.name}`);
      const last = mi === MONTHS.length - 1 && fi === forces.length - 1;
      const n = last ? rows - written : Math.round(((rows * force.share) / 12) * season / 1.0);
      written += n;
      const cum = cumulative(force.lsoas.map((l) => l.w));
      // Which LSOA each row falls in (1% no location), then sorted by LSOA name as police.uk files are.
      const at = new Int32Array(n);
      for (let i = 0; i < n; i++) at[i] = rng.next() < 0.01 ? force.lsoas.length : pick(cum, rng.next());
      at.sort();
      const lines = [POLICE_UK_HEADER];
      for (let i = 0; i < n; i++) {
        const t = pick(typeCum, rng.next());
        const asb = t === 0;
        const id = asb ? '' : rng.hex64();
        const outcome = asb ? '' : OUTCOMES[rng.int(OUTCOMES.length)];
        const li = at[i];
        if (li === force.lsoas.length) {
          lines.push(`${id},${month},${force.name},${force.name},,,No Location,,,${TYPES[t][0]},${outcome},`);
          continue;
        }
        const l = force.lsoas[li];
        const lon = (l.lon + 0.01 * rng.next()).toFixed(6);
        const lat = (l.lat + 0.01 * rng.next()).toFixed(6);
        const street = STREETS[(li * 7 + rng.int(l.streets)) % STREETS.length];
        const location = rng.next() < 0.02 ? csvField(`On or near ${street}, ${STREETS[rng.int(STREETS.length)]}`) : `On or near ${street}`;
        lines.push(`${id},${month},${force.name},${force.name},${lon},${lat},${location},${l.code},${l.name},${TYPES[t][0]},${outcome},`);
      }
      const text = lines.join('\r\n') + '\r\n';
      const file = path.join(dir, `${month}-${force.slug}-street.csv`);
      bytes += writeFile(file, text);
      files++;
    }
    log(`  generated ${month} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  // The partnership used for the "one local authority" runs: the first authority of West Midlands Police.
  const wm = forces.find((f) => f.name === 'West Midlands Police');
  const la = wm.las[0];
  const result = { ...want, files, bytes, la, laLsoas: wm.lsoas.filter((l) => l.la === la).length };
  fs.writeFileSync(stamp, JSON.stringify(result, null, 2) + '\n');
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const get = (flag, def) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : def;
  };
  const rows = Number(get('--rows', '100000'));
  const out = path.resolve(get('--out', `bench/.data/${rows}`));
  try {
    const r = generate({ rows, out, seed: Number(get('--seed', String(DEFAULT_SEED))), log: (s) => process.stderr.write(s + '\n') });
    process.stdout.write(JSON.stringify(r) + '\n');
  } catch (e) {
    process.stderr.write(`bench/generate.mjs: ${e.message}\n`);
    process.exitCode = 2;
  }
}
