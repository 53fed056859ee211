/**
 * Differential tests of the fast police.uk reader (src/ingest/fast/) against the reference reader (csv-parse):
 * on the real Essex sample, the demo tree, hand-made tricky files and every broken case, both must give the same
 * data (including the order of every Map), the same file summaries, the same warnings in the same order, and the
 * same errors (message, file, line, column, expected, found, hint). The fast reader is run in this thread, in
 * worker threads, and with tiny reads and tiny batches, so that every byte of a file sits at a read boundary once and
 * streamed files are handed over to csv-parse part-way.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readPoliceUkFast, type FastReadOptions, type WorkerEntry } from '../../../src/ingest/fast/read.js';
import { readPoliceUkCsvParse, type PoliceUkOptions } from '../../../src/ingest/formats/police-uk.js';
import { CRIME_TYPES, type PoliceUkData } from '../../../src/model/data.js';
import { SwpError, type Warning } from '../../../src/model/errors.js';
import { REAL_DATA, ROOT, tempDir, writeTree } from '../../helpers.js';

const ESSEX = join(REAL_DATA, '2022-12-essex-street-sample.csv');
const STOP_SEARCH = join(REAL_DATA, '2019-06-greater-manchester-stop-and-search.csv');
const DEMO = join(ROOT, 'data/demo/crime/police-uk');
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const HEX = (n: number) => n.toString(16).padStart(64, 'a');

/**
 * Workers from the TypeScript sources: the compiled worker.js only exists in dist/, so the sources it needs are
 * transpiled once (TypeScript's transpileModule) into test/.tmp, where bare imports still resolve to node_modules.
 */
function sourceWorker(): WorkerEntry {
  const require = createRequire(import.meta.url);
  const ts = require('typescript') as typeof import('typescript');
  const out = join(ROOT, 'test/.tmp', `fast-worker-${process.pid}`);
  const copy = (dir: string) => {
    for (const e of readdirSync(join(ROOT, 'src', dir), { withFileTypes: true })) {
      const rel = join(dir, e.name);
      if (e.isDirectory()) copy(rel);
      else if (e.name.endsWith('.ts')) {
        const source = readFileSync(join(ROOT, 'src', rel), 'utf8');
        const js = ts.transpileModule(source, { fileName: rel, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
        mkdirSync(join(out, dir), { recursive: true });
        writeFileSync(join(out, rel.replace(/\.ts$/, '.js')), js);
      }
    }
  };
  // The layers below ingest (src/architecture: model → files → ingest), which the worker's modules import.
  copy('ingest');
  copy('files');
  copy('model');
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  return { script: pathToFileURL(join(out, 'ingest/fast/worker.js')) };
}
const WORKERS: FastReadOptions = { threads: 2, worker: sourceWorker() };

/** Plain objects of a result, keeping every Map's and Set's order. */
function plain(data: PoliceUkData) {
  return {
    byMonth: [...data.byMonth].map(([m, c]) => [m, [...c]]),
    lsoaMonths: data.lsoaMonths,
    byLsoa: [...data.byLsoa].map(([code, l]) => [code, l.name, [...l.counts]]),
    monthsByForce: [...data.monthsByForce].map(([f, s]) => [f, [...s]]),
    rowsByForce: [...data.rowsByForce],
    coverage: data.coverage,
    tally: data.tally,
    files: data.files,
  };
}

type Outcome = { warnings: Warning[] } & (
  | { ok: true; data: ReturnType<typeof plain>; summaries: unknown }
  | { ok: false; code: number; problems: unknown; omitted: number; message: string }
);

type Reader = (paths: readonly string[], options: PoliceUkOptions) => Promise<{ data: PoliceUkData; summaries: unknown }>;

async function outcome(reader: Reader, paths: readonly string[], options: PoliceUkOptions): Promise<Outcome> {
  const warnings: Warning[] = [];
  try {
    const r = await reader(paths, { ...options, onWarning: (w) => warnings.push(w) });
    return { ok: true, data: plain(r.data), summaries: r.summaries, warnings };
  } catch (e) {
    if (!(e instanceof SwpError)) throw e;
    return { ok: false, code: e.code, problems: e.problems, omitted: e.omitted, message: e.message, warnings };
  }
}

/** Run the reference reader and the fast reader in the given modes; all must agree. Returns the reference outcome and the files the fast reader handed over. */
async function agree(paths: readonly string[], options: PoliceUkOptions, modes: FastReadOptions[] = [{ threads: 0 }]): Promise<{ ref: Outcome; fallbacks: string[] }> {
  const ref = await outcome(readPoliceUkCsvParse, paths, options);
  const fallbacks: string[] = [];
  for (const mode of modes) {
    const got = await outcome(
      (p, o) => readPoliceUkFast(p, o, { ...mode, onFallback: (file, reason) => fallbacks.push(`${file}: ${reason}`) }),
      paths,
      options,
    );
    expect(got, `fast reader ${JSON.stringify({ ...mode, worker: undefined })}`).toEqual(ref);
  }
  return { ref, fallbacks };
}

/** Every way of running the fast reader: in this thread, tiny reads, streamed in tiny batches, and workers. */
const ALL_MODES: FastReadOptions[] = [
  { threads: 0 },
  { threads: 0, readSize: 7 },
  { threads: 0, streamAbove: 0, batchRows: 2, readSize: 13 },
];

describe('fast police.uk reader: real and demo data', () => {
  it('agrees with csv-parse on the real Essex sample, for every kind of area filter', async () => {
    for (const area of [{ lsoaNamePrefix: 'Basildon' }, { lsoaNamePrefix: 'Castle' }, { lsoaCodes: new Set(['E01021237', 'E01021238']) }, {}]) {
      const { ref, fallbacks } = await agree([ESSEX], { area, latestMonth: '2026-11', displayBase: REAL_DATA }, ALL_MODES);
      expect(ref.ok).toBe(true);
      expect(fallbacks).toEqual([]);
    }
  });

  it('agrees on the demo tree (96 files) in this thread and in worker threads, for one area and for all', async () => {
    if (!existsSync(DEMO)) throw new Error('the demo data is missing: run node scripts/generate-demo.mjs');
    for (const area of [{ lsoaNamePrefix: 'Castlebridge' }, {}]) {
      const { ref, fallbacks } = await agree([DEMO], { area, latestMonth: '2026-11', displayBase: ROOT }, [{ threads: 0 }, WORKERS, { ...WORKERS, streamAbove: 200_000, batchRows: 1000 }]);
      expect(ref.ok).toBe(true);
      expect(fallbacks).toEqual([]);
    }
  }, 120_000);

  it('passes over the real stop-and-search file like the reference reader (it is read apart, without a warning)', async () => {
    const { ref, fallbacks } = await agree([STOP_SEARCH, ESSEX], { area: { lsoaNamePrefix: 'Basildon' }, latestMonth: '2026-11', displayBase: REAL_DATA }, ALL_MODES);
    expect(ref.warnings.filter((w) => /stop and search/.test(w.message))).toEqual([]);
    expect(ref.ok && (ref.summaries as Array<{ kind: string; note?: string }>).find((s) => s.kind === 'police-uk-stop-search')?.note).toBe('read for the stop and search section');
    // The real file has quoted fields; if the scanner met anything in its first 256 KB it would leave it to csv-parse.
    expect(fallbacks).toEqual([]);
  });
});

describe('an LSOA that stops appearing mid-series (issue 11: "This is a bug in swp" from a short counts array)', () => {
  it('gives every LSOA an array as long as the months, with zeros after its last row, in both readers', async () => {
    // 14 months (more than the year an LSOA's array starts with); E01099002 has rows in the first two months only,
    // E01099003 from the thirteenth on. Two forces: Force A in every month, Force B (2 rows) in one.
    const dir = tempDir('swp-lsoa-gone-');
    const months: string[] = [];
    for (let k = 0; k < 14; k++) months.push(`${2016 + Math.floor((3 + k) / 12)}-${String(((3 + k) % 12) + 1).padStart(2, '0')}`);
    let id = 0;
    months.forEach((m, k) => {
      const rows = [`${HEX(++id)},${m},Force A,Force A,,,On or near A,E01099001,Castlebridge 001A,Burglary,,`];
      if (k < 2) rows.push(`${HEX(++id)},${m},Force A,Force A,,,On or near A,E01099002,Castlebridge 001B,Drugs,,`);
      if (k >= 12) rows.push(`${HEX(++id)},${m},Force A,Force A,,,On or near A,E01099003,Castlebridge 001C,Drugs,,`);
      writeFileSync(join(dir, `${m}-force-a-street.csv`), `${HEADER}\n${rows.join('\n')}\n`);
    });
    writeFileSync(join(dir, `${months[5]}-force-b-street.csv`), `${HEADER}\n${HEX(++id)},${months[5]},Force B,Force B,,,On or near A,E01099001,Castlebridge 001A,Robbery,,\n${HEX(++id)},${months[5]},Force B,Force B,,,On or near A,E01099009,Elsewhere 001A,Robbery,,\n`);
    const { ref } = await agree([dir], { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2026-11', displayBase: dir }, ALL_MODES);
    expect(ref.ok).toBe(true);
    if (!ref.ok) return;
    const n = CRIME_TYPES.length;
    const drugs = CRIME_TYPES.indexOf('Drugs');
    const byLsoa = new Map(ref.data.byLsoa.map(([code, , counts]) => [code as string, counts as number[]]));
    for (const counts of byLsoa.values()) expect(counts).toHaveLength(14 * n);
    expect(months.map((_, k) => byLsoa.get('E01099002')![k * n + drugs])).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(months.map((_, k) => byLsoa.get('E01099003')![k * n + drugs])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    // Force B supplies 1 of the area's 19 rows (< 10%): Force A alone covers the area, and every month is complete.
    expect(ref.data.rowsByForce).toEqual([['Force A', 18], ['Force B', 1]]);
    expect(ref.data.coverage).toEqual({ forces: ['Force A'], forcesFrom: 'data', span: { start: months[0], end: months[13] }, complete: months, missing: [] });
  });
});

/** A tree of tricky but valid files. */
function trickyTree(): string {
  const dir = tempDir('swp-fast-');
  const r = (id: string, month: string, lsoa: string, name: string, type: string, loc = 'On or near A', falls = 'Midshire Police') =>
    `${id},${month},Midshire Police,${falls},-1.5,52.1,${loc},${lsoa},${name},${type},Under investigation,`;
  writeTree(dir, {
    // Quoted fields: commas, escaped quotes, a quoted LSOA name, quoted month and type, an empty quoted field.
    '2016-04/2016-04-midshire-street.csv': [
      HEADER,
      r(HEX(1), '2016-04', 'E01099001', 'Castlebridge 001A', 'Burglary', '"On or near A, B"'),
      r(HEX(2), '2016-04', 'E01099001', '"Castlebridge 001A"', 'Burglary', '"He said ""hi"", then left"'),
      r(HEX(3), '"2016-04"', 'E01099002', 'Castlebridge 001B', '"Drugs"', '""'),
      r('', '2016-04', 'E01099002', 'Castlebridge 001B', 'Anti-social behaviour', '"x"'),
      r(HEX(4), '" 2016-04 "', 'E01099003', 'Castlebridge 001C', '"Other ""theft"""'.replace('""theft""', 'theft'), 'y'),
      r(HEX(5), '2016-04', 'E01099301', 'Hollinbury 001A', 'Robbery'),
      `${HEX(6)},2016-04,Midshire Police,Midshire Police,,,No Location,,,Drugs,,`,
      r('', '2016-04', 'E01099001', 'Castlebridge 001A', 'Anti-social behaviour'),
    ].join('\r\n') + '\r\n',
    // Mixed line ends (LF header; CRLF, LF and lone CR rows), blank lines, a line of commas, blanks, a quoted empty record.
    '2016-05/2016-05-midshire-street.csv':
      HEADER + '\n' +
      r(HEX(7), '2016-05', 'E01099001', 'Castlebridge 001A', 'Vehicle crime') + '\r\n' +
      '\r\n\n' +
      r(HEX(8), '2016-05', 'E01099001', 'Castlebridge 001A', 'Shoplifting') + '\r' +
      ',,,,,,,,,,,\n' +
      '   \n' +
      '""\n' +
      r(HEX(9), '2016-05', 'E01099004', 'Castlebridge 001D', 'Public order') + '\n' +
      r('', '2016-05', 'E01099004', 'Castlebridge 001D', 'Anti-social behaviour') + '\r\n\r\n\r\n',
    // A BOM, spaces and tabs around values, crime types in other cases, the last row without a line end and with a trailing comma.
    '2016-06/2016-06-midshire-street.csv':
      '\uFEFF' + HEADER + '\r\n' +
      r(` ${HEX(10)} `, ' 2016-06', '\tE01099001', 'Castlebridge 001A ', 'BURGLARY') + '\r\n' +
      r(HEX(11), '2016-06\t', 'E01099001', 'Castlebridge 001A', 'violence and sexual offences ', 'On or near B', ' Midshire Police ') + '\r\n' +
      r(HEX(12), '2016-06', 'E01099002', 'Castlebridge 001B', 'Criminal damage and arson'),
    // Line breaks inside quotes (the line numbers of later rows move), then a bad month to check the line.
    '2016-07/2016-07-midshire-street.csv': [
      HEADER,
      r(HEX(13), '2016-07', 'E01099001', 'Castlebridge 001A', 'Burglary', '"On or near\r\nA\nB\rC"'),
      r(HEX(14), '2016-07', 'E01099001', 'Castlebridge 001A', 'Burglary'),
    ].join('\n') + '\n',
    // Non-ASCII: a Welsh area name, no-break spaces (JavaScript's trim removes them), a force with an accent.
    '2016-08/2016-08-midshire-street.csv': [
      HEADER,
      r(HEX(15), '2016-08', 'W01000001', 'Ynys Môn 001A', 'Burglary'),
      r(HEX(16), '\u00a02016-08\u00a0', 'E01099001', 'Castlebridge 001A', 'Drugs'),
      r(HEX(17), '2016-08', 'E01099001', 'Castlebridge\u00a0001A\u00a0', 'Drugs\u2003'),
      r('\u00a0', '2016-08', 'E01099001', 'Castlebridge 001A', 'Anti-social behaviour', 'On or near Café', 'Gwasanaeth Heddlu Gogledd Cymru – Midshire'),
      r(`\u00a0${HEX(18)}`, '2016-08', 'E01099001', 'Castlebridge 001A', 'Drugs'),
    ].join('\n'),
    // Columns in another order and an extra one; Falls within empty (the force comes from the file name).
    '2016-09/2016-09-westshire-street.csv': [
      'Month,Crime type,LSOA name,LSOA code,Crime ID,Falls within,Reported by,Extra,Longitude,Latitude,Location,Last outcome category,Context',
      `2016-09,Burglary,Castlebridge 001A,E01099001,${HEX(19)},,Westshire Police,e,,,,,`,
      `2016-09,Burglary,Castlebridge 001A,E01099001,${HEX(20)},Westshire Police,Westshire Police,e,,,,,`,
      `2016-09,Anti-social behaviour,Castlebridge 001B,E01099002,,,Westshire Police,"e,f",,,,,`,
    ].join('\n') + '\n',
    // Duplicates: hex and other IDs, within and across files (first file wins), upper-case hex is another ID.
    '2016-10/2016-10-midshire-street.csv': [
      HEADER,
      r(HEX(21), '2016-10', 'E01099001', 'Castlebridge 001A', 'Burglary'),
      r(HEX(21), '2016-10', 'E01099001', 'Castlebridge 001A', 'Burglary'),
      r('abc', '2016-10', 'E01099002', 'Castlebridge 001B', 'Drugs'),
      r(HEX(21).toUpperCase(), '2016-10', 'E01099002', 'Castlebridge 001B', 'Drugs'),
      r(HEX(1), '2016-10', 'E01099003', 'Castlebridge 001C', 'Robbery'),
    ].join('\n') + '\n',
    '2016-10/2016-10-westshire-street.csv': [
      HEADER,
      r(HEX(21), '2016-10', 'E01099009', 'Castlebridge 009A', 'Robbery', 'x', 'Westshire Police'),
      r('abc', '2016-10', 'E01099009', 'Castlebridge 009A', 'Drugs', 'x', 'Westshire Police'),
      r(HEX(99), '2016-10', 'E01099009', 'Castlebridge 009A', 'Drugs', 'x', 'Westshire Police'),
    ].join('\n') + '\n',
    // A header, then only blank lines: a header-only file (a problem, thrown at the end with the others).
    'other/header-only.csv': HEADER + '\r\n\r\n\r\n',
    // Outcomes file: skipped with a note.
    '2016-10/2016-10-midshire-outcomes.csv': 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\naa,2016-05,Midshire Police,Midshire Police,,,"a, b",,,Suspect charged\n',
  });
  return dir;
}

describe('fast police.uk reader: tricky but valid files', () => {
  it('agrees on quoting, line ends, blank records, BOM, spacing, non-ASCII, column order, duplicates and skipped files', async () => {
    const dir = trickyTree();
    for (const area of [{ lsoaNamePrefix: 'Castlebridge' }, { lsoaNamePrefix: 'Ynys Môn' }, { lsoaCodes: new Set(['E01099001', 'E01099009']) }, {}]) {
      const { ref } = await agree([dir], { area, latestMonth: '2026-11', displayBase: dir }, [...ALL_MODES, WORKERS]);
      // The header-only file is a problem, so the read fails: that is compared too.
      expect(ref.ok).toBe(false);
    }
    // Without the header-only file, the read succeeds, with duplicates (the outcomes file is passed over without a note).
    const files = ['2016-04', '2016-05', '2016-06', '2016-07', '2016-08', '2016-09', '2016-10'].map((d) => join(dir, d));
    const { ref, fallbacks } = await agree(files, { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2026-11', displayBase: dir }, [...ALL_MODES, WORKERS]);
    expect(ref.ok).toBe(true);
    // All of it was read by the scanner itself, none handed to csv-parse.
    expect(fallbacks).toEqual([]);
    if (ref.ok) {
      expect(ref.data.tally.duplicates).toBe(4);
      expect(ref.warnings.map((w) => w.message)).toEqual([
        '4 crimes appeared in more than one file and were counted once',
      ]);
    }
  }, 120_000);
});

describe('fast police.uk reader: Crime IDs of 64 characters that are not lower-case hex', () => {
  it('are told from hex IDs read ahead at the same place in the read buffer (same counts and duplicates as csv-parse)', async () => {
    // Rows of the same length, so that with small reads records start again and again at the same buffer offsets:
    // a hex ID read ahead for one record must never stand for the next record's ID found there.
    const ids = [HEX(1), HEX(1).toUpperCase(), HEX(2), `${HEX(2).slice(0, 63)}g`, HEX(1).toUpperCase(), HEX(2), HEX(3).replace(/^a/, 'A'), HEX(3)];
    const rows = ids.map((id) => `${id},2016-04,F,F,,,,E01099001,Castlebridge 001A,Burglary,,`);
    const dir = tempDir('swp-fast-ids-');
    writeTree(dir, { '2016-04-f-street.csv': [HEADER, ...rows, ...rows].join('\n') + '\n' });
    const modes: FastReadOptions[] = [...ALL_MODES, ...[96, 97, 128, 160, 192].map((readSize) => ({ threads: 0, readSize }))];
    const { ref } = await agree([dir], { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2026-11', displayBase: dir }, modes);
    expect(ref.ok).toBe(true);
    // 16 rows, of which 6 distinct IDs (the upper-case and 'g' ones are IDs of their own, not hex IDs).
    if (ref.ok) expect([ref.data.tally.inArea, ref.data.tally.duplicates]).toEqual([6, 10]);
  });
});

/** Write one file under a fresh folder and return its path. */
function oneFile(name: string, content: string | Uint8Array): string {
  const dir = tempDir('swp-fast-');
  writeTree(dir, { [name]: content });
  return join(dir, name);
}

describe('fast police.uk reader: broken files give the same errors', () => {
  const ok = (month: string, type = 'Burglary', id = HEX(1)) => `${id},${month},F,F,,,,E01099001,Castlebridge 001A,${type},,`;
  const cases: Record<string, string | Uint8Array> = {
    'row problems': [HEADER, ok('2016-04'), ok('2016-13', 'Burglary', HEX(2)), ok('Dec-16'), ok('2017-04'), ok('2016-04', 'Violent crime'), 'aa,2016-04,F,F', ok('2016-04', 'Burglary', '') + ',extra', ok('2016-04', 'Burglary', '')].join('\n'),
    'more problems than are kept': [HEADER, ...Array.from({ length: 30 }, (_, i) => ok('2016-13', 'Burglary', HEX(i)))].join('\r\n'),
    'unbalanced quote': [HEADER, ok('2016-04'), `${HEX(3)},2016-04,F,F,,,"On or near A,E01099001,Castlebridge 001A,Burglary,,`, ok('2016-04', 'Drugs', HEX(4))].join('\n'),
    'quote inside a field': [HEADER, ok('2016-04'), `${HEX(3)},2016-04,F,F,,,On or near "A",E01099001,Castlebridge 001A,Burglary,,`].join('\n'),
    'text after a closing quote': [HEADER, ok('2016-04'), `${HEX(3)},2016-04,F,F,,,"On or near"A,E01099001,Castlebridge 001A,Burglary,,`].join('\n'),
    'NUL byte': [HEADER, ok('2016-04'), ok('2016-04', 'Drugs', HEX(5)).replace('Drugs', 'Dr\u0000ugs')].join('\n'),
    'Windows-1252': Buffer.concat([Buffer.from([HEADER, ok('2016-04'), ok('2016-04', 'Burglary', HEX(6)).replace(',,', ',')].join('\n') + '\n'), Buffer.from([0xa3]), Buffer.from('x,2016-04,F,F,,,,E01099001,Castlebridge 001A,Drugs,,\n')]),
    'UTF-16 with BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([HEADER, ok('2016-04')].join('\r\n') + '\r\n', 'utf16le')]),
    'a workbook': Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]),
    'empty': '',
    'another format': 'indicator,area_code,area_name,period_start,period_end,numerator,denominator\nx,E08099001,C,2016-04-01,2016-06-30,1,2\n',
    'quoted header': HEADER.split(',').map((h) => `"${h}"`).join(',') + '\n' + ok('2016-04') + '\n',
    'tab-separated': [HEADER.replace(/,/g, '\t'), ok('2016-04').replace(/,/g, '\t')].join('\n'),
    'header ended by CR alone': [HEADER, ok('2016-04'), ok('2016-05', 'Drugs', HEX(9))].join('\r'),
    'a record over 1 MiB': [HEADER, ok('2016-04'), `${HEX(3)},2016-04,F,F,,,${'x'.repeat(1_100_000)},E01099001,Castlebridge 001A,Burglary,,`].join('\n'),
    'a long record under 1 MiB': [HEADER, `${HEX(3)},2016-04,F,F,,,"${'y,'.repeat(300_000)}",E01099001,Castlebridge 001A,Burglary,,`, ok('2016-04', 'Drugs', HEX(8))].join('\n'),
    'a long record under 512 KiB': [HEADER, `${HEX(3)},2016-04,F,F,,,"${'y,\n'.repeat(100_000)}",E01099001,Castlebridge 001A,Burglary,,`, ok('2016-04', 'Drugs', HEX(8))].join('\n'),
    'BOM inside the file': [HEADER, ok('2016-04'), '\uFEFF' + ok('2016-04', 'Drugs', HEX(7))].join('\n'),
    'header only, no line end': HEADER,
  };
  for (const [name, content] of Object.entries(cases)) {
    it(name, async () => {
      const file = oneFile('2016-04-midshire-street.csv', content);
      await agree([file], { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2017-03', displayBase: join(file, '..') }, ALL_MODES);
    });
  }

  it('two street files for one force and month, also after row problems and across workers', async () => {
    const dir = tempDir('swp-fast-');
    const body = (extra: string) => `${HEADER}\n${ok('2016-13')}\n${extra}\n,2016-04,Midshire Police,Midshire Police,,,,E01099001,Castlebridge 001A,Anti-social behaviour,,\n`;
    writeTree(dir, { 'a/2016-04-midshire-street.csv': body(ok('2016-05')), 'b/2016-04-midshire-street.csv': body(ok('2016-06', 'Drugs', HEX(3))) });
    const { ref } = await agree([dir], { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2026-11', displayBase: dir }, [...ALL_MODES, WORKERS]);
    expect(ref.ok === false && ref.message).toBe('two street-level files hold Midshire Police for 2016-04');
  });

  it('an outcomes file whose first chunk csv-parse would refuse is left to csv-parse', async () => {
    const file = oneFile('2016-05-midshire-outcomes.csv', 'Crime ID,Month,Outcome type\n"aa"b,2016-05,x\n');
    const { fallbacks } = await agree([file], { area: {}, latestMonth: '2026-11', displayBase: join(file, '..') }, ALL_MODES);
    expect(fallbacks.length).toBeGreaterThan(0);
  });

  it('a streamed file handed to csv-parse part-way gives the error at the same line', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ok('2016-04', i % 3 ? 'Burglary' : 'Anti-social behaviour', i % 3 ? HEX(i) : ''));
    const file = oneFile('2016-04-midshire-street.csv', [HEADER, ...rows, `${HEX(99)},2016-04,F,F,,,On or near "A",E01099001,Castlebridge 001A,Burglary,,`, ...rows].join('\n'));
    const { ref, fallbacks } = await agree([file], { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2026-11', displayBase: join(file, '..') }, [{ threads: 0, streamAbove: 0, batchRows: 3 }]);
    expect(ref.ok).toBe(false);
    expect(fallbacks).toEqual(['2016-04-midshire-street.csv: from row 41']);
  });
});

describe('fast police.uk reader: hand-over and resources', () => {
  const row = (i: number) => `${HEX(i)},2016-04,F,F,,,,E01099001,Castlebridge 001A,Burglary,,`;

  it('a streamed file handed to csv-parse part-way, which reads the rest, gives the same data', async () => {
    // A 600 KB record: over the scanner's 512 KiB, under csv-parse's 1 MiB.
    const long = `${HEX(500)},2016-04,F,F,,,"${'z'.repeat(600_000)}",E01099002,Castlebridge 001B,Drugs,,`;
    const rows = [...Array.from({ length: 10 }, (_, i) => row(i)), long, ...Array.from({ length: 10 }, (_, i) => row(100 + i))];
    const file = oneFile('2016-04-midshire-street.csv', [HEADER, ...rows].join('\r\n') + '\r\n');
    const { ref, fallbacks } = await agree([file], { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2026-11', displayBase: join(file, '..') }, [{ threads: 0, streamAbove: 0, batchRows: 3 }]);
    expect(ref.ok).toBe(true);
    expect(fallbacks).toEqual(['2016-04-midshire-street.csv: from row 11']);
  });

  it('closes every file it opens, also when a read fails', async () => {
    if (!existsSync('/proc/self/fd')) return;
    const dir = tempDir('swp-fast-');
    const body = `${HEADER}\n${row(1)}\n`;
    writeTree(dir, { 'a/2016-04-f-street.csv': body, 'b/2016-04-f-street.csv': body, 'c/2016-05-f-street.csv': body });
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let k = 0; k < 30; k++) {
      await readPoliceUkFast([dir], { area: {}, latestMonth: '2026-11', displayBase: dir }, { threads: 0 }).catch(() => undefined);
      await readPoliceUkFast([join(dir, 'c')], { area: {}, latestMonth: '2026-11', displayBase: dir }, { threads: 0 });
    }
    expect(open()).toBeLessThanOrEqual(before + 2);
  });
});

describe('fast police.uk reader: random valid files (fast-check)', () => {
  const TYPES = ['Anti-social behaviour', 'Burglary', 'Drugs', 'Violence and sexual offences', 'Shoplifting', 'vehicle crime', 'Other theft'];
  const LSOAS: Array<[string, string]> = [['E01099001', 'Castlebridge 001A'], ['E01099002', 'Castlebridge 001B'], ['E01099301', 'Hollinbury 001A'], ['W01000001', 'Ynys Môn 001A'], ['', '']];
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const field = (s: string, q: boolean) => (q || /[",\r\n]/.test(s) ? quote(s) : s);
  const row = fc.record({
    id: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 40 }).map(HEX), fc.constantFrom('aa', 'bb')),
    month: fc.constantFrom('2016-04', '2016-05', '2016-05', ' 2016-06', '2016-04', '2017-01'),
    emptyForce: fc.boolean(),
    lsoa: fc.constantFrom(...LSOAS),
    type: fc.constantFrom(...TYPES),
    location: fc.oneof(fc.constant('On or near A'), fc.string({ maxLength: 12 }), fc.constantFrom('a, b', 'say "x"', 'two\r\nlines', 'Café')),
    quoted: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    blank: fc.constantFrom('', '', '', '\n', '\r\n'),
  });
  const file = fc.record({ rows: fc.array(row, { maxLength: 25 }), bom: fc.boolean(), crlfHeader: fc.boolean(), finalEol: fc.boolean() });

  it('gives the same result as csv-parse', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 64 }), async (files, readSize) => {
        const dir = tempDir('swp-fast-fc-');
        files.forEach((f, k) => {
          const lines = f.rows.map((r) => {
            const type = r.type === 'Anti-social behaviour' || r.id !== '' ? r.type : 'Anti-social behaviour';
            const force = r.emptyForce ? '' : `Force ${k}`;
            const v = [r.id, r.month, force, force, '-1.5', '52.1', r.location, r.lsoa[0], r.lsoa[1], type, 'Under investigation', ''];
            return v.map((x, i) => field(x, r.quoted[i]!)).join(',') + r.eol + r.blank;
          });
          let text = (f.bom ? '\uFEFF' : '') + HEADER + (f.crlfHeader ? '\r\n' : '\n') + lines.join('');
          if (!f.finalEol) text = text.replace(/[\r\n]+$/, '');
          writeFileSync(join(dir, `2016-0${k + 1}-force${k}-street.csv`), text);
        });
        const { fallbacks } = await agree([dir], { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2016-12', displayBase: dir }, [{ threads: 0 }, { threads: 0, readSize }, { threads: 0, streamAbove: 0, batchRows: 2, readSize }]);
        // Valid files are the scanner's own: nothing is left to csv-parse.
        expect(fallbacks).toEqual([]);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  }, 120_000);
});

describe('several areas in one pass (a batch of partnerships)', () => {
  /** Each area's data from one read of all of them. */
  async function multi(reader: Reader, paths: readonly string[], options: PoliceUkOptions) {
    const r = (await reader(paths, options)) as unknown as { areas: PoliceUkData[] };
    return r.areas.map(plain);
  }
  /** Each area read on its own (by the reference reader unless another is given). */
  async function alone(paths: readonly string[], options: PoliceUkOptions, areas: PoliceUkOptions['area'][], reader: Reader = readPoliceUkCsvParse) {
    const out = [];
    for (const area of areas) out.push(plain((await reader(paths, { ...options, areas: undefined, area })).data));
    return out;
  }

  it('gives every area of the demo tree what a read of that area alone gives, in this thread and in workers', async () => {
    if (!existsSync(DEMO)) throw new Error('the demo data is missing: run node scripts/generate-demo.mjs');
    const areas = [{ lsoaNamePrefix: 'Hollinbury' }, { lsoaNamePrefix: 'Castlebridge' }, { lsoaNamePrefix: 'Westbrook' }, { lsoaNamePrefix: 'Nowhere' }];
    const options: PoliceUkOptions = { area: {}, areas, latestMonth: '2026-11', displayBase: ROOT };
    // The fast reader alone is the reference reader's equal on this tree (tested above), and four times quicker.
    const expected = await alone([DEMO], options, areas, (p, o) => readPoliceUkFast(p, o, { threads: 0 }));
    expect(expected.map((a) => a.tally.inArea)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number), 0]);
    expect(Math.min(...expected.slice(0, 3).map((a) => a.tally.inArea))).toBeGreaterThan(1000);
    expect(await multi(readPoliceUkCsvParse, [DEMO], options)).toEqual(expected);
    for (const mode of [{ threads: 0 }, WORKERS]) expect(await multi((p, o) => readPoliceUkFast(p, o, mode), [DEMO], options)).toEqual(expected);
  }, 120_000);

  it('with overlapping areas and duplicated Crime IDs, on random files (fast-check)', async () => {
    const LSOAS: Array<[string, string]> = [['E01099001', 'Castlebridge 001A'], ['E01099002', 'Castlebridge 001B'], ['E01099301', 'Hollinbury 001A'], ['', '']];
    const row = fc.record({
      id: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 12 }).map(HEX), fc.constantFrom('aa', 'bb')),
      month: fc.constantFrom('2016-04', '2016-05', '2017-01'),
      lsoa: fc.constantFrom(...LSOAS),
      type: fc.constantFrom('Anti-social behaviour', 'Burglary', 'Drugs'),
      quoted: fc.boolean(),
    });
    // Overlapping on purpose: E01099002 is in the first three; {} is everywhere.
    const areas = [{ lsoaNamePrefix: 'Castlebridge' }, { lsoaCodes: new Set(['E01099002', 'E01099301']) }, {}, { lsoaNamePrefix: 'Hollinbury' }];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(row, { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 3 }), async (files) => {
        const dir = tempDir('swp-areas-fc-');
        files.forEach((rows, k) => {
          const lines = rows.map((r) => {
            const type = r.type === 'Anti-social behaviour' || r.id !== '' ? r.type : 'Anti-social behaviour';
            const v = [r.id, r.month, `Force ${k}`, `Force ${k}`, '', '', r.quoted ? '"On or near A, B"' : 'On or near A', r.lsoa[0], r.lsoa[1], type, '', ''];
            return v.join(',');
          });
          writeFileSync(join(dir, `2016-0${k + 1}-force${k}-street.csv`), `${HEADER}\n${lines.join('\n')}\n`);
        });
        const options: PoliceUkOptions = { area: {}, areas, latestMonth: '2017-12', displayBase: dir };
        const expected = await alone([dir], options, areas);
        expect(await multi(readPoliceUkCsvParse, [dir], options)).toEqual(expected);
        expect(await multi((p, o) => readPoliceUkFast(p, o, { threads: 0 }), [dir], options)).toEqual(expected);
        expect(await multi((p, o) => readPoliceUkFast(p, o, { threads: 0, streamAbove: 0, batchRows: 2, readSize: 11 }), [dir], options)).toEqual(expected);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  }, 120_000);
});

describe('fast police.uk reader: mutated files (fast-check)', () => {
  const base = [
    HEADER,
    `${HEX(1)},2016-04,Midshire Police,Midshire Police,-1.5,52.1,"On or near A, B",E01099001,Castlebridge 001A,Burglary,Under investigation,`,
    `,2016-04,Midshire Police,Midshire Police,-1.5,52.1,On or near C,E01099001,Castlebridge 001A,Anti-social behaviour,,`,
    `${HEX(2)},2016-04,Midshire Police,Midshire Police,,,No Location,,,Drugs,"Said ""no""",`,
    `${HEX(3)},2016-04,Midshire Police,Midshire Police,-1.5,52.1,On or near D,E01099301,Hollinbury 001A,Robbery,,`,
    `${HEX(4)},2016-04,Midshire Police,Midshire Police,-1.5,52.1,On or near E,E01099002,Castlebridge 001B,Shoplifting,,`,
  ].join('\r\n') + '\r\n';
  const pieces = ['"', ',', '\r', '\n', '\r\n', '""', ' ', '\u00a0', 'é', '\u0000', '\uFEFF', 'x', '2016-13', '', 'Burglary'];
  const mutation = fc.record({ at: fc.nat(), del: fc.integer({ min: 0, max: 3 }), insert: fc.constantFrom(...pieces), bytes: fc.boolean() });

  it('gives the same result or the same error as csv-parse', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 40 }), async (mutations, readSize) => {
        let bytes = Buffer.from(base);
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1);
          // Sometimes a raw byte that is not UTF-8 (0xA3, a Windows-1252 £) rather than text.
          const ins = m.bytes && m.insert === 'é' ? Buffer.from([0xa3]) : Buffer.from(m.insert);
          bytes = Buffer.concat([bytes.subarray(0, at), ins, bytes.subarray(Math.min(bytes.length, at + m.del))]);
        }
        const file = oneFile('2016-04-midshire-street.csv', bytes);
        await agree([file], { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2016-12', displayBase: join(file, '..') }, [
          { threads: 0 },
          { threads: 0, readSize },
          { threads: 0, streamAbove: 0, batchRows: 1, readSize },
        ]);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  }, 120_000);
});
