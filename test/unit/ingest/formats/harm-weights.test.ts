import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

import { DEFAULT_HARM_WEIGHTS_URL, readHarmWeights, shippedHarmWeights } from '../../../../src/ingest/formats/harm-weights.js';
import { CRIME_TYPES } from '../../../../src/model/data.js';
import { ExitCode, SwpError } from '../../../../src/model/errors.js';
import { HARM_CRIME_TYPES, type HarmWeights } from '../../../../src/model/reference.js';
import { rejection, ROOT, tempDir, writeTree } from '../../../helpers.js';


const HEADER = 'crime_type,weight,unit,source,method,notes';

/** A valid weights file: weight i+1 for the i-th of the 13 categories, with optional edits. */
function weightsCsv(edit: (rows: string[]) => string[] = (r) => r): string {
  const rows = HARM_CRIME_TYPES.map((t, i) => `${t},${i + 1},days,test,test,`);
  return [HEADER, ...edit(rows)].join('\n') + '\n';
}

function writeWeights(text: string): string {
  const dir = writeTree(tempDir('swp-harm-'), { 'harm-weights.csv': text });
  return join(dir, 'harm-weights.csv');
}

const shipped: HarmWeights = await shippedHarmWeights();

describe('shipped harm weights (data/reference/harm-weights.csv)', () => {
  it('resolves to the package data/reference folder', async () => {
    expect(fileURLToPath(DEFAULT_HARM_WEIGHTS_URL)).toBe(join(ROOT, 'data/reference/harm-weights.csv'));
    expect(existsSync(DEFAULT_HARM_WEIGHTS_URL)).toBe(true);
  });

  it('has every crime category once, anti-social behaviour none, weights finite and ≥ 0, in days', async () => {
    expect(HARM_CRIME_TYPES).toHaveLength(13);
    expect(shipped.weights.map((w) => w.crimeType)).toEqual(CRIME_TYPES.filter((t) => t !== 'Anti-social behaviour'));
    for (const w of shipped.weights) {
      expect(Number.isFinite(w.weight) && w.weight >= 0, w.crimeType).toBe(true);
      expect(w.source).toMatch(/Cambridge Crime Harm Index/);
    }
    expect(shipped.unit).toBe('days');
  });

  it('holds the published derivation (HARM-WEIGHTS.md)', async () => {
    const expected: Record<string, number> = {
      'Bicycle theft': 2,
      Burglary: 244.68,
      'Criminal damage and arson': 11.18,
      Drugs: 3.66,
      'Other crime': 10,
      'Other theft': 2,
      'Possession of weapons': 273.75,
      'Public order': 7.5,
      Robbery: 365,
      Shoplifting: 1,
      'Theft from the person': 2,
      'Vehicle crime': 5,
      'Violence and sexual offences': 194.21,
    };
    for (const w of shipped.weights) expect(w.weight, w.crimeType).toBe(expected[w.crimeType]);
  });

  it('is exactly what derive-harm-weights.mjs gives from harm-weights-inputs.csv', async () => {
    const script = pathToFileURL(join(ROOT, 'data/reference/derive-harm-weights.mjs')).href;
    const mod = (await import(script)) as {
      deriveCategoryWeights: (text: string, statistic?: string) => unknown;
      renderWeightsCsv: (derived: unknown) => string;
    };
    const inputs = readFileSync(join(ROOT, 'data/reference/harm-weights-inputs.csv'), 'utf8');
    const text = mod.renderWeightsCsv(mod.deriveCategoryWeights(inputs));
    expect(readFileSync(DEFAULT_HARM_WEIGHTS_URL, 'utf8')).toBe(text);
  });

  it('is read once per process: every caller gets the same weights', async () => {
    expect(await shippedHarmWeights()).toBe(shipped);
  });

  it('burglary = volume-weighted mean of its subgroups (hand check)', async () => {
    // (273.5 × 166,316 + 183.5 × 78,332) / (166,316 + 78,332) = (45,487,426 + 14,373,922) / 244,648
    //   = 59,861,348 / 244,648 = 244.6836… → 244.68
    expect((273.5 * 166316 + 183.5 * 78332) / (166316 + 78332)).toBeCloseTo(244.6836, 4);
    expect(shipped.weightOf('Burglary')).toBe(244.68);
  });
});

describe('anti-social behaviour in a weights file', () => {
  it('rejects a weights file that gives ASB a weight, even 0', async () => {
    const file = writeWeights(weightsCsv((r) => [...r, 'Anti-social behaviour,0,days,x,x,']));
    const err = await rejection(readHarmWeights(file));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file, line: 15, columnName: 'crime_type' });
    expect(err.message).toMatch(/anti-social behaviour must not have a harm weight/);
  });

});

describe('readHarmWeights: another weights file', () => {
  it('reads a valid file from another path', async () => {
    const w = await readHarmWeights(writeWeights(weightsCsv()));
    expect(w.weightOf('Bicycle theft')).toBe(1);
    expect(w.weightOf('Violence and sexual offences')).toBe(13);
    expect(w.weights[1]).toMatchObject({ crimeType: 'Burglary', weight: 2, line: 3, source: 'test' });
  });

  it('accepts the two required columns alone, in any order, with a BOM, CRLF and blank lines', async () => {
    const rows = HARM_CRIME_TYPES.map((t, i) => `${i},"${t}"`);
    const text = '\uFEFFweight,crime_type\r\n' + rows.slice(0, 6).join('\r\n') + '\r\n\r\n' + rows.slice(6).join('\r\n') + '\r\n';
    const w = await readHarmWeights(writeWeights(text));
    expect(w.unit).toBeUndefined();
    expect(w.weightOf('Vehicle crime')).toBe(11);
    expect(w.weights.find((x) => x.crimeType === 'Public order')!.line).toBe(10); // header 1, rows 2-7, blank 8, rows 9-…
  });

  it('errors for a missing category', async () => {
    const file = writeWeights(weightsCsv((r) => r.filter((x) => !x.startsWith('Drugs,'))));
    const err = await rejection(readHarmWeights(file));
    expect(err.code).toBe(ExitCode.INPUT);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]!.message).toBe('the harm weights file has no row for "Drugs"');
    expect(err.problems[0]!.file).toBe(file);
  });

  it('errors for a duplicate category, naming both lines', async () => {
    const file = writeWeights(weightsCsv((r) => [...r, 'Robbery,400,days,x,x,']));
    const err = await rejection(readHarmWeights(file));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ line: 15, column: 1, columnName: 'crime_type' });
    expect(err.problems[0]!.message).toBe('"Robbery" is listed more than once (first on line 10)');
  });

  it('errors for a negative weight', async () => {
    const file = writeWeights(weightsCsv((r) => r.map((x) => (x.startsWith('Shoplifting,') ? 'Shoplifting,-2,days,x,x,' : x))));
    const err = await rejection(readHarmWeights(file));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({
      message: 'the weight cannot be negative',
      line: 11,
      column: 2,
      columnName: 'weight',
      found: '"-2"',
    });
  });

  it('errors for empty, non-numeric and infinite weights, and unknown categories, all at once', async () => {
    const file = writeWeights(
      weightsCsv((r) => {
        const out = [...r];
        out[0] = 'Bicycle theft,,days,x,x,';
        out[1] = 'Burglary,lots,days,x,x,';
        out[2] = 'Criminal damage and arson,1e999,days,x,x,';
        out[3] = 'Drug offences,3,days,x,x,';
        return out;
      }),
    );
    const err = await rejection(readHarmWeights(file));
    expect(err.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'the weight is empty'],
      [3, 'the weight is not a finite number'],
      [4, 'the weight is not a finite number'],
      [5, 'not a police.uk crime category'],
      [undefined, 'the harm weights file has no row for "Drugs"'],
    ]);
  });

  it('errors for mixed units, a missing column, a missing file and broken CSV', async () => {
    const mixed = writeWeights(weightsCsv((r) => r.map((x, i) => (i === 0 ? x.replace(',days,', ',points,') : x))));
    expect((await rejection(readHarmWeights(mixed))).message).toMatch(/unit column differs/);

    const noWeight = writeWeights('crime_type,value\nBurglary,1\n');
    expect((await rejection(readHarmWeights(noWeight))).problems[0]).toMatchObject({
      line: 1,
      message: 'the header does not match the harm weights format: missing column "weight"',
      expected: 'crime_type,weight',
      found: expect.stringContaining('crime_type'),
    });

    const missing = join(tempDir('swp-harm-'), 'nope.csv');
    const err = await rejection(readHarmWeights(missing, { displayPath: 'workspace/nope.csv' }));
    expect(err.problems[0]).toMatchObject({ file: 'workspace/nope.csv', message: 'the harm weights file does not exist' });

    const broken = writeWeights(weightsCsv() + '"Burglary,1\n');
    // the shared CSV reader names the fault and its line (the unclosed quote opens on line 15)
    const csv = await rejection(readHarmWeights(broken));
    expect(csv.message).toMatch(/quoted field is never closed/);
    expect(csv.problems[0]).toMatchObject({ file: broken, line: 15 });
  });
});
