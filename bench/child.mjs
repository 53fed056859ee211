// bench/child.mjs: one measurement in a fresh process (so that peak RSS is its own), printed as one JSON line.
//
//   node bench/child.mjs <method> <data folder> [la-name]
//
// methods:
//   floor        read every file and count its line ends (the least any reader must do)
//   duckdb       DuckDB read_csv of the tree, GROUP BY month × crime type × LSOA over all rows with an LSOA, COPY TO a CSV
//   duckdb-la    the same, only rows whose LSOA name is "<la-name> 123A" (what swp computes for one partnership)
//   swp          swp's readPoliceUk (the fast reader, worker threads), all areas: month × type × LSOA for every row
//   swp-la       swp's readPoliceUk for one local authority (a partnership's real ingest)
//   swp-las      swp's readPoliceUk for every local authority at once, each its own area (a national batch's ingest)
//   csv-parse    swp's reference reader (csv-parse), one local authority
//   outcomes-swp     swp's readOutcomesFiles (dist/ingest/outcomes.js) over a bench/outcomes.mjs tree: the force, its 12
//                    months, one local authority (la-name); counts of the joined crimes by outcome category
//   outcomes-duckdb  the same join in DuckDB (latest outcome by month, else the street category), categories from
//                    bench/outcomes.mjs's own table: the independent check
//   render-docs  <html files…>: one browser, each document printed 3 times; per-document median print time
// Times are of the work itself (modules loaded and the process started before the clock starts); `cpuMs` is the
// process's CPU time (all threads) over the same span; `rssMb` is the process's peak resident set.
import { closeSync, mkdtempSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const [method, dataDir, laName] = process.argv.slice(2);
const args = process.argv.slice(3);

function csvFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...csvFiles(p));
    else if (e.name.endsWith('.csv')) out.push(p);
  }
  return out;
}

/** Groups (month × type × LSOA with a count) and their total, from a PoliceUkData. */
function swpGroups(data) {
  let groups = 0;
  let total = 0;
  for (const l of data.byLsoa.values()) {
    for (const n of l.counts) {
      if (n > 0) {
        groups++;
        total += n;
      }
    }
  }
  return { groups, total };
}

async function run() {
  switch (method) {
    case 'floor': {
      const files = csvFiles(dataDir);
      const buf = Buffer.allocUnsafe(1 << 20);
      let lines = 0;
      let bytes = 0;
      for (const f of files) {
        const fd = openSync(f, 'r');
        for (;;) {
          const n = readSync(fd, buf, 0, buf.length, null);
          if (n === 0) break;
          bytes += n;
          const view = n === buf.length ? buf : buf.subarray(0, n);
          for (let i = view.indexOf(10); i >= 0; i = view.indexOf(10, i + 1)) lines++;
        }
        closeSync(fd);
      }
      return { lines, bytes };
    }
    case 'duckdb':
    case 'duckdb-la': {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const out = mkdtempSync(join(tmpdir(), 'swp-bench-duckdb-'));
      try {
        const instance = await DuckDBInstance.create(':memory:');
        const con = await instance.connect();
        const where = method === 'duckdb-la' ? `AND regexp_full_match("LSOA name", '${laName.replace(/'/g, "''")} [0-9]{3}[A-Z]')` : '';
        const target = join(out, 'groups.csv');
        await con.run(
          `COPY (SELECT "Month", "Crime type", "LSOA code", count(*) AS n FROM read_csv('${join(dataDir, '*', '*.csv')}', header = true, all_varchar = true) ` +
            `WHERE "LSOA code" IS NOT NULL ${where} GROUP BY ALL) TO '${target}' (HEADER)`,
        );
        const stop = mark();
        const check = await con.runAndReadAll(`SELECT count(*)::BIGINT AS groups, sum(n)::BIGINT AS total FROM read_csv('${target}')`);
        const [row] = check.getRowObjects();
        return { groups: Number(row.groups), total: Number(row.total), stop };
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }
    case 'swp-las': {
      // Every local authority of the generated country as its own area, in one read: a national batch's ingest.
      const mod = await import(join(ROOT, 'dist/ingest/formats/police-uk.js'));
      const { areas, data } = await mod.readPoliceUk([dataDir], { area: {}, areas: laNames.map((n) => ({ lsoaNamePrefix: n })), latestMonth: '2099-12' });
      const sum = areas.map(swpGroups).reduce((a, b) => ({ groups: a.groups + b.groups, total: a.total + b.total }));
      return { ...sum, rows: data.tally.rows, areas: areas.length };
    }
    case 'swp':
    case 'swp-la':
    case 'csv-parse': {
      const mod = await import(join(ROOT, 'dist/ingest/formats/police-uk.js'));
      const area = method === 'swp' ? {} : { lsoaNamePrefix: laName };
      const read = method === 'csv-parse' ? mod.readPoliceUkCsvParse : mod.readPoliceUk;
      const { data } = await read([dataDir], { area, latestMonth: '2099-12' });
      return { ...swpGroups(data), rows: data.tally.rows };
    }
    case 'outcomes-swp': {
      const { readOutcomesFiles } = await import(join(ROOT, 'dist/ingest/outcomes.js'));
      const got = await readOutcomesFiles([dataDir], { displayBase: dataDir, forces: [outcomesMeta.force], months: outcomesMeta.months, area: { lsoaNamePrefix: laName } });
      const counts = { force: got.crimes.length, inArea: 0, byCategory: {} };
      for (const c of got.crimes) {
        if (!c.inArea) continue;
        counts.inArea++;
        const k = c.category ?? 'none';
        counts.byCategory[k] = (counts.byCategory[k] ?? 0) + 1;
      }
      return { counts: sortCounts(counts) };
    }
    case 'outcomes-duckdb': {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const { CATEGORY_OF } = await import('./outcomes.mjs');
      const con = await (await DuckDBInstance.create(':memory:')).connect();
      const months = outcomesMeta.months.map((m) => `'${m}'`).join(',');
      const la = laName.replace(/'/g, "''");
      const r = await con.runAndReadAll(
        `WITH s AS (SELECT "Crime ID" AS id, "LSOA name" AS name, "Last outcome category" AS cat FROM read_csv('${join(dataDir, '*', '*-street.csv')}', header = true, all_varchar = true) ` +
          `WHERE "Crime ID" IS NOT NULL AND "Month" IN (${months})), ` +
          `o AS (SELECT "Crime ID" AS id, arg_max("Outcome type", "Month") AS latest FROM read_csv('${join(dataDir, '*', '*-outcomes.csv')}', header = true, all_varchar = true) GROUP BY 1) ` +
          `SELECT coalesce(regexp_full_match(s.name, '${la} [0-9]{3}[A-Z]'), false) AS in_area, coalesce(o.latest, s.cat) AS outcome, count(*)::BIGINT AS n FROM s LEFT JOIN o USING (id) GROUP BY ALL`,
      );
      const counts = { force: 0, inArea: 0, byCategory: {} };
      for (const row of r.getRowObjects()) {
        const n = Number(row.n);
        counts.force += n;
        if (!row.in_area) continue;
        counts.inArea += n;
        const k = row.outcome === null || row.outcome === '' ? 'none' : (CATEGORY_OF[row.outcome] ?? 'unknown');
        counts.byCategory[k] = (counts.byCategory[k] ?? 0) + n;
      }
      return { counts: sortCounts(counts) };
    }
    case 'render-docs': {
      const { readFileSync } = await import('node:fs');
      const pdf = await import(join(ROOT, 'dist/pdf/index.js'));
      const out = mkdtempSync(join(tmpdir(), 'swp-bench-pdf-'));
      const manager = new pdf.BrowserManager({});
      const print = (html, name) => pdf.htmlToPdfFile(manager, html, join(out, `${name}.pdf`), { title: 'Benchmark', lang: 'en-GB', partnership: 'Castlebridge Community Safety Partnership', marking: 'OFFICIAL' });
      try {
        await manager.browser();
        const docs = {};
        for (const file of args) {
          const html = readFileSync(file, 'utf8');
          const times = [];
          for (let k = 0; k < 3; k++) times.push((await print(html, `doc-${k}`)).ms);
          times.sort((a, b) => a - b);
          docs[file.split('/').pop().replace(/\.html$/, '')] = Math.round(times[1]);
        }
        return { launchMs: Math.round(manager.launchMs ?? 0), docs, browser: pdf.describeBrowser(manager.found) };
      } finally {
        await manager.dispose();
        rmSync(out, { recursive: true, force: true });
      }
    }
    default:
      throw new Error(`unknown method ${method}`);
  }
}

/** Counts with their categories in a fixed order (so that two results compare as JSON). */
function sortCounts(c) {
  return { ...c, byCategory: Object.fromEntries(Object.entries(c.byCategory).sort((a, b) => (a[0] < b[0] ? -1 : 1))) };
}

let stopped;
/** Stop the clock (work after it, such as reading back a result to check it, is not timed). */
function mark() {
  stopped = { wall: performance.now(), cpu: process.cpuUsage() };
  return true;
}

// The local authorities of the generated country (bench/generate.mjs), worked out before the clock starts.
const laNames = method === 'swp-las' ? [...new Set((await import('./generate.mjs')).country().forces.flatMap((f) => f.las))] : [];

// The force and months of a bench/outcomes.mjs tree, read before the clock starts.
const outcomesMeta = method.startsWith('outcomes-') ? JSON.parse((await import('node:fs')).readFileSync(join(dataDir, 'generated.json'), 'utf8')) : undefined;

const t0 = performance.now();
const c0 = process.cpuUsage();
const result = await run();
const end = stopped ?? { wall: performance.now(), cpu: process.cpuUsage() };
const cpu = process.cpuUsage(c0);
const cpuAtStop = stopped ? { user: end.cpu.user - c0.user, system: end.cpu.system - c0.system } : cpu;
delete result.stop;
process.stdout.write(
  JSON.stringify({
    method,
    wallMs: Math.round(end.wall - t0),
    cpuMs: Math.round((cpuAtStop.user + cpuAtStop.system) / 1000),
    rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...result,
  }) + '\n',
);
