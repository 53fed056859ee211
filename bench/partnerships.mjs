// bench/partnerships.mjs: a benchmark workspace of N partnerships, made from the demo workspace (data/demo), for
// `swp assess --all-areas` at batch scale.
//
//   node bench/partnerships.mjs [--partnerships 50] [--out bench/.data/batch-50] [--source data/demo] [--force]
//
// Plain Node ESM, no dependencies; the same source and N always give the same bytes (no clock, no locale, no
// randomness but a seeded shuffle of names). Prints the result as one JSON line; progress goes to stderr.
// What is written under --out (a complete swp workspace):
//   - swp.config.yaml, home-office/, measures/, workspace/: copied from the source as they are (the configured
//     partnership stays Castlebridge, E08099001);
//   - crime/police-uk/: the source's months and file layout (YYYY-MM/YYYY-MM-<force>-street.csv). Each file holds
//     the rows of the source file's three local authorities replicated into N partnerships: partnership j (0-based)
//     takes the rows of Castlebridge, Hollinbury or Westbrook (j % 3). Partnerships 0-2 are those three, their rows
//     unchanged; partnership j >= 3 gets a fictional name ("Fernholme"), LSOA names "<name> 001A" (the source's
//     "NNNX" suffix), LSOA codes E01 + 100000 + 1000 j + (the source code's last three digits), and Crime IDs whose
//     first four hex digits are XORed with a mask that is distinct for each copy (IDs stay 64 lower-case hex digits
//     and distinct, so nothing is de-duplicated away). Rows are sorted as police.uk files are (by LSOA name, then
//     crime type, ties in source order), rows of other areas are kept once, and rows with no LSOA ("No Location")
//     stay last in source order. Header, line ends (LF or CRLF) and force are those of the source file;
//   - population/population.csv: the source's rows, with after its local-authority rows a copy of the source
//     authority's rows for each new partnership (code E0810 + j as 4 digits, its name); regions and countries as
//     they are;
//   - generated.json: the parameters and a digest of the source; a later run with the same ones reuses the folder.
// With --partnerships 3 the police.uk files are byte-for-byte the source's.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng, cmp, writeFile } from '../scripts/lib/synth.mjs';

export const GENERATOR_VERSION = 1;
const GENERATOR = 'bench/partnerships.mjs';
const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const DEFAULT_SOURCE = path.join(ROOT, 'data/demo');
const NAME_SEED = 20170331;

/** The demo's three local authorities with police.uk rows, in the order partnerships take them (j % 3). */
export const SOURCE_LAS = ['Castlebridge', 'Hollinbury', 'Westbrook'];
/** Folders and files copied from the source as they are. */
const COPIED = ['swp.config.yaml', 'home-office', 'measures', 'workspace'];
const POLICE_DIR = path.join('crime', 'police-uk');
const POPULATION = path.join('population', 'population.csv');

const LA_CODE_RE = /^(E06|E07|E08|E09|W06)/;
const LSOA_NAME_RE = /^(.*)( \d{3}[A-Z])$/; // as swp's: the local authority, then " 001A"
const LSOA_CODE_RE = /^E01(\d{6})$/;
const HEX_ID_RE = /^[0-9a-f]{64}$/;

// ---------------------------------------------------------------- names and codes

const NAME_FIRST = ['Ash', 'Alder', 'Bark', 'Bram', 'Briar', 'Broad', 'Cal', 'Chap', 'Clay', 'Cold', 'Crow', 'Dray', 'Elder', 'Fern', 'Fox',
  'Gold', 'Hail', 'Hazel', 'Heath', 'Holm', 'Ivy', 'Kest', 'Lark', 'Lin', 'Marl', 'Moss', 'Nether', 'Oak', 'Pen', 'Quarry', 'Rook', 'Sand',
  'Shel', 'Stone', 'Thorn', 'Wil', 'Wyn', 'Yarn'];
const NAME_SECOND = ['ford', 'ley', 'bridge', 'ton', 'ham', 'field', 'wick', 'bury', 'wood', 'mouth', 'dale', 'minster', 'combe', 'stead',
  'worth', 'borough', 'holme', 'mere', 'cliffe', 'hurst'];

/**
 * Fictional names for partnerships 3, 4, …: compound names, in a seeded order, none equal to a name in `taken`, none
 * a prefix of another (nor of a taken name, nor the reverse), none ending like an LSOA suffix.
 */
export function partnershipNames(count, taken = []) {
  const pool = [];
  for (const a of NAME_FIRST) for (const b of NAME_SECOND) if (a[a.length - 1].toLowerCase() !== b[0]) pool.push(a + b);
  new Rng(NAME_SEED, 'partnership-names').shuffle(pool);
  const chosen = [];
  const all = [...taken];
  const clash = (x, y) => x.startsWith(y) || y.startsWith(x);
  for (const name of pool) {
    if (chosen.length === count) break;
    if (/ \d{3}[A-Z]$/.test(name) || all.some((t) => clash(t.toLowerCase(), name.toLowerCase()))) continue;
    chosen.push(name);
    all.push(name);
  }
  if (chosen.length < count) throw new Error(`only ${chosen.length} partnership names available, ${count} wanted`);
  return chosen;
}

/** The largest N: LSOA codes E01 + 100000 + 1000 j + 999 must fit in six digits. */
export const MAX_PARTNERSHIPS = 900;

const pad = (n, w) => String(n).padStart(w, '0');
/** Partnership j's code in population.csv (j >= 3; 0-2 keep the source's). */
const laCode = (j) => `E0810${pad(j, 4)}`;
/** Partnership j's LSOA code for a source LSOA code (j >= 3). */
const lsoaCode = (j, digits) => `E01${pad(100000 + 1000 * j + (Number(digits) % 1000), 6)}`;
/** The XOR mask of copy k (k = floor(j / 3) >= 1) for the first four hex digits: k * odd constant is a bijection of 16 bits. */
const idMask = (k) => (k * 0x9e37) & 0xffff;
const crimeId = (id, k) => pad(((parseInt(id.slice(0, 4), 16) ^ idMask(k)) >>> 0).toString(16), 4) + id.slice(4);

// ---------------------------------------------------------------- CSV, raw

/** A CSV line's fields as written (quotes kept), so that untouched fields keep their bytes. */
function rawFields(line, where) {
  const out = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let k = i + 1;
      for (;;) {
        const q = line.indexOf('"', k);
        if (q < 0) throw new Error(`${where}: unbalanced quote (quoted line breaks are not supported)`);
        if (line[q + 1] === '"') { k = q + 2; continue; }
        k = q + 1;
        break;
      }
      out.push(line.slice(i, k));
      if (k === line.length) return out;
      if (line[k] !== ',') throw new Error(`${where}: text after a closing quote`);
      i = k + 1;
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) { out.push(line.slice(i)); return out; }
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
}

/** Lines of a text file, its line end, and whether it ends with one. */
function splitLines(text, where) {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const trailing = lines[lines.length - 1] === '';
  if (trailing) lines.pop();
  if (eol === '\n' && text.includes('\r')) throw new Error(`${where}: mixed line ends`);
  if (eol === '\r\n' && /[^\r]\n|^\n/.test(text)) throw new Error(`${where}: mixed line ends`);
  return { lines, eol, trailing };
}

const joinLines = ({ lines, eol, trailing }) => lines.join(eol) + (trailing ? eol : '');

// ---------------------------------------------------------------- files

function listFiles(dir, base = dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => cmp(a.name, b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, base));
    else if (e.isFile()) out.push(path.relative(base, p));
  }
  return out;
}

/** The files a build reads, relative to the source folder, in a fixed order. */
function sourceFiles(source) {
  const files = [];
  for (const c of COPIED) {
    const p = path.join(source, c);
    if (!fs.existsSync(p)) throw new Error(`${p} is missing`);
    files.push(...(fs.statSync(p).isDirectory() ? listFiles(p).map((f) => path.join(c, f)) : [c]));
  }
  files.push(POPULATION);
  const police = path.join(source, POLICE_DIR);
  if (!fs.existsSync(police)) throw new Error(`${police} is missing: run node scripts/generate-demo.mjs first`);
  const street = listFiles(police).filter((f) => /^\d{4}-\d{2}[\\/]\d{4}-\d{2}-.+-street\.csv$/.test(f));
  if (street.length === 0) throw new Error(`no police.uk street files under ${police}`);
  files.push(...street.map((f) => path.join(POLICE_DIR, f)));
  return files;
}

/** SHA-256 over the source files' paths and bytes: a changed source is a different workspace. */
function sourceDigest(source, files) {
  const h = crypto.createHash('sha256');
  for (const f of files) {
    h.update(f.split(path.sep).join('/') + '\0');
    h.update(fs.readFileSync(path.join(source, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

// ---------------------------------------------------------------- the parts

/** population.csv: the source's rows plus a copy of the source authority's rows for each new partnership. */
function population(text, partnerships) {
  const where = POPULATION;
  const file = splitLines(text, where);
  const header = rawFields(file.lines[0].replace(/^\uFEFF/, ''), where);
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${where}: no ${name} column`);
    return i;
  };
  const codeCol = col('area_code');
  const nameCol = col('area_name');
  const rows = file.lines.slice(1).map((l, i) => ({ line: l, f: rawFields(l, `${where}:${i + 2}`) }));
  const bySource = new Map(SOURCE_LAS.map((n) => [n, []]));
  let lastLa = -1;
  rows.forEach((r, i) => {
    if (LA_CODE_RE.test(r.f[codeCol])) lastLa = i;
    bySource.get(r.f[nameCol])?.push(r);
  });
  for (const [name, list] of bySource) if (list.length === 0) throw new Error(`${where}: no rows for ${name}`);
  const codes = new Set(rows.map((r) => r.f[codeCol]));
  const names = new Set(rows.filter((r) => LA_CODE_RE.test(r.f[codeCol])).map((r) => r.f[nameCol]));
  const added = [];
  for (const p of partnerships.slice(SOURCE_LAS.length)) {
    if (codes.has(p.code) || names.has(p.name)) throw new Error(`${where}: ${p.code} ${p.name} is already there`);
    for (const r of bySource.get(p.source)) {
      const f = [...r.f];
      f[codeCol] = p.code;
      f[nameCol] = p.name;
      added.push(f.join(','));
    }
  }
  const lines = [file.lines[0], ...rows.slice(0, lastLa + 1).map((r) => r.line), ...added, ...rows.slice(lastLa + 1).map((r) => r.line)];
  return { text: joinLines({ ...file, lines }), names: [...names], sourceCodes: SOURCE_LAS.map((n) => bySource.get(n)[0].f[codeCol]) };
}

/**
 * One police.uk street file, replicated. `state` is shared across files: the IDs seen (their last 60 digits must
 * tell them apart, or two copies could meet) and, per source authority, the LSOA codes by last three digits.
 */
function policeFile(text, where, partnerships, state) {
  const file = splitLines(text, where);
  const header = rawFields(file.lines[0].replace(/^\uFEFF/, ''), where);
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${where}: no "${name}" column`);
    return i;
  };
  const idCol = col('Crime ID');
  const codeCol = col('LSOA code');
  const nameCol = col('LSOA name');
  const typeCol = col('Crime type');
  const bySource = SOURCE_LAS.map((s) => partnerships.filter((p) => p.source === s));
  const located = []; // { key, order, line }
  const unlocated = [];
  let order = 0;
  for (let i = 1; i < file.lines.length; i++) {
    const line = file.lines[i];
    const at = `${where}:${i + 1}`;
    const f = rawFields(line, at);
    if (f.length !== header.length) throw new Error(`${at}: ${f.length} fields, the header has ${header.length}`);
    const id = f[idCol];
    if (id !== '') {
      if (!HEX_ID_RE.test(id)) throw new Error(`${at}: Crime ID ${JSON.stringify(id)} is not 64 lower-case hex digits`);
      const seen = state.ids.get(id.slice(4));
      if (seen === undefined) state.ids.set(id.slice(4), id);
      else if (seen !== id) throw new Error(`${at}: Crime IDs ${seen} and ${id} differ only in their first 4 digits`);
    }
    const name = f[nameCol];
    if (name === '') { unlocated.push(line); continue; }
    const m = LSOA_NAME_RE.exec(name);
    const s = m ? SOURCE_LAS.indexOf(m[1]) : -1;
    const type = f[typeCol];
    if (s < 0) { located.push({ key: `${name}\0${type}`, order: order++, line }); continue; }
    const cm = LSOA_CODE_RE.exec(f[codeCol]);
    if (!cm) throw new Error(`${at}: LSOA code ${JSON.stringify(f[codeCol])} is not E01 and six digits`);
    const byDigits = state.lsoaCodes[s];
    const last3 = cm[1].slice(3);
    const known = byDigits.get(last3);
    if (known === undefined) byDigits.set(last3, f[codeCol]);
    else if (known !== f[codeCol]) throw new Error(`${at}: ${SOURCE_LAS[s]} LSOAs ${known} and ${f[codeCol]} share their last three digits`);
    const o = order++;
    for (const p of bySource[s]) {
      if (p.j < SOURCE_LAS.length) { located.push({ key: `${name}\0${type}`, order: o, line }); continue; }
      const g = [...f];
      if (id !== '') g[idCol] = crimeId(id, p.copy);
      g[codeCol] = lsoaCode(p.j, cm[1]);
      g[nameCol] = p.name + m[2];
      located.push({ key: `${g[nameCol]}\0${type}`, order: o, line: g.join(',') });
    }
  }
  located.sort((a, b) => cmp(a.key, b.key) || a.order - b.order);
  const lines = [file.lines[0], ...located.map((r) => r.line), ...unlocated];
  return { text: joinLines({ ...file, lines }), rows: lines.length - 1 };
}

// ---------------------------------------------------------------- the workspace

/**
 * Build (or reuse) the workspace of `partnerships` partnerships under `out`.
 * Returns { dir, partnerships, rows, bytes, files, policeUkBytes, reused, ms, list, … }: rows are the police.uk data
 * rows written, bytes all the bytes written (generated.json aside); `list` names each partnership and its code.
 */
export async function makeBatchWorkspace({ partnerships = 50, out, source = DEFAULT_SOURCE, force = false, log = () => {} } = {}) {
  if (!Number.isInteger(partnerships) || partnerships < 1 || partnerships > MAX_PARTNERSHIPS) {
    throw new Error(`partnerships must be a whole number from 1 to ${MAX_PARTNERSHIPS} (got ${partnerships})`);
  }
  const dir = path.resolve(out ?? path.join(ROOT, 'bench/.data', `batch-${partnerships}`));
  source = path.resolve(source);
  const started = performance.now();
  const files = sourceFiles(source);
  const want = { generator: GENERATOR, version: GENERATOR_VERSION, partnerships, sourceSha256: sourceDigest(source, files) };

  const stamp = path.join(dir, 'generated.json');
  const have = fs.existsSync(stamp) ? JSON.parse(fs.readFileSync(stamp, 'utf8')) : undefined;
  if (!force && have?.complete && Object.keys(want).every((k) => have[k] === want[k])) {
    return { dir, ...have, reused: true, ms: Math.round(performance.now() - started) };
  }
  // Only ever delete a folder this script made (or an empty one).
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0 && have?.generator !== GENERATOR) {
    throw new Error(`${dir} exists and was not made by ${GENERATOR}: give another --out or remove it`);
  }
  const realDir = fs.existsSync(dir) ? fs.realpathSync(dir) : dir;
  if (realDir === ROOT || realDir === fs.realpathSync(source) || fs.realpathSync(source).startsWith(realDir + path.sep)) {
    throw new Error(`refusing to write over ${dir}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(stamp, JSON.stringify({ ...want, complete: false }, null, 2) + '\n');

  let bytes = 0;
  let written = 0;
  for (const f of files.filter((x) => COPIED.some((c) => x === c || x.startsWith(c + path.sep)))) {
    bytes += writeFile(path.join(dir, f), fs.readFileSync(path.join(source, f)));
    written++;
  }

  // Partnerships: 0-2 the source's, then fictional ones; names checked against every authority in population.csv.
  const popText = fs.readFileSync(path.join(source, POPULATION), 'utf8');
  const popNames = population(popText, []).names;
  const fresh = partnershipNames(Math.max(0, partnerships - SOURCE_LAS.length), popNames);
  const sourceCodes = population(popText, []).sourceCodes;
  const list = Array.from({ length: partnerships }, (_, j) => ({
    j,
    copy: Math.floor(j / SOURCE_LAS.length),
    source: SOURCE_LAS[j % SOURCE_LAS.length],
    name: j < SOURCE_LAS.length ? SOURCE_LAS[j] : fresh[j - SOURCE_LAS.length],
    code: j < SOURCE_LAS.length ? sourceCodes[j] : laCode(j),
  }));
  bytes += writeFile(path.join(dir, POPULATION), population(popText, list).text);
  written++;

  const state = { ids: new Map(), lsoaCodes: SOURCE_LAS.map(() => new Map()) };
  let rows = 0;
  let policeUkBytes = 0;
  let month = '';
  for (const f of files.filter((x) => x.startsWith(POLICE_DIR + path.sep))) {
    const r = policeFile(fs.readFileSync(path.join(source, f), 'utf8'), f, list, state);
    const n = writeFile(path.join(dir, f), r.text);
    bytes += n;
    policeUkBytes += n;
    rows += r.rows;
    written++;
    const m = path.basename(path.dirname(f));
    if (m !== month && m.endsWith('-03')) log(`  ${m} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    month = m;
  }

  const result = {
    ...want,
    complete: true,
    files: written,
    rows,
    bytes,
    policeUkBytes,
    list: list.map(({ j, name, code, source: from }) => ({ j, name, code, source: from })),
  };
  fs.writeFileSync(stamp, JSON.stringify(result, null, 2) + '\n');
  return { dir, ...result, reused: false, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    const head = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
    process.stdout.write(head.slice(0, head.findIndex((l) => !l.startsWith('//'))).map((l) => l.slice(3)).join('\n') + '\n');
    process.exit(0);
  }
  const get = (flag, def) => {
    const i = args.indexOf(flag);
    if (i < 0) return def;
    if (args[i + 1] === undefined || args[i + 1].startsWith('--')) throw new Error(`${flag} needs a value`);
    return args[i + 1];
  };
  const known = new Set(['--partnerships', '--out', '--source', '--force']);
  for (const a of args) if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown option ${a} (see --help)`);
  const partnerships = Number(get('--partnerships', '50'));
  const r = await makeBatchWorkspace({
    partnerships,
    out: path.resolve(get('--out', path.join(ROOT, 'bench/.data', `batch-${partnerships}`))),
    source: path.resolve(get('--source', DEFAULT_SOURCE)),
    force: args.includes('--force'),
    log: (s) => process.stderr.write(s + '\n'),
  });
  const { list, ...rest } = r;
  process.stdout.write(JSON.stringify({ ...rest, partnerships: list.length }) + '\n');
}
