import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  computeHarm,
  DEFAULT_HARM_WEIGHTS_URL,
  HARM_CRIME_TYPES,
  harmRatePer1000,
  loadHarmWeights,
  type HarmWeights,
} from '../../../src/analysis/harm.js';
import { CRIME_TYPES, type CrimeType } from '../../../src/model/data.js';
import { ExitCode, SwpError } from '../../../src/model/errors.js';
import { ROOT, tempDir, writeTree } from '../../helpers.js';

/** Call fn, which must throw an SwpError, and return it. */
function thrown(fn: () => unknown): SwpError {
  try {
    fn();
  } catch (e) {
    expect(e, String((e as Error)?.stack)).toBeInstanceOf(SwpError);
    return e as SwpError;
  }
  throw new Error('expected an SwpError, but the call succeeded');
}

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

const shipped: HarmWeights = loadHarmWeights();

describe('shipped harm weights (data/reference/harm-weights.csv)', () => {
  it('resolves to the package data/reference folder', () => {
    expect(fileURLToPath(DEFAULT_HARM_WEIGHTS_URL)).toBe(join(ROOT, 'data/reference/harm-weights.csv'));
    expect(existsSync(DEFAULT_HARM_WEIGHTS_URL)).toBe(true);
  });

  it('has every crime category once, anti-social behaviour none, weights finite and ≥ 0, in days', () => {
    expect(HARM_CRIME_TYPES).toHaveLength(13);
    expect(shipped.weights.map((w) => w.crimeType)).toEqual(CRIME_TYPES.filter((t) => t !== 'Anti-social behaviour'));
    for (const w of shipped.weights) {
      expect(Number.isFinite(w.weight) && w.weight >= 0, w.crimeType).toBe(true);
      expect(w.source).toMatch(/Cambridge Crime Harm Index/);
    }
    expect(shipped.unit).toBe('days');
  });

  it('holds the published derivation (HARM-WEIGHTS.md)', () => {
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

  it('burglary = volume-weighted mean of its subgroups (hand check)', () => {
    // (273.5 × 166,316 + 183.5 × 78,332) / (166,316 + 78,332) = (45,487,426 + 14,373,922) / 244,648
    //   = 59,861,348 / 244,648 = 244.6836… → 244.68
    expect((273.5 * 166316 + 183.5 * 78332) / (166316 + 78332)).toBeCloseTo(244.6836, 4);
    expect(shipped.weightOf('Burglary')).toBe(244.68);
  });
});

describe('computeHarm', () => {
  it('matches a hand-computed example with the shipped weights', () => {
    const counts = {
      Burglary: 100,
      'Bicycle theft': 100,
      'Violence and sexual offences': 50,
      Shoplifting: 200,
      'Anti-social behaviour': 300,
    };
    const h = computeHarm(counts, shipped, { population: 50000 });
    // Harm per type:   Burglary 100 × 244.68 = 24,468
    //                  Bicycle theft 100 × 2 = 200
    //                  Violence and sexual offences 50 × 194.21 = 9,710.5
    //                  Shoplifting 200 × 1 = 200;  all other types 0 × w = 0
    // Total harm = 24,468 + 200 + 9,710.5 + 200 = 34,578.5 days
    // Total count = 100 + 100 + 50 + 200 = 450 (the 300 ASB incidents are not crimes and are left out)
    // Burglary: harm share 24,468 / 34,578.5 = 0.707607…; volume share 100 / 450 = 0.222…; ratio 3.184…
    // Bicycle theft: harm share 200 / 34,578.5 = 0.005784…; volume share 0.222…
    // Rate: 34,578.5 / 50,000 × 1,000 = 691.57 days per 1,000 residents
    expect(h.totalHarm).toBeCloseTo(34578.5, 9);
    expect(h.totalCount).toBe(450);
    expect(h.asbExcluded).toBe(300);
    expect(h.unit).toBe('days');
    const row = (t: string) => h.rows.find((r) => r.crimeType === t)!;
    expect(row('Burglary').harm).toBeCloseTo(24468, 9);
    expect(row('Violence and sexual offences').harm).toBeCloseTo(9710.5, 9);
    expect(row('Burglary').harmShare).toBeCloseTo(24468 / 34578.5, 12);
    expect(row('Burglary').volumeShare).toBeCloseTo(100 / 450, 12);
    expect(row('Burglary').harmToVolumeRatio).toBeCloseTo(24468 / 34578.5 / (100 / 450), 12);
    expect(row('Bicycle theft').harmShare).toBeCloseTo(0.005784, 6);
    expect(row('Drugs')).toMatchObject({ count: 0, harm: 0, harmShare: 0, volumeShare: 0, harmToVolumeRatio: null });
    expect(h.harmPer1000).toBeCloseTo(691.57, 9);
    expect(h.population).toBe(50000);
  });

  it('accepts counts indexed like CRIME_TYPES (PoliceUkData) with the same result', () => {
    const byName: Partial<Record<CrimeType, number>> = { Burglary: 7, Robbery: 3, 'Anti-social behaviour': 11 };
    const arr = new Uint32Array(CRIME_TYPES.length);
    for (const [t, n] of Object.entries(byName)) arr[CRIME_TYPES.indexOf(t as CrimeType)] = n;
    expect(computeHarm(arr, shipped)).toEqual(computeHarm(byName, shipped));
  });

  it('harm shares and volume shares each sum to 1', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 100000 }), { minLength: 14, maxLength: 14 }), (counts) => {
        fc.pre(counts.slice(1).some((c) => c > 0));
        const h = computeHarm(counts, shipped);
        const harm = h.rows.reduce((a, r) => a + (r.harmShare ?? 0), 0);
        const volume = h.rows.reduce((a, r) => a + (r.volumeShare ?? 0), 0);
        expect(harm).toBeCloseTo(1, 12);
        expect(volume).toBeCloseTo(1, 12);
      }),
    );
  });

  it('gives null shares when there is nothing to share', () => {
    const h = computeHarm({ 'Anti-social behaviour': 5 }, shipped, { population: 1000 });
    expect(h.totalHarm).toBe(0);
    expect(h.totalCount).toBe(0);
    expect(h.harmPer1000).toBe(0);
    for (const r of h.rows) expect([r.harmShare, r.volumeShare, r.harmToVolumeRatio]).toEqual([null, null, null]);
  });

  it('rejects bad counts and populations with SwpError', () => {
    expect(thrown(() => computeHarm({ Burglary: -1 }, shipped)).message).toMatch(/Burglary.*0 or more/);
    expect(thrown(() => computeHarm({ Burglary: Number.NaN }, shipped)).code).toBe(ExitCode.INPUT);
    expect(thrown(() => computeHarm({ Burglaries: 1 } as never, shipped)).message).toMatch(/not a police.uk category/);
    expect(thrown(() => computeHarm(new Uint32Array(13), shipped)).message).toMatch(/14 entries/);
    expect(thrown(() => computeHarm({}, shipped, { population: 0 })).message).toMatch(/population/);
    expect(thrown(() => harmRatePer1000(10, Number.POSITIVE_INFINITY)).code).toBe(ExitCode.INPUT);
  });
});

describe('anti-social behaviour (as documented in HARM-WEIGHTS.md)', () => {
  it('has no weight: ASB counts add no harm and no volume, and are reported as excluded', () => {
    const without = computeHarm({ Burglary: 10, Shoplifting: 30 }, shipped);
    const withAsb = computeHarm({ Burglary: 10, Shoplifting: 30, 'Anti-social behaviour': 1000 }, shipped);
    expect(withAsb.rows).toEqual(without.rows);
    expect(withAsb.totalHarm).toBe(without.totalHarm);
    expect(withAsb.totalCount).toBe(40);
    expect(withAsb.asbExcluded).toBe(1000);
    expect(HARM_CRIME_TYPES).not.toContain('Anti-social behaviour');
  });

  it('rejects a weights file that gives ASB a weight, even 0', () => {
    const file = writeWeights(weightsCsv((r) => [...r, 'Anti-social behaviour,0,days,x,x,']));
    const err = thrown(() => loadHarmWeights(file));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file, line: 15, columnName: 'crime_type' });
    expect(err.message).toMatch(/anti-social behaviour must not have a harm weight/);
  });

  it('says so in the documentation', () => {
    const md = readFileSync(join(ROOT, 'data/reference/HARM-WEIGHTS.md'), 'utf8');
    expect(md).toMatch(/## Anti-social behaviour: excluded/);
    expect(md).toMatch(/\*\*no row\*\*, and a weights file that contains one is rejected/);
  });
});

describe('loadHarmWeights: a workspace weights file', () => {
  it('reads a valid file from another path', () => {
    const w = loadHarmWeights(writeWeights(weightsCsv()));
    expect(w.weightOf('Bicycle theft')).toBe(1);
    expect(w.weightOf('Violence and sexual offences')).toBe(13);
    expect(w.weights[1]).toMatchObject({ crimeType: 'Burglary', weight: 2, line: 3, source: 'test' });
  });

  it('accepts the two required columns alone, in any order, with a BOM, CRLF and blank lines', () => {
    const rows = HARM_CRIME_TYPES.map((t, i) => `${i},"${t}"`);
    const text = '\uFEFFweight,crime_type\r\n' + rows.slice(0, 6).join('\r\n') + '\r\n\r\n' + rows.slice(6).join('\r\n') + '\r\n';
    const w = loadHarmWeights(writeWeights(text));
    expect(w.unit).toBeUndefined();
    expect(w.weightOf('Vehicle crime')).toBe(11);
    expect(w.weights.find((x) => x.crimeType === 'Public order')!.line).toBe(10); // header 1, rows 2-7, blank 8, rows 9-…
  });

  it('errors for a missing category', () => {
    const file = writeWeights(weightsCsv((r) => r.filter((x) => !x.startsWith('Drugs,'))));
    const err = thrown(() => loadHarmWeights(file));
    expect(err.code).toBe(ExitCode.INPUT);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]!.message).toBe('the harm weights file has no row for "Drugs"');
    expect(err.problems[0]!.file).toBe(file);
  });

  it('errors for a duplicate category, naming both lines', () => {
    const file = writeWeights(weightsCsv((r) => [...r, 'Robbery,400,days,x,x,']));
    const err = thrown(() => loadHarmWeights(file));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ line: 15, column: 1, columnName: 'crime_type' });
    expect(err.problems[0]!.message).toBe('"Robbery" is listed more than once (first on line 10)');
  });

  it('errors for a negative weight', () => {
    const file = writeWeights(weightsCsv((r) => r.map((x) => (x.startsWith('Shoplifting,') ? 'Shoplifting,-2,days,x,x,' : x))));
    const err = thrown(() => loadHarmWeights(file));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({
      message: 'the weight cannot be negative',
      line: 11,
      column: 2,
      columnName: 'weight',
      found: '"-2"',
    });
  });

  it('errors for empty, non-numeric and infinite weights, and unknown categories, all at once', () => {
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
    const err = thrown(() => loadHarmWeights(file));
    expect(err.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'the weight is empty'],
      [3, 'the weight is not a finite number'],
      [4, 'the weight is not a finite number'],
      [5, 'not a police.uk crime category'],
      [undefined, 'the harm weights file has no row for "Drugs"'],
    ]);
  });

  it('errors for mixed units, a missing column, a missing file and broken CSV', () => {
    const mixed = writeWeights(weightsCsv((r) => r.map((x, i) => (i === 0 ? x.replace(',days,', ',points,') : x))));
    expect(thrown(() => loadHarmWeights(mixed)).message).toMatch(/unit column differs/);

    const noWeight = writeWeights('crime_type,value\nBurglary,1\n');
    expect(thrown(() => loadHarmWeights(noWeight)).problems[0]).toMatchObject({ line: 1, message: 'the harm weights file has no "weight" column' });

    const missing = join(tempDir('swp-harm-'), 'nope.csv');
    const err = thrown(() => loadHarmWeights(missing, 'workspace/nope.csv'));
    expect(err.problems[0]).toMatchObject({ file: 'workspace/nope.csv', message: 'the harm weights file does not exist' });

    const broken = writeWeights(weightsCsv() + '"Burglary,1\n');
    expect(thrown(() => loadHarmWeights(broken)).message).toMatch(/not valid CSV/);
  });
});
