import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { computeHarm, harmRatePer1000 } from '../../../src/analysis/harm.js';
import { shippedHarmWeights } from '../../../src/ingest/formats/harm-weights.js';
import { CRIME_TYPES, type CrimeType } from '../../../src/model/data.js';
import { ExitCode, SwpError } from '../../../src/model/errors.js';
import { HARM_CRIME_TYPES, type HarmWeights } from '../../../src/model/reference.js';
import { ROOT } from '../../helpers.js';

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

const shipped: HarmWeights = await shippedHarmWeights();

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

  it('says so in the documentation', () => {
    const md = readFileSync(join(ROOT, 'data/reference/HARM-WEIGHTS.md'), 'utf8');
    expect(md).toMatch(/## Anti-social behaviour: excluded/);
    expect(md).toMatch(/\*\*no row\*\*, and a weights file that contains one is rejected/);
  });
});
