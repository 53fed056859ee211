import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { CRITERION_IDS, type Config } from '../../../src/model/config.js';
import type { CriterionId, CriterionValue } from '../../../src/priorities/criteria.js';
import { mulberry32, ranksFor, runSensitivity, sensitivityStatement, type SensitivityCandidate } from '../../../src/priorities/sensitivity.js';

type Criteria = Config['priorities']['criteria'];

function cand(id: string, scaled: Partial<Record<CriterionId, number | null>>): SensitivityCandidate {
  const values = {} as Record<CriterionId, CriterionValue>;
  for (const c of CRITERION_IDS) {
    const s = scaled[c] ?? null;
    values[c] = { criterion: c, raw: s, scaled: s, detail: '' };
  }
  return { id, label: id.toUpperCase(), values };
}

/**
 * X is all volume, Y all harm, Z nothing. Weights volume 1.1, harm 1:
 *   X = 1.1 ÷ 2.1 = 0.524, Y = 1 ÷ 2.1 = 0.476, Z = 0  → X 1st, Y 2nd, Z 3rd.
 * Harm +25% (1.25): X = 1.1 ÷ 2.35 = 0.468, Y = 1.25 ÷ 2.35 = 0.532 → Y 1st.
 * Volume −25% (0.825): X = 0.825 ÷ 1.825 = 0.452, Y = 1 ÷ 1.825 = 0.548 → Y 1st.
 * Harm −25% (0.75): X = 1.1 ÷ 1.85 = 0.595 → X 1st. Volume +25% (1.375): X = 1.375 ÷ 2.375 = 0.579 → X 1st.
 */
const X = cand('x', { volume: 1, harm: 0 });
const Y = cand('y', { volume: 0, harm: 1 });
const Z = cand('z', { volume: 0, harm: 0 });
const WEIGHTS: Criteria = [
  { id: 'volume', weight: 1.1 },
  { id: 'harm', weight: 1 },
];

describe('mulberry32', () => {
  it('is deterministic, in [0, 1), and depends on the seed', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const c = mulberry32(2);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    // roughly uniform: the mean of 1,000 draws is near 0.5
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.05);
  });
});

describe('runSensitivity: the hand-worked example', () => {
  const result = runSensitivity([X, Y, Z], WEIGHTS, { topN: 1, draws: 200, seed: 7 });

  it('has the base ranks X 1, Y 2, Z 3', () => {
    expect(Object.fromEntries(ranksFor([X, Y, Z], WEIGHTS))).toEqual({ x: 1, y: 2, z: 3 });
  });

  it('runs the base, each weight ×0.75 and ×1.25, and the random draws: 1 + 2×2 + 200 = 205', () => {
    expect(result.runs).toBe(205);
    expect(result.oneAtATime.map((r) => [r.criterion, r.factor])).toEqual([
      ['volume', 0.75],
      ['volume', 1.25],
      ['harm', 0.75],
      ['harm', 1.25],
    ]);
    expect(result.oneAtATime.map((r) => r.ranks.x)).toEqual([2, 1, 1, 2]);
  });

  it('gives rank ranges that contain the base rank: X and Y 1–2, Z always 3', () => {
    expect(result.ranges).toEqual({ x: [1, 2], y: [1, 2], z: [3, 3] });
    expect(result.robust).toEqual([]);
    expect(result.dependent).toEqual(['x', 'y']);
    expect(result.topChanges).toEqual([
      { criterion: 'volume', factor: 0.75, entered: ['y'], left: ['x'] },
      { criterion: 'harm', factor: 1.25, entered: ['y'], left: ['x'] },
    ]);
    expect(result.topShare.z).toBe(0);
    expect((result.topShare.x ?? 0) + (result.topShare.y ?? 0)).toBeCloseTo(1, 12);
  });

  it('states which priorities depend on the weighting and why', () => {
    const s = sensitivityStatement(result, [
      { id: 'x', label: 'X', rank: 1 },
      { id: 'y', label: 'Y', rank: 2 },
      { id: 'z', label: 'Z', rank: 3 },
    ], 2);
    expect(s).toContain('No priority is in the top one in all 205 weightings tried.');
    expect(s).toMatch(/Depend on the weighting: X \(rank 1; ranks 1–2; in the top one in \d+% of weightings\) and Y \(rank 2; ranks 1–2;/);
    expect(s).toContain('cutting the volume weight by 25% puts Y in the top one in place of X');
    expect(s).toContain('raising the harm weight by 25% puts Y in the top one in place of X');
    expect(s).toContain('The other candidate (Z) is outside the top one in every weighting.');
    expect(s).toContain('seed 7');
  });

  it('says so when the top N are the same in every run', () => {
    const r = runSensitivity([X, Y, Z], [{ id: 'volume', weight: 3 }, { id: 'harm', weight: 1 }], { topN: 1, draws: 100 });
    expect(r.robust).toEqual(['x']);
    const s = sensitivityStatement(r, [
      { id: 'x', label: 'X', rank: 1 },
      { id: 'y', label: 'Y', rank: 2 },
      { id: 'z', label: 'Z', rank: 3 },
    ], 2);
    expect(s).toMatch(/^The top one is robust: X is the top one in all 105 weightings tried, in the same order every time\./);
  });

  it('does not vary a weight of 0 (25% of 0 is 0)', () => {
    const r = runSensitivity([X, Y, Z], [...WEIGHTS, { id: 'trend', weight: 0 }], { draws: 0 });
    expect(r.oneAtATime.map((o) => o.criterion)).not.toContain('trend');
    expect(r.runs).toBe(5);
  });
});

describe('runSensitivity: properties', () => {
  const scaledArb = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
  const candsArb = fc.array(fc.record({ volume: scaledArb, trend: scaledArb, harm: scaledArb, vulnerability: scaledArb }), { minLength: 1, maxLength: 6 });
  const weightsArb = fc
    .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 5 }))
    .map(([a, b, c, d]): Criteria => [
      { id: 'volume', weight: a },
      { id: 'trend', weight: b },
      { id: 'harm', weight: c },
      { id: 'vulnerability', weight: d },
    ]);

  it('every rank range contains the base rank', () => {
    fc.assert(
      fc.property(candsArb, weightsArb, fc.integer(), (vals, criteria, seed) => {
        const cands = vals.map((v, i) => cand(`c${i}`, v));
        const base = ranksFor(cands, criteria);
        const r = runSensitivity(cands, criteria, { draws: 30, seed });
        for (const [id, rank] of base) {
          const [best, worst] = r.ranges[id] as [number, number];
          expect(best).toBeLessThanOrEqual(rank);
          expect(worst).toBeGreaterThanOrEqual(rank);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('is deterministic: the same seed gives the same ranges', () => {
    fc.assert(
      fc.property(candsArb, weightsArb, fc.integer(), (vals, criteria, seed) => {
        const cands = vals.map((v, i) => cand(`c${i}`, v));
        expect(runSensitivity(cands, criteria, { draws: 30, seed })).toEqual(runSensitivity(cands, criteria, { draws: 30, seed }));
      }),
      { numRuns: 30 },
    );
  });
});
