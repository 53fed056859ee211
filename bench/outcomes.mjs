// bench/outcomes.mjs: the outcomes section of `npm run bench` (also `node bench/outcomes.mjs [--sizes 100k] [--runs 3]`).
//
// One force's year of police.uk files in the bulk layout, seeded and kept in bench/.data/outcomes-<size>/:
//   - 12 street files (2023-01 … 2023-12: YYYY-MM/YYYY-MM-<force>-street.csv, the street header, CRLF), ~20%
//     anti-social behaviour (no Crime ID, no outcome), ~1% "No Location" rows, ~2% locations quoted with a comma, rows
//     sorted by LSOA name; "Last outcome category" is the crime's first outcome (an older edition of the street file),
//     or "Under investigation";
//   - 18 outcomes files (2023-01 … 2024-06: YYYY-MM/YYYY-MM-<force>-outcomes.csv, header `Crime ID,Month,Reported
//     by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type`): each month's file lists the
//     outcomes recorded that month, for crimes of that month or earlier ones. A crime has 0–4 outcomes, in strictly
//     later months (e.g. "Under investigation", then "Awaiting court outcome", then "Offender fined"); a few per cent
//     of the rows are late outcomes of crimes of 2022, whose street files are not in the tree (as in real files).
// Sizes: "100k" is a mid-size force (Kent-like, 12 local authorities), "1m" a Metropolitan-size one (32 boroughs), in
// street rows a year. Measured, in a fresh process per run (bench/child.mjs), median of --runs: swp's real code path
// (dist/ingest/outcomes.js, readOutcomesFiles, as src/pipeline/outcomes.ts calls it for one partnership: the
// covering force, the 12 months, one local authority's LSOAs by name); DuckDB doing the same join (latest month wins,
// else the street category), for scale and as the independent check: both must give the same counts by category.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng, cmp, csvLine, writeFile, POLICE_UK_HEADER } from '../scripts/lib/synth.mjs';

export const OUTCOMES_GENERATOR_VERSION = 2;
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DATA = join(ROOT, 'bench/.data');
const SEED = 20230101;
export const OUTCOME_SIZES = { '100k': 100_000, '1m': 1_000_000 };
const OUTCOMES_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type';

const STREET_MONTHS = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);
const ALL_MONTHS = Array.from({ length: 36 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`); // 2022-01 … 2024-12
const LAST_OUTCOMES_MONTH = '2024-06';

// Crime types and shares (as bench/generate.mjs), anti-social behaviour first.
const TYPES = [['Anti-social behaviour', 20.0], ['Bicycle theft', 1.0], ['Burglary', 4.3], ['Criminal damage and arson', 7.6], ['Drugs', 2.9],
  ['Other crime', 1.6], ['Other theft', 7.2], ['Possession of weapons', 0.9], ['Public order', 8.8], ['Robbery', 1.2], ['Shoplifting', 6.5],
  ['Theft from the person', 1.6], ['Vehicle crime', 5.8], ['Violence and sexual offences', 30.6]];
/**
 * Outcome paths (each a crime's outcomes in order, recorded in strictly later months) and their weights, and the
 * category of each final string — written here from the rules police.uk and the MoJ note publish (a court result
 * or awaiting court = charged; caution, local/community resolution, penalty notice = out of court; under
 * investigation = open; the rest other), not taken from swp, so that the check is independent.
 */
const PATHS = [
  [[], 12], [['Investigation complete; no suspect identified'], 30], [['Under investigation', 'Investigation complete; no suspect identified'], 8],
  [['Unable to prosecute suspect'], 18], [['Under investigation', 'Unable to prosecute suspect'], 6], [['Under investigation'], 6],
  [['Local resolution'], 4], [['Offender given a caution'], 2], [['Under investigation', 'Community resolution'], 2],
  [['Awaiting court outcome', 'Offender fined'], 3], [['Under investigation', 'Awaiting court outcome', 'Offender given community sentence'], 2],
  [['Awaiting court outcome', 'Court result unavailable'], 2], [['Under investigation', 'Awaiting court outcome', 'Defendant sent to Crown Court', 'Offender sent to prison'], 1],
  [['Further investigation is not in the public interest'], 2], [['Action to be taken by another organisation'], 1], [['Status update unavailable'], 1],
];
export const CATEGORY_OF = {
  'Investigation complete; no suspect identified': 'noSuspect', 'Unable to prosecute suspect': 'other', 'Under investigation': 'open',
  'Local resolution': 'outOfCourt', 'Offender given a caution': 'outOfCourt', 'Community resolution': 'outOfCourt', 'Awaiting court outcome': 'charged',
  'Offender fined': 'charged', 'Offender given community sentence': 'charged', 'Court result unavailable': 'charged', 'Defendant sent to Crown Court': 'charged',
  'Offender sent to prison': 'charged', 'Further investigation is not in the public interest': 'other', 'Action to be taken by another organisation': 'other',
  'Status update unavailable': 'other',
};
const LA_NAMES = ['Ashbridge', 'Bramley', 'Caldwick', 'Dunmouth', 'Elmfield', 'Farnbury', 'Glenham', 'Hartley', 'Kingsdale', 'Langford', 'Millwood',
  'Northam', 'Oakminster', 'Penley', 'Rosston', 'Stanwick', 'Thornbury', 'Walford', 'Westley', 'Whitham', 'Woodbridge', 'Aldbury', 'Beverton',
  'Chelford', 'Darwick', 'Eastleigh Vale', 'Fairmouth', 'Greyfield', 'Hollowdale', 'Ivybridge Moor', 'Juniper Hill', 'Kestrelham'];
const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Park Avenue', 'Mill Lane', 'Parking Area', 'Supermarket', 'Petrol Station', 'Shopping Area', 'Nightclub'];

function pick(rng, weighted) {
  let r = rng.next() * weighted.reduce((a, w) => a + w[1], 0);
  for (const w of weighted) if ((r -= w[1]) < 0) return w[0];
  return weighted[weighted.length - 1][0];
}
const hex = (rng) => Array.from({ length: 8 }, () => rng.u32().toString(16).padStart(8, '0')).join('');

/** The force of a size: name, file-name slug, local authorities. */
function forceOf(size) {
  return size === '1m' ? { name: 'Metropolitan Police Service', slug: 'metropolitan', las: LA_NAMES.slice(0, 32) } : { name: 'Kent Police', slug: 'kent', las: LA_NAMES.slice(0, 12) };
}

/** Generate (or reuse) the tree of a size; returns its description (generated.json). */
export function generateOutcomesTree(size, log = () => {}) {
  const rows = OUTCOME_SIZES[size];
  const out = join(DATA, `outcomes-${size}`);
  const meta = join(out, 'generated.json');
  if (existsSync(meta)) {
    const g = JSON.parse(readFileSync(meta, 'utf8'));
    if (g.version === OUTCOMES_GENERATOR_VERSION && g.rows === rows) return g;
  }
  log(`  generating ${out} (${rows.toLocaleString('en-GB')} street rows)`);
  rmSync(out, { recursive: true, force: true });
  const force = forceOf(size);
  const rng = new Rng(SEED, `outcomes|${size}`);
  // LSOAs: ~110 per local authority, ~1,000 crimes a year each at 100k over 12 authorities.
  const lsoas = [];
  let code = 100001;
  for (const la of force.las) for (let k = 0; k < 110; k++) lsoas.push({ code: `E01${code++}`, name: `${la} ${String(k + 1).padStart(3, '0')}${'ABCDE'[k % 5]}`, w: rng.lognormal(0.8), lon: (-0.5 + rng.next()).toFixed(6), lat: (51 + rng.next()).toFixed(6) });
  const cum = [];
  let sum = 0;
  for (const l of lsoas) cum.push((sum += l.w));
  const lsoaAt = () => {
    const r = rng.next() * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lsoas[lo];
  };
  const location = () => (rng.next() < 0.02 ? `On or near ${STREETS[rng.int(STREETS.length)]}, Rear` : `On or near ${STREETS[rng.int(STREETS.length)]}`);
  // Crimes of 2023 (street files) and of 2022 (outcomes only): month index into ALL_MONTHS.
  const crimes = [];
  const old = Math.round(rows * 0.3);
  for (let i = 0; i < rows + old; i++) {
    const street = i < rows;
    const type = street ? pick(rng, TYPES.map((t, k) => [k, t[1]])) : 1 + rng.int(TYPES.length - 1);
    const noLoc = rng.next() < 0.01;
    const c = { m: street ? 12 + rng.int(12) : rng.int(12), type, id: type === 0 ? '' : hex(rng), l: noLoc ? null : lsoaAt(), loc: noLoc ? 'No Location' : location(), outcomes: [] };
    if (type !== 0) {
      let m = c.m;
      for (const text of pick(rng, PATHS.map((p) => [p[0], p[1]]))) {
        m += (c.outcomes.length === 0 ? 0 : 1) + rng.int(3); // strictly later months after the first
        if (ALL_MONTHS[m] === undefined || ALL_MONTHS[m] > LAST_OUTCOMES_MONTH) break;
        c.outcomes.push([m, text]);
      }
    }
    crimes.push(c);
  }
  const lsoaFields = (c) => (c.l ? [c.l.lon, c.l.lat, c.loc, c.l.code, c.l.name] : ['', '', c.loc, '', '']);
  const byName = (a, b) => cmp(a.l?.name ?? '\uffff', b.l?.name ?? '\uffff') || a.type - b.type;
  let bytes = 0;
  let streetRows = 0;
  let outcomeRows = 0;
  for (const month of STREET_MONTHS) {
    const mi = ALL_MONTHS.indexOf(month);
    const these = crimes.filter((c, i) => i < rows && c.m === mi).sort(byName);
    const lines = these.map((c) => csvLine([c.id, month, force.name, force.name, ...lsoaFields(c), TYPES[c.type][0], c.type === 0 ? '' : (c.outcomes[0]?.[1] ?? 'Under investigation'), '']));
    streetRows += lines.length;
    bytes += writeFile(join(out, month, `${month}-${force.slug}-street.csv`), [POLICE_UK_HEADER, ...lines, ''].join('\r\n'));
  }
  const byMonth = new Map();
  let oldRows = 0;
  for (const c of crimes) {
    for (const [m, text] of c.outcomes) {
      if (m < 12) continue;
      (byMonth.get(m) ?? byMonth.set(m, []).get(m)).push([c, text]);
      if (c.m < 12) oldRows++;
    }
  }
  for (const [m, list] of [...byMonth].sort((a, b) => a[0] - b[0])) {
    const month = ALL_MONTHS[m];
    list.sort((a, b) => byName(a[0], b[0]));
    const lines = list.map(([c, text]) => csvLine([c.id, month, force.name, force.name, ...lsoaFields(c), text]));
    outcomeRows += lines.length;
    bytes += writeFile(join(out, month, `${month}-${force.slug}-outcomes.csv`), [OUTCOMES_HEADER, ...lines, ''].join('\r\n'));
  }
  const g = { version: OUTCOMES_GENERATOR_VERSION, rows, size, force: force.name, la: force.las[0], las: force.las.length, months: STREET_MONTHS, streetRows, outcomeRows, oldRows, bytes, outcomesFiles: byMonth.size };
  mkdirSync(out, { recursive: true });
  writeFileSync(meta, JSON.stringify(g, null, 2) + '\n');
  return { ...g, dir: out };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n, d = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

function child(args) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bench/child.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench/child.mjs ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const countsText = (c) => `${fmt(c.force)} crimes in the force, ${fmt(c.inArea)} in the area: charged ${fmt(c.byCategory.charged ?? 0)}, no suspect ${fmt(c.byCategory.noSuspect ?? 0)}, out of court ${fmt(c.byCategory.outOfCourt ?? 0)}, open ${fmt(c.byCategory.open ?? 0)}, other ${fmt(c.byCategory.other ?? 0)}`;
const sameCounts = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Measure; returns the markdown lines of the section. */
export function benchOutcomes({ sizes = ['100k'], runs = 3, log = () => {} } = {}) {
  const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const loadBefore = os.loadavg();
  const lines = [];
  const out = (s = '') => lines.push(s);
  const rowsOut = [];
  for (const size of sizes) {
    if (!(size in OUTCOME_SIZES)) throw new Error(`unknown outcomes size ${size} (use ${Object.keys(OUTCOME_SIZES).join(', ')})`);
    const g = { ...generateOutcomesTree(size, log), dir: join(DATA, `outcomes-${size}`) };
    const got = { floor: [], 'outcomes-duckdb': [], 'outcomes-swp': [] };
    for (let i = 0; i < runs; i++) {
      for (const m of Object.keys(got)) {
        log(`  outcomes ${size}: ${m} (round ${i + 1} of ${runs})`);
        got[m].push(child([m, g.dir, g.la]));
      }
    }
    const s = Object.fromEntries(Object.entries(got).map(([m, rs]) => [m, { ...rs.at(-1), wallMs: median(rs.map((r) => r.wallMs)), cpuMs: median(rs.map((r) => r.cpuMs)), rssMb: median(rs.map((r) => r.rssMb)), all: rs.map((r) => r.wallMs) }]));
    rowsOut.push({ g, s });
  }
  out('## Outcomes: street + outcomes files of one force');
  out();
  out(`Measured on ${when}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node.js ${process.version}; load average before ${loadBefore.map((x) => x.toFixed(2)).join(', ')}, after ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} (other work on the machine slows every method alike: compare within the table).`);
  out('Seeded files of one force in the bulk layout (bench/outcomes.mjs): 12 street files (2023) and the outcomes files of 2023-01 … 2024-06, each listing the outcomes');
  out(`recorded that month for crimes of that month or earlier (0–4 outcomes a crime, in later months; ${rowsOut.map(({ g }) => `${(100 * g.oldRows / g.outcomeRows).toFixed(0)}%`).join(' / ')} of the outcomes rows are for 2022 crimes, whose street files are not read).`);
  out('"swp" is `readOutcomesFiles` from dist/ (the path src/pipeline/outcomes.ts takes for one partnership: the force, 12 months, one local authority by LSOA name):');
  out('it reads every street and outcomes file with csv-parse and joins on Crime ID, latest outcome wins. "DuckDB" runs the same join in SQL (`arg_max` of the');
  out('outcome by month, else the street category), with its own table of categories: the check column compares the two. The byte scan is the floor.');
  out(`Rows are street + outcomes rows; fresh process per run, median of ${runs}.`);
  out();
  out('| force (street rows / year) | method | wall | CPU | rows/s | MB/s | peak RSS | × DuckDB (wall) | check |');
  out('|---|---|---|---|---|---|---|---|---|');
  for (const { g, s } of rowsOut) {
    const rows = g.streetRows + g.outcomeRows;
    const mb = g.bytes / 1e6;
    const label = `${g.force} (${fmt(g.streetRows)}; ${fmt(g.outcomeRows)} outcomes rows in ${g.outcomesFiles} files, ${fmt(mb)} MB)`;
    const duck = s['outcomes-duckdb'];
    const row = (name, r, check) => out(`| ${label} | ${name} | ${secs(r.wallMs)} | ${secs(r.cpuMs)} | ${fmt(rows / (r.wallMs / 1000))} | ${fmt(mb / (r.wallMs / 1000))} | ${fmt(r.rssMb)} MB | ${(r.wallMs / duck.wallMs).toFixed(2)} | ${check} |`);
    row('byte scan (floor)', s.floor, `${fmt(s.floor.lines)} lines`);
    row('DuckDB, same join', duck, countsText(duck.counts));
    const swp = s['outcomes-swp'];
    row(`**swp, one LA (${g.la})**`, swp, sameCounts(swp.counts, duck.counts) ? 'same counts' : `**differ**: ${countsText(swp.counts)}`);
  }
  out();
  out(`Wall times of every run, in run order (ms): ${rowsOut.map(({ g, s }) => `${g.size}: ${Object.entries(s).map(([m, r]) => `${m} ${r.all.join('/')}`).join(', ')}`).join('; ')}.`);
  out();
  return lines;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const value = (name, def) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : def);
  const lines = benchOutcomes({ sizes: value('--sizes', '100k').split(','), runs: Number(value('--runs', '3')), log: (s) => process.stderr.write(`${s}\n`) });
  process.stdout.write(lines.join('\n') + '\n');
}
