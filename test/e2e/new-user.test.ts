/**
 * A new analyst's first run, as the README promises it (issue 15): `swp init`, copy the downloads into the folders,
 * `swp validate`, `swp assess`, open the PDF. The downloads are the real-format files a user gets: the police.uk
 * street-level tree (the demo's, generated in the published layout by test/global-setup.ts), the Home Office CSP
 * workbook as published (one sheet per year), an OHID Fingertips export and a population file
 * (test/fixtures/new-user, written by test/fixtures/ingest/home-office-workbook/make-fixtures.mjs).
 */
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers.js';
import { explain, pdfText, SLOW, swp, temp } from '../integration/documents/support.js';

const DOWNLOADS = join(FIXTURES, 'new-user');

/** Step 2, as a user does it in a file manager: each download into the folder its README names. */
function copyDownloads(ws: string): void {
  cpSync(join(ROOT, 'data/demo/crime/police-uk'), join(ws, 'crime/police-uk'), { recursive: true });
  for (const folder of ['home-office', 'measures', 'population']) cpSync(join(DOWNLOADS, folder), join(ws, folder), { recursive: true });
}

/** Castlebridge's first-time entrants for a financial year, read straight from the Fingertips file. */
function fteCount(period: string): string {
  const rows = parse(readFileSync(join(DOWNLOADS, 'measures/fingertips-first-time-entrants.csv')), { columns: true }) as Record<string, string>[];
  return rows.find((r) => r['Area Code'] === 'E08099001' && r['Time period'] === period)!['Count']!;
}

describe('a new user: own data in five commands', () => {
  it(
    'init, copy, validate, assess, open: a PDF with the published inputs and no hand editing',
    async () => {
      const ws = join(temp('swp-new-user-'), 'my-csp');
      // 1. init (the area's name and code given on the command line: nothing to edit in the config).
      const init = await swp(['init', ws, '--area', 'Castlebridge', '--code', 'E08099001']);
      expect(init.code, explain(init)).toBe(0);
      // Before the copy, validate guides: police.uk, then population, are what is still needed.
      const guide = await swp(['validate'], { cwd: ws });
      expect(guide.code).toBe(3);
      expect(guide.stderr).toMatch(/1\. crime\/police-uk\/.*\n {2}2\. population\//);

      // 2. copy the downloads in.
      copyDownloads(ws);

      // 3. validate: a clean run (exit 0), every input read as published.
      const validate = await swp(['validate'], { cwd: ws });
      expect(validate.code, explain(validate)).toBe(0);
      expect(validate.stderr).toContain('OK: the config and every input are valid');
      expect(validate.stderr).not.toMatch(/^error:/m);
      // The workbook: every year sheet read (rows = the demo table's data lines), its edition recorded.
      const hoRows = readFileSync(join(ROOT, 'data/demo/home-office/prc-csp-2013-2017.csv'), 'utf8').trim().split('\n').length - 1;
      expect(validate.stderr).toMatch(new RegExp(`Home Office CSP table +1 file +${hoRows.toLocaleString('en-GB')} rows`));
      expect(validate.stderr).toContain('4 sheets read (2013_14, 2014_15, 2015_16, 2016_17); edition: 24 April 2025');
      expect(validate.stderr).toContain('measures: 1 indicators for 2 areas: fte.youth');

      // 4. assess: the PDF of the latest complete financial year (the data end in March 2017).
      const assess = await swp(['assess'], { cwd: ws });
      expect(assess.code, explain(assess)).toBe(0);
      const pdf = join(ws, 'out', 'assessment-2016-17.pdf');
      expect(existsSync(pdf), readdirSync(join(ws, 'out')).join(', ')).toBe(true);
      // 5. open: a real PDF whose first-time entrants come from the Fingertips export (its Count column).
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf).replace(/\s+/g, ' ');
      expect(text).toContain(`First-time entrants to the youth justice system fell`);
      expect(text).toContain(`(${fteCount('2015/16')} to ${fteCount('2016/17')})`);
    },
    SLOW * 2,
  );

  it('with only the needed inputs, validate passes and lists the optional ones still to add (templates are "no data yet")', async () => {
    const ws = join(temp('swp-new-user-'), 'my-csp');
    expect((await swp(['init', ws, '--area', 'Castlebridge', '--code', 'E08099001'])).code).toBe(0);
    const valid = join(FIXTURES, 'workspaces/valid');
    cpSync(join(valid, 'crime/police-uk'), join(ws, 'crime/police-uk'), { recursive: true });
    cpSync(join(valid, 'population'), join(ws, 'population'), { recursive: true });
    // The skeleton's measures/measures.csv is still its header-only template; home-office/ holds only its README.
    expect(readFileSync(join(ws, 'measures/measures.csv'), 'utf8').trim().split(/\r?\n/)).toHaveLength(1);
    const r = await swp(['validate'], { cwd: ws });
    expect(r.code, explain(r)).toBe(0);
    expect(r.stderr).not.toMatch(/^error:/m);
    const optional = r.stderr.slice(r.stderr.indexOf('Optional inputs not given yet:'));
    expect([...optional.matchAll(/^ {2}\d+\. (\S+)/gm)].map((m) => m[1])).toEqual(['home-office/:', 'measures/:']);
  }, SLOW);
});

