/**
 * Reproducible documents: the demo's strategic assessment rendered twice from the same inputs and the same date
 * (`--date`, or SOURCE_DATE_EPOCH) gives byte-identical PDF, HTML and JSON (compared by sha256), and a different
 * date changes all three. Two renders run at once in each round (each with its own browser), so this also checks
 * that concurrency does not leak into the bytes.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, explain, pdfRawDates, runEnv, sha256, SLOW, swp, temp } from './support.js';

const FILES = ['assessment-2016-17.pdf', 'assessment-2016-17.html', 'assessment-2016-17.json'] as const;
type Hashes = Record<(typeof FILES)[number], string>;

/** 2017-06-30T00:00:00Z and the day after. */
const EPOCH = 1_498_780_800;
const EPOCH_NEXT = EPOCH + 86_400;

let root: string;
const renders: Record<string, { dir: string; hashes: Hashes; ms: number }> = {};

async function render(name: string, args: string[], env: Record<string, string | undefined> = {}): Promise<void> {
  const dir = join(root, name);
  const r = await swp(['assess', '-w', DEMO, '--out', dir, '--format', 'pdf,html,json', '--quiet', ...args], { env: runEnv(env) });
  expect(r.code, `${name}: ${explain(r)}`).toBe(0);
  renders[name] = { dir, ms: r.ms, hashes: Object.fromEntries(FILES.map((f) => [f, sha256(join(dir, f))])) as Hashes };
}

beforeAll(async () => {
  root = temp('swp-repro-');
  await Promise.all([render('date-a', ['--date', '2017-06-30']), render('epoch-a', [], { SOURCE_DATE_EPOCH: String(EPOCH) })]);
  await Promise.all([render('date-b', ['--date', '2017-06-30']), render('epoch-b', [], { SOURCE_DATE_EPOCH: String(EPOCH) })]);
  await Promise.all([render('date-next', ['--date', '2017-07-01']), render('epoch-next', [], { SOURCE_DATE_EPOCH: String(EPOCH_NEXT) })]);
  console.info(`render times (two at a time): ${Object.entries(renders).map(([k, v]) => `${k} ${(v.ms / 1000).toFixed(1)} s`).join(', ')}`);
}, 2 * SLOW + 60_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const pdfBytes = (name: string) => readFileSync(join(renders[name]!.dir, 'assessment-2016-17.pdf'));

describe('SOURCE_DATE_EPOCH', () => {
  it('two renders with the same SOURCE_DATE_EPOCH are byte-identical (PDF, HTML, JSON)', () => {
    expect(renders['epoch-b']!.hashes).toEqual(renders['epoch-a']!.hashes);
  });

  it('writes SOURCE_DATE_EPOCH as the PDF /CreationDate and /ModDate, and as the "data as at" date', () => {
    const dates = pdfRawDates(pdfBytes('epoch-a'));
    expect(dates.creation).toEqual(["D:20170630000000+00'00'"]);
    expect(dates.mod).toEqual(["D:20170630000000+00'00'"]);
    expect(JSON.parse(readFileSync(join(renders['epoch-a']!.dir, 'assessment-2016-17.json'), 'utf8')).dataAsAt).toBe('2017-06-30');
  });

  it('a different SOURCE_DATE_EPOCH changes the PDF, the HTML and the JSON', () => {
    for (const f of FILES) expect(renders['epoch-next']!.hashes[f], f).not.toBe(renders['epoch-a']!.hashes[f]);
  });
});

describe('--date', () => {
  it('two renders with the same --date give byte-identical HTML and JSON', () => {
    expect(renders['date-b']!.hashes['assessment-2016-17.html']).toBe(renders['date-a']!.hashes['assessment-2016-17.html']);
    expect(renders['date-b']!.hashes['assessment-2016-17.json']).toBe(renders['date-a']!.hashes['assessment-2016-17.json']);
  });

  it('gives the same HTML and JSON as the equivalent SOURCE_DATE_EPOCH', () => {
    expect(renders['date-a']!.hashes['assessment-2016-17.html']).toBe(renders['epoch-a']!.hashes['assessment-2016-17.html']);
    expect(renders['date-a']!.hashes['assessment-2016-17.json']).toBe(renders['epoch-a']!.hashes['assessment-2016-17.json']);
  });

  // `--date` fixes the PDF's /CreationDate and /ModDate as SOURCE_DATE_EPOCH does (the run's pdfDate, passed to the
  // printer by src/pipeline/files.ts), so two renders with the same --date give a byte-identical PDF.
  it('writes --date as the PDF dates, so two renders with the same --date give a byte-identical PDF', () => {
    const dates = pdfRawDates(pdfBytes('date-a'));
    expect(dates.creation).toEqual(["D:20170630000000+00'00'"]);
    expect(dates.mod).toEqual(["D:20170630000000+00'00'"]);
    expect(renders['date-b']!.hashes['assessment-2016-17.pdf']).toBe(renders['date-a']!.hashes['assessment-2016-17.pdf']);
    expect(renders['date-a']!.hashes['assessment-2016-17.pdf']).toBe(renders['epoch-a']!.hashes['assessment-2016-17.pdf']);
  });

  it('a different --date changes the PDF, the HTML and the JSON', () => {
    for (const f of FILES) expect(renders['date-next']!.hashes[f], f).not.toBe(renders['date-a']!.hashes[f]);
  });

  it('the PDFs of two renders differ at most in their dates (the rest of the bytes are the same)', () => {
    // Whatever the date handling, nothing else may vary between runs: blank both dates and compare.
    const blank = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/\/(CreationDate|ModDate)\s*\(D:[^)]*\)/g, '/$1 ()'), 'latin1');
    expect(blank(pdfBytes('date-b')).equals(blank(pdfBytes('date-a')))).toBe(true);
  });
});
