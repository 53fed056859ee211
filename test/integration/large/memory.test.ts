/**
 * Limits (issue 6, point 4): a police.uk street file far above the demo's size streams with bounded memory, and a
 * malformed row near the end of a 1,000,000-row file is reported with its exact line, column and file.
 *
 * The files are generated here (seeded, streamed to a temporary folder: ~19 MB for 100,000 rows, ~191 MB for
 * 1,000,000 rows; the whole demo police.uk tree is ~53 MB). Each read runs the BUILT reader
 * (dist/ingest/formats/police-uk.js) in a child process (./measure-police-uk.mjs) that prints
 * process.resourceUsage().maxRSS, so the figure is the read alone and not vitest's workers. `npm test` builds dist
 * first; without it this file is skipped with a message.
 *
 * The generated file is a force-wide bulk file in which the partnership is one local authority of ten (~10% of rows),
 * as when a partnership points swp at its force's bulk download. Memory is NOT independent of the partnership's own
 * size: the reader keeps the Crime ID of every in-area crime to drop duplicates across files (~130 bytes each), so
 * a file whose million rows are ALL in the area peaks higher (measured 252–258 MB; opt-in case at the end, run with
 * SWP_LARGE_WORST_CASE=1).
 *
 * Wall-clock time is never asserted.
 */
import { execFile } from 'node:child_process';
import { existsSync, openSync, readSync, rmSync, statSync, writeSync, closeSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFigures } from '../../fuzz/fuzz-support.js';
import { ROOT, tempDir } from '../../helpers.js';
import { generatePoliceUkFile, type Generated } from './generate.js';

const run = promisify(execFile);

const DIST_READER = join(ROOT, 'dist/ingest/formats/police-uk.js');
const CHILD = fileURLToPath(new URL('./measure-police-uk.mjs', import.meta.url));
const HAVE_DIST = existsSync(DIST_READER);
if (!HAVE_DIST) {
  console.warn(`[large] SKIPPED: ${DIST_READER} is missing. Run "npm run build" first ("npm test" does), then run this file again.`);
} else {
  // A stale build measures old code: say so, but do not fail (another engineer may be mid-edit).
  const newestSrc = Math.max(...readdirSync(join(ROOT, 'src/ingest/formats')).map((f) => statSync(join(ROOT, 'src/ingest/formats', f)).mtimeMs), statSync(join(ROOT, 'src/ingest/csv.ts')).mtimeMs);
  if (newestSrc > statSync(DIST_READER).mtimeMs) console.warn('[large] note: src/ingest is newer than dist/; run "npm run build" to measure the current code.');
}

const MB = 1024 * 1024;
const SMALL_ROWS = 100_000;
const LARGE_ROWS = 1_000_000;
/** The malformed row of the last test: a physical line near the end of the 1,000,000-row file (header = line 1). */
const BAD_LINE = 987_654;

/**
 * Peak RSS bound for reading the 1,000,000-row file (191 MB on disk).
 * Measured on Node 20.20, Linux x64 (4 runs each, machine shared): 100,000 rows 108–121 MB; 1,000,000 rows 139–143 MB;
 * 1,000,000 rows with the malformed row 140–143 MB. 200 MB leaves ~40% headroom over the measured peak and is
 * still below the file's own size, so a reader that held the file (as one Buffer, let alone as rows) could not pass.
 */
const RSS_BOUND = 200 * MB;
/**
 * Ten times the rows may cost at most 1.5 times the peak memory (measured ratio 1.18–1.32). The ~110 MB at 100,000
 * rows is mostly Node itself and the streams' buffers; what grows is the in-area Crime ID set (~100,000 IDs here).
 */
const MAX_GROWTH_FOR_10X_ROWS = 1.5;

const AREA_OPTIONS = { area: { lsoaNamePrefix: 'Castlebridge' }, latestMonth: '2026-11' };

interface ChildReport {
  ok: boolean;
  maxRssBytes: number;
  tally?: { rows: number; inArea: number; outOfArea: number; noLocation: number; duplicates: number };
  months?: number;
  lsoas?: number;
  errorName?: string;
  code?: number;
  message?: string;
  problems?: { message: string; file?: string; line?: number; column?: number; columnName?: string; found?: string }[];
  omitted?: number;
}

const figures: Record<string, unknown> = { node: process.version, platform: `${process.platform}-${process.arch}`, rssBoundMB: RSS_BOUND / MB };
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

describe.skipIf(!HAVE_DIST)('police.uk reader on files far above the demo size (child process, built reader)', () => {
  let dir: string;
  let small: Generated;
  let large: Generated;
  const smallPath = () => join(dir, 'police-100k.csv');
  const largePath = () => join(dir, 'police-1m.csv');

  /** Read `file` in a child process with the built reader; paths in messages are relative to the temporary folder. */
  async function measure(file: string): Promise<ChildReport> {
    const { stdout } = await run(process.execPath, [CHILD, DIST_READER, file, JSON.stringify({ ...AREA_OPTIONS, displayBase: dir })], {
      cwd: dir,
      maxBuffer: 16 * MB,
    });
    const report = JSON.parse(stdout.trim().split('\n').pop()!) as ChildReport & { importError?: string };
    if (report.importError) throw new Error(`the built reader ${DIST_READER} could not be loaded (stale or half-built dist/? run "npm run build"): ${report.importError}`);
    return report;
  }

  beforeAll(async () => {
    dir = tempDir('swp-large-');
    small = await generatePoliceUkFile(smallPath(), { rows: SMALL_ROWS, seed: 42 });
    large = await generatePoliceUkFile(largePath(), { rows: LARGE_ROWS, seed: 42, markLine: BAD_LINE });
    figures.files = {
      [`${SMALL_ROWS} rows`]: { sizeMB: mb(small.bytes), inArea: small.inArea },
      [`${LARGE_ROWS} rows`]: { sizeMB: mb(large.bytes), inArea: large.inArea },
    };
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    writeFigures('large-memory', figures);
  });

  let smallRss = 0;

  it(`reads ${SMALL_ROWS.toLocaleString('en-GB')} rows with the tallies the generator counted`, { timeout: 300_000 }, async () => {
    expect(statSync(smallPath()).size).toBe(small.bytes);
    const r = await measure(smallPath());
    expect(r, r.message).toMatchObject({ ok: true });
    expect(r.tally).toEqual({ rows: SMALL_ROWS, inArea: small.inArea, outOfArea: small.outOfArea, noLocation: small.noLocation, duplicates: 0 });
    smallRss = r.maxRssBytes;
    figures[`peakRssMB ${SMALL_ROWS} rows`] = mb(r.maxRssBytes);
    expect(r.maxRssBytes).toBeLessThan(RSS_BOUND);
  });

  it(`reads ${LARGE_ROWS.toLocaleString('en-GB')} rows (~191 MB) with peak RSS under 200 MB, growing far less than the 10× rows`, { timeout: 300_000 }, async () => {
    expect(statSync(largePath()).size).toBe(large.bytes);
    const r = await measure(largePath());
    expect(r, r.message).toMatchObject({ ok: true });
    expect(r.tally).toEqual({ rows: LARGE_ROWS, inArea: large.inArea, outOfArea: large.outOfArea, noLocation: large.noLocation, duplicates: 0 });
    expect(r.months).toBe(36);
    figures[`peakRssMB ${LARGE_ROWS} rows`] = mb(r.maxRssBytes);
    expect(r.maxRssBytes).toBeLessThan(RSS_BOUND);
    expect(r.maxRssBytes).toBeLessThan(large.bytes);
    if (smallRss > 0) {
      figures.rssRatio1mTo100k = Math.round((r.maxRssBytes / smallRss) * 100) / 100;
      expect(r.maxRssBytes / smallRss).toBeLessThan(MAX_GROWTH_FOR_10X_ROWS);
    }
  });

  it(`reports a malformed month on line ${BAD_LINE.toLocaleString('en-GB')} of the 1,000,000-row file by line, column and file, within the same memory bound`, { timeout: 300_000 }, async () => {
    // Patch the Month field of that line in place: "2016-13" has the length of every "YYYY-MM".
    expect(large.monthOffset).toBeGreaterThan(0);
    const fd = openSync(largePath(), 'r+');
    try {
      const before = Buffer.alloc(7);
      readSync(fd, before, 0, 7, large.monthOffset!);
      expect(before.toString('latin1')).toMatch(/^\d{4}-\d{2}$/);
      writeSync(fd, Buffer.from('2016-13', 'latin1'), 0, 7, large.monthOffset!);
      // The patched field is on the line we think: count the newlines before it.
      const head = Buffer.alloc(large.monthOffset!);
      readSync(fd, head, 0, head.length, 0);
      let line = 1;
      for (let i = head.indexOf(0x0a); i >= 0; i = head.indexOf(0x0a, i + 1)) line++;
      expect(line).toBe(BAD_LINE);
    } finally {
      closeSync(fd);
    }

    const r = await measure(largePath());
    expect(r.ok).toBe(false);
    expect(r.errorName).toBe('SwpError');
    expect(r.code).toBe(3); // ExitCode.INPUT
    expect(r.omitted).toBe(0);
    expect(r.problems).toEqual([
      expect.objectContaining({ message: 'invalid month', file: 'police-1m.csv', line: BAD_LINE, column: 2, columnName: 'Month', found: '"2016-13"' }),
    ]);
    figures[`peakRssMB ${LARGE_ROWS} rows with a malformed row at line ${BAD_LINE}`] = mb(r.maxRssBytes);
    figures.malformedRowReported = r.problems?.[0];
    expect(r.maxRssBytes).toBeLessThan(RSS_BOUND);
  });

  // Opt-in (SWP_LARGE_WORST_CASE=1): every one of 1,000,000 rows in the partnership, so the reader keeps ~993,000
  // Crime IDs for de-duplication. Measured 252–258 MB. Bounded by the partnership's crimes, not the file's size:
  // documented here rather than asserted at 200 MB.
  it.skipIf(!process.env.SWP_LARGE_WORST_CASE)('worst case: 1,000,000 rows all in the area stay under 300 MB', { timeout: 300_000 }, async () => {
    const path = join(dir, 'police-1m-all-in-area.csv');
    const gen = await generatePoliceUkFile(path, { rows: LARGE_ROWS, seed: 7, inAreaShare: 1 });
    const r = await measure(path);
    rmSync(path, { force: true });
    expect(r, r.message).toMatchObject({ ok: true });
    expect(r.tally?.inArea).toBe(gen.inArea);
    figures[`peakRssMB ${LARGE_ROWS} rows all in area (worst case)`] = mb(r.maxRssBytes);
    expect(r.maxRssBytes).toBeLessThan(300 * MB);
  });
});
