#!/usr/bin/env node
// bench/run.mjs: `npm run bench`. Measured speed and memory of swp, side by side with DuckDB. Not a test.
//
//   node bench/run.mjs [--sizes 100k,1m,6m] [--runs 5] [--batch 50] [--no-build] [--no-ingest] [--no-render]
//                      [--no-maps] [--no-outcomes] [--outcome-sizes 100k,1m] [--out bench/results.md]
//
// Ingest: seeded police.uk-format trees (bench/generate.mjs; 480 monthly per-force files, kept in bench/.data/ and
// reused) at each size; for each, in a fresh child process per run (bench/child.mjs; median of --runs):
//   - a bare byte scan of the files (the floor);
//   - DuckDB: read_csv of the tree, GROUP BY month × crime type × LSOA, COPY TO a CSV (the yardstick), over all rows,
//     and over the rows of one local authority;
//   - swp's real ingest path, readPoliceUk (fast reader, worker threads): all areas (month × type × LSOA for every row,
//     the same groups as DuckDB's query: the benchmark checks that both find the same groups and totals), and one
//     local authority (what a partnership's run reads);
//   - at the smallest size, swp's csv-parse reference reader, for scale.
// Rendering (the demo partnership): `swp --help`, time to first PDF through the CLI (browser start included), print
// time per document with the browser running; then a batch: `swp assess --all-areas --format pdf --jobs 1, 2, 4`
// over a workspace of --batch (50) generated partnerships (bench/partnerships.mjs), documents per minute.
// Maps (bench/maps.mjs): time and peak RSS to read an England-sized boundary file and draw one area's map.
// Outcomes (bench/outcomes.mjs): one force's street and outcomes files (--outcome-sizes: 100k a mid-size force, 1m a
// Metropolitan-size one, street rows a year), read for one partnership through swp's outcomes join, beside DuckDB.
// Everything is written to bench/results.md and printed. The build (npm run build) runs first unless --no-build.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { makeBatchWorkspace } from './partnerships.mjs';
import { benchMaps } from './maps.mjs';
import { benchOutcomes } from './outcomes.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DATA = join(ROOT, 'bench/.data');
const SIZES = { '100k': 100_000, '1m': 1_000_000, '6m': 6_000_000 };

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : def;
};
if (flag('--help') || flag('-h')) {
  process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//') && !l.startsWith('// ---')).map((l) => l.slice(3)).join('\n') + '\n');
  process.exit(0);
}
const sizes = value('--sizes', '100k,1m,6m').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
for (const s of sizes) if (!(s in SIZES)) throw new Error(`unknown size ${s} (use ${Object.keys(SIZES).join(', ')})`);
const runs = Number(value('--runs', '5'));
const batchDocs = Number(value('--batch', '50'));
const outFile = resolve(value('--out', join(ROOT, 'bench/results.md')));

const log = (s) => process.stderr.write(`${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n, d = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

// ---------------------------------------------------------------- build and machine

if (!flag('--no-build')) {
  log('building (npm run build)…');
  const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) {
    if (!existsSync(join(ROOT, 'dist/ingest/fast/worker.js'))) throw new Error('the build failed and there is no dist/ to measure');
    log('warning: the build failed; measuring the existing dist/');
  }
}

function machine() {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd();
    } catch {
      return 'unavailable';
    }
  };
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: `${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism()} cores (nproc ${sh('nproc', [])})`,
    memory: sh('free', ['-h']),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

async function browserVersion() {
  try {
    const pdf = await import(join(ROOT, 'dist/pdf/index.js'));
    const found = await pdf.findBrowser({});
    return `${execFileSync(found.executablePath, ['--version'], { encoding: 'utf8' }).trim()} (${pdf.describeBrowser(found)})`;
  } catch (e) {
    return `no browser found (${e.message})`;
  }
}

async function duckdbVersion() {
  try {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    return (await con.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v;
  } catch (e) {
    return `unavailable (${e.message})`;
  }
}

// ---------------------------------------------------------------- measurements

/** Run bench/child.mjs once; returns its JSON. */
function child(args) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bench/child.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench/child.mjs ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** The median wall time, CPU and RSS (each its own median) of runs of one method, and the last run's checks. */
function summarise(rs) {
  const last = rs[rs.length - 1];
  return { ...last, wallMs: median(rs.map((r) => r.wallMs)), cpuMs: median(rs.map((r) => r.cpuMs)), rssMb: median(rs.map((r) => r.rssMb)), all: rs.map((r) => r.wallMs) };
}

/**
 * `n` rounds, each running every method once in turn (not all runs of one method, then all of the next): other work
 * on a shared machine comes and goes, and interleaving spreads it over the methods compared.
 */
function measureRounds(methods, dir, la, n = runs) {
  const got = Object.fromEntries(methods.map((m) => [m, []]));
  for (let i = 0; i < n; i++) {
    for (const m of methods) {
      log(`  ${m} (round ${i + 1} of ${n})`);
      got[m].push(child([m, dir, la ?? '']));
    }
  }
  return Object.fromEntries(methods.map((m) => [m, summarise(got[m])]));
}

/** Runs of one method (methods measured once, for scale). */
function measure(method, dir, la, n = runs) {
  const rs = [];
  for (let i = 0; i < n; i++) rs.push(child([method, dir, la ?? '']));
  return summarise(rs);
}

/** Wall time of a whole command, median of n. */
function timeCommand(cmd, args, n, env = {}) {
  const times = [];
  let last;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
    times.push(performance.now() - t0);
    if (last.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${last.stderr}`);
  }
  return { ms: median(times), all: times.map(Math.round), stdout: last.stdout, stderr: last.stderr };
}

/** A module to --import into a command: prints its peak RSS (kilobytes) to stderr as it exits. */
const RSS_AT_EXIT = `data:text/javascript,${encodeURIComponent("process.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));")}`;

const report = [];
const out = (s = '') => report.push(s);
/** Figures for the targets of the issue (filled in as they are measured). */
const targets = [];

const info = machine();
const loadBefore = os.loadavg();
const chromium = flag('--no-render') ? 'not used' : await browserVersion();
const duck = flag('--no-ingest') ? 'not used' : await duckdbVersion();

out('# swp benchmark results');
out();
out(`Written by \`npm run bench\` (bench/run.mjs) on ${info.date}. Sizes: ${sizes.join(', ')}; medians of ${runs} runs, each in a fresh process.`);
out();
out('## Machine');
out();
out(`- CPU: ${info.cpu}`);
out(`- OS: ${info.os}`);
out(`- Node.js ${info.node}; DuckDB ${duck} (@duckdb/node-api); browser: ${chromium}`);
out(`- Load average before the run: ${loadBefore.map((x) => x.toFixed(2)).join(', ')} (other work on the machine slows every method alike; compare within a table)`);
out('- Memory (`free -h`):');
out();
out('```');
out(info.memory);
out('```');
out();

// ---------------------------------------------------------------- ingest

if (!flag('--no-ingest')) {
  out('## Ingest: police.uk street-level files');
  out();
  out('Seeded files laid out as the bulk download: 40 forces × 12 months = 480 files, ~34,000 LSOAs, crime types in national shares,');
  out('anti-social behaviour with no Crime ID, ~1% rows with no location, ~2% quoted locations with a comma, CRLF (bench/generate.mjs).');
  out('All methods read the same files from the page cache. "all areas" groups every row with an LSOA by month × crime type × LSOA');
  out('(DuckDB: `read_csv(…, all_varchar = true)` + `GROUP BY` + `COPY … TO` a CSV; swp: `readPoliceUk` with no area filter, which also');
  out('checks every row, de-duplicates Crime IDs and keeps located errors); "one LA" keeps the rows of one local authority');
  out('("<name> 123A" LSOA names), which is what a partnership\'s run reads; "every LA at once" reads each of the ~320 local authorities');
  out('as its own area in one pass (`readPoliceUk` with `areas`), which is what `swp assess --all-areas` reads for a national batch.');
  out('Each is checked to find the same groups and totals as DuckDB. Methods run in rounds (each method once a round), so that');
  out('other work on a shared machine falls on all of them alike.');
  out('Peak RSS is the process\'s maximum resident set (all threads). CPU is user + system time of all threads.');
  out();
  out('| rows | method | wall | CPU | rows/s | MB/s | peak RSS | × DuckDB (wall) | check |');
  out('|---|---|---|---|---|---|---|---|---|');
  const summary = [];
  for (const size of sizes) {
    const rows = SIZES[size];
    const dir = join(DATA, size);
    log(`data ${size}: ${existsSync(join(dir, 'generated.json')) ? 'reusing' : 'generating'} ${relative(ROOT, dir)}`);
    const g = generate({ rows, out: dir, log });
    const mb = g.bytes / 1e6;
    const la = g.la;
    const row = (label, r, vs, check) => {
      const s = r.wallMs / 1000;
      out(`| ${fmt(rows)} | ${label} | ${secs(r.wallMs)} | ${secs(r.cpuMs)} | ${fmt(rows / s)} | ${fmt(mb / s)} | ${fmt(r.rssMb)} MB | ${vs ? (r.wallMs / vs.wallMs).toFixed(2) : '1.00'} | ${check ?? ''} |`);
    };
    const m = measureRounds(['floor', 'duckdb', 'swp', 'swp-las', 'duckdb-la', 'swp-la'], dir, la);
    const { floor, duckdb: duckAll, swp: swpAll, 'swp-las': swpLas, 'duckdb-la': duckLa, 'swp-la': swpLa } = m;
    const same = (a, b) => (a.groups === b.groups && a.total === b.total ? `same ${fmt(a.groups)} groups, ${fmt(a.total)} rows` : `**differ**: ${a.groups}/${a.total} vs ${b.groups}/${b.total}`);
    row('byte scan (floor)', floor, duckAll, `${fmt(floor.lines)} lines, ${fmt(mb, 0)} MB`);
    row('DuckDB, all areas', duckAll, undefined, '');
    row('**swp, all areas**', swpAll, duckAll, same(swpAll, duckAll));
    row(`**swp, every LA at once** (${swpLas.areas} areas, one pass)`, swpLas, duckAll, same(swpLas, duckAll));
    row(`DuckDB, one LA (${la})`, duckLa, duckAll, '');
    row(`**swp, one LA (${la})**`, swpLa, duckLa, same(swpLa, duckLa));
    if (size === sizes[0] && rows <= 1_000_000) {
      log(`  csv-parse reference reader (one LA)`);
      const ref = measure('csv-parse', dir, la);
      row('swp csv-parse reader, one LA', ref, duckLa, same(ref, duckLa));
    }
    summary.push({ size, rows, mb, floor, duckAll, swpAll, swpLas, duckLa, swpLa });
    if (size === sizes[sizes.length - 1]) {
      const ok = (b) => (b ? 'met' : '**not met**');
      targets.push([`ingest of ${fmt(rows)} rows within 1.5× DuckDB's time: all areas`, `${(swpAll.wallMs / duckAll.wallMs).toFixed(2)}×`, ok(swpAll.wallMs <= 1.5 * duckAll.wallMs)]);
      targets.push([`ingest of ${fmt(rows)} rows within 1.5× DuckDB's time: every LA at once (vs DuckDB, all areas)`, `${(swpLas.wallMs / duckAll.wallMs).toFixed(2)}×`, ok(swpLas.wallMs <= 1.5 * duckAll.wallMs)]);
      targets.push([`ingest of ${fmt(rows)} rows within 1.5× DuckDB's time: one LA (vs DuckDB on the same LA)`, `${(swpLa.wallMs / duckLa.wallMs).toFixed(2)}×`, ok(swpLa.wallMs <= 1.5 * duckLa.wallMs)]);
      targets.push([`peak RSS under 300 MB (${fmt(rows)} rows): all areas / every LA at once / one LA`, `${fmt(swpAll.rssMb)} MB / ${fmt(swpLas.rssMb)} MB / ${fmt(swpLa.rssMb)} MB`, `${ok(swpAll.rssMb < 300)} / ${ok(swpLas.rssMb < 300)} / ${ok(swpLa.rssMb < 300)}`]);
    }
  }
  out();
  out('How time and memory grow (all areas; per million rows):');
  out();
  out('| rows | swp s / M rows | DuckDB s / M rows | swp peak RSS | DuckDB peak RSS |');
  out('|---|---|---|---|---|');
  for (const s of summary) out(`| ${fmt(s.rows)} | ${(s.swpAll.wallMs / s.rows * 1000).toFixed(2)} | ${(s.duckAll.wallMs / s.rows * 1000).toFixed(2)} | ${fmt(s.swpAll.rssMb)} MB | ${fmt(s.duckAll.rssMb)} MB |`);
  out();
  out(`Wall times of every run, in run order (ms): ${summary.map((s) => `${s.size}: DuckDB ${s.duckAll.all.join('/')}, swp ${s.swpAll.all.join('/')}, swp every LA ${s.swpLas.all.join('/')}, DuckDB one LA ${s.duckLa.all.join('/')}, swp one LA ${s.swpLa.all.join('/')}`).join('; ')}.`);
  out();
}

// ---------------------------------------------------------------- rendering

if (!flag('--no-render')) {
  log('rendering: the demo partnership');
  if (!existsSync(join(ROOT, 'data/demo/crime/police-uk/2017-03'))) {
    execFileSync(process.execPath, [join(ROOT, 'scripts/generate-demo.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const swp = join(ROOT, 'bin/swp.js');
  const tmp = mkdtempSync(join(os.tmpdir(), 'swp-bench-render-'));
  try {
    const env = { SOURCE_DATE_EPOCH: '1491004800' };
    const nodeBare = timeCommand(process.execPath, ['-e', ''], 5);
    const help = timeCommand(process.execPath, [swp, '--help'], 5);
    // Which modules `swp --help` loads: a resolve hook that lists them.
    const hook = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent('export async function resolve(s, c, n) { const r = await n(s, c); process.stderr.write("MODULE " + r.url + "\\\\n"); return r; }'));`)}`;
    const modules = spawnSync(process.execPath, ['--import', hook, swp, '--help'], { cwd: ROOT, encoding: 'utf8' }).stderr.split('\n').filter((l) => l.startsWith('MODULE ')).map((l) => l.slice(7));
    const packages = [...new Set(modules.filter((u) => u.includes('/node_modules/')).map((u) => u.split('/node_modules/').pop().split('/').slice(0, 1).join('/')))];
    const own = modules.filter((u) => u.startsWith('file:') && !u.includes('/node_modules/')).length;
    log('  assess (CLI, PDF)');
    const assess = timeCommand(process.execPath, [swp, 'assess', '-w', 'data/demo', '--format', 'pdf', '-o', join(tmp, 'a'), '--quiet'], runs, env);
    log('  report (CLI, PDF)');
    const reportCmd = timeCommand(process.execPath, [swp, 'report', '-w', 'data/demo', '--quarter', '2016/17-Q3', '--format', 'pdf', '-o', join(tmp, 'r'), '--quiet'], runs, env);
    log('  html (CLI)');
    const assessHtml = timeCommand(process.execPath, [swp, 'assess', '-w', 'data/demo', '--format', 'html', '-o', join(tmp, 'h'), '--quiet'], runs, env);
    timeCommand(process.execPath, [swp, 'report', '-w', 'data/demo', '--quarter', '2016/17-Q3', '--format', 'html', '-o', join(tmp, 'h'), '--quiet'], 1, env);
    const aHtml = join(tmp, 'h/assessment-2016-17.html');
    const rHtml = join(tmp, 'h/report-2016-17-Q3.html');
    log('  assess --all-areas (CLI, PDF)');
    let allAreas;
    try {
      const r = timeCommand(process.execPath, [swp, 'assess', '-w', 'data/demo', '--all-areas', '--format', 'pdf', '-o', join(tmp, 'all'), '--quiet'], runs, env);
      const made = spawnSync('find', [join(tmp, 'all'), '-name', '*.pdf'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).length;
      allAreas = { ms: r.ms, documents: made };
    } catch (e) {
      allAreas = { error: e.message.split('\n')[0] };
    }
    log('  per-document print time');
    const docs = child(['render-docs', aHtml, rHtml]);
    out('## Rendering (the demo partnership, Castlebridge)');
    out();
    out('| what | time |');
    out('|---|---|');
    out(`| \`node -e ''\` (Node.js start, for scale) | ${secs(nodeBare.ms)} |`);
    out(`| \`swp --help\` (target < 0.3 s) | ${secs(help.ms)} — loads ${own} of swp's own modules and ${packages.length ? packages.join(', ') : 'no packages'} |`);
    out(`| \`swp assess\`, PDF: time to first PDF, browser start included (target < 3 s) | ${secs(assess.ms)} |`);
    out(`| \`swp report --quarter 2016/17-Q3\`, PDF, browser start included | ${secs(reportCmd.ms)} |`);
    out(`| \`swp assess --format html\` (ingest of 268k police.uk rows, analysis, HTML; no browser) | ${secs(assessHtml.ms)} |`);
    if (allAreas.error === undefined) out(`| \`swp assess --all-areas\`, PDF: every area of the demo with data (${allAreas.documents} partnerships), one process and browser | ${secs(allAreas.ms)} |`);
    else out(`| \`swp assess --all-areas\` | failed: ${allAreas.error} |`);
    out(`| browser launch (BrowserManager) | ${secs(docs.launchMs)} |`);
    for (const [name, ms] of Object.entries(docs.docs)) out(`| print one document, browser running: ${name} | ${secs(ms)} |`);
    out();
    out(`Browser: ${docs.browser}. Command times are whole processes (median of ${runs}; \`--help\` and \`node -e\` of 5).`);
    out();
    // Batch: a real `swp assess --all-areas` over a workspace of generated partnerships (bench/partnerships.mjs).
    log(`  batch workspace of ${batchDocs} partnerships`);
    const ws = await makeBatchWorkspace({ partnerships: batchDocs, out: join(DATA, `batch-${batchDocs}`), log });
    out(`Batch: \`swp assess --all-areas --format pdf --jobs N\` over a workspace of ${batchDocs} generated partnerships (bench/partnerships.mjs:`);
    out(`the demo's three areas replicated under new names, ${fmt(ws.rows)} police.uk rows in ${ws.files} files, ${fmt(ws.bytes / 1e6)} MB), one process`);
    out('and one browser, everything included: reading the police.uk files once for all areas, the analysis, HTML and PDF of');
    out(`each partnership. One run each. Peak RSS is the Node.js process's (the browser's processes are not in it).`);
    out();
    out('| pages in parallel (`--jobs`) | wall | PDFs written | documents / minute | Node.js peak RSS |');
    out('|---|---|---|---|---|');
    let best;
    for (const jobs of [1, 2, 4]) {
      log(`  assess --all-areas, ${batchDocs} partnerships, --jobs ${jobs}`);
      const dir = join(tmp, `batch-${jobs}`);
      const r = timeCommand(process.execPath, ['--import', RSS_AT_EXIT, swp, 'assess', '-w', ws.dir, '--all-areas', '--format', 'pdf', '--jobs', String(jobs), '-o', dir, '--quiet'], 1, env);
      const made = spawnSync('find', [dir, '-name', '*.pdf'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).length;
      const rss = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
      if (!best || r.ms < best.ms) best = { ms: r.ms, jobs, made };
      out(`| ${jobs} | ${secs(r.ms)} | ${made} | ${(made / (r.ms / 60000)).toFixed(1)} | ${fmt(rss)} MB |`);
      rmSync(dir, { recursive: true, force: true });
    }
    out();
    const ok = (b) => (b ? 'met' : '**not met**');
    targets.push(['`swp --help` under 0.3 s', secs(help.ms), ok(help.ms < 300)]);
    targets.push(['assessment PDF for one partnership under 3 s, browser start included', secs(assess.ms), ok(assess.ms < 3000)]);
    targets.push([`batch of ${batchDocs} partnerships under 2 minutes (\`assess --all-areas\`, PDF, --jobs ${best.jobs})`, `${secs(best.ms)} (${best.made} PDFs)`, ok(best.ms < 120000 && best.made === batchDocs)]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (!flag('--no-maps')) {
  log('maps: an England-sized boundary file');
  for (const line of benchMaps()) out(line);
}

if (!flag('--no-outcomes')) {
  log('outcomes: street + outcomes files of one force');
  const outcomeSizes = value('--outcome-sizes', '100k,1m').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const line of benchOutcomes({ sizes: outcomeSizes, runs, log })) out(line);
}

if (targets.length > 0) {
  out('## Targets (issue 7)');
  out();
  out('| target | measured | |');
  out('|---|---|---|');
  for (const [t, v, ok] of targets) out(`| ${t} | ${v} | ${ok} |`);
  out();
}

const loadAfter = os.loadavg();
out(`Load average after the run: ${loadAfter.map((x) => x.toFixed(2)).join(', ')}.`);
const text = report.join('\n') + '\n';
writeFileSync(outFile, text);
process.stdout.write(text);
log(`written to ${relative(process.cwd(), outFile) || outFile}`);
