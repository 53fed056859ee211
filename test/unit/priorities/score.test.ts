import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { CRITERION_IDS, type Config } from '../../../src/model/config.js';
import type { CriterionId, CriterionValue } from '../../../src/priorities/criteria.js';
import { compareForRank, normaliseWeights, rankCandidates, scoreCandidate, type Rankable } from '../../../src/priorities/score.js';

type Criteria = Config['priorities']['criteria'];

/** Criterion values from scaled numbers (null = missing); criteria not given are missing. */
function values(scaled: Partial<Record<CriterionId, number | null>>): Record<CriterionId, CriterionValue> {
  const out = {} as Record<CriterionId, CriterionValue>;
  for (const c of CRITERION_IDS) {
    const s = scaled[c] ?? null;
    out[c] = { criterion: c, raw: s, scaled: s, detail: s === null ? 'missing: test' : 'test' };
  }
  return out;
}

/**
 * The worked example of METHOD.md. Weights volume 2, trend 2, national-comparison 2, harm 3, public-concern 1:
 * sum 10, so normalised 0.2, 0.2, 0.2, 0.3, 0.1.
 */
const EXAMPLE_WEIGHTS: Criteria = [
  { id: 'volume', weight: 2 },
  { id: 'trend', weight: 2 },
  { id: 'national-comparison', weight: 2 },
  { id: 'harm', weight: 3 },
  { id: 'public-concern', weight: 1 },
];
// violence: volume 25 ÷ 40 = 0.625, trend 1, comparison 0.5, harm 4,000 ÷ 4,000 = 1, concern (5 − 1) ÷ 4 = 1
const VIOLENCE = values({ volume: 0.625, trend: 1, 'national-comparison': 0.5, harm: 1, 'public-concern': 1 });
// asb: volume 40 ÷ 40 = 1, trend 0, comparison 1, harm missing, concern (4 − 1) ÷ 4 = 0.75
const ASB = values({ volume: 1, trend: 0, 'national-comparison': 1, harm: null, 'public-concern': 0.75 });
// burglary: volume 5 ÷ 40 = 0.125, trend 0.5, comparison 0, harm 1,000 ÷ 4,000 = 0.25, concern (3 − 1) ÷ 4 = 0.5
const BURGLARY = values({ volume: 0.125, trend: 0.5, 'national-comparison': 0, harm: 0.25, 'public-concern': 0.5 });

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('normaliseWeights', () => {
  it('divides each weight by the sum, in the documents’ criterion order', () => {
    const w = normaliseWeights([...EXAMPLE_WEIGHTS].reverse());
    expect(w.map((x) => x.criterion)).toEqual(['volume', 'trend', 'national-comparison', 'harm', 'public-concern']);
    // 2/10, 2/10, 2/10, 3/10, 1/10
    expect(w.map((x) => x.normalised)).toEqual([0.2, 0.2, 0.2, 0.3, 0.1]);
  });

  it('rejects weights that cannot be normalised', () => {
    expect(() => normaliseWeights([{ id: 'volume', weight: 0 }])).toThrow(/add up to 0/);
    expect(() => normaliseWeights([{ id: 'volume', weight: -1 }])).toThrow(RangeError);
  });
});

describe('scoreCandidate: the worked example', () => {
  const weights = normaliseWeights(EXAMPLE_WEIGHTS);

  it('violence: 0.2×0.625 + 0.2×1 + 0.2×0.5 + 0.3×1 + 0.1×1 = 0.125 + 0.2 + 0.1 + 0.3 + 0.1 = 0.825', () => {
    const s = scoreCandidate('violence', 'Violence', VIOLENCE, weights);
    expect(s.components.map((c) => c.contribution)).toEqual([0.2 * 0.625, 0.2 * 1, 0.2 * 0.5, 0.3 * 1, 0.1 * 1]);
    expect(s.score).toBeCloseTo(0.825, 15);
    expect(s.missingWeight).toBe(0);
  });

  it('asb: harm is missing, so the other weights are renormalised over 0.7: 2/7, 2/7, 2/7, 1/7', () => {
    const s = scoreCandidate('asb', 'ASB', ASB, weights);
    const harmRow = s.components.find((c) => c.criterion === 'harm');
    expect(harmRow).toMatchObject({ raw: null, scaled: null, weight: 0, contribution: 0, missing: true, nominalWeight: 0.3 });
    // effective weights 0.2 ÷ 0.7 = 2/7 and 0.1 ÷ 0.7 = 1/7 (computed as 2 ÷ 7 and 1 ÷ 7 from the configured weights)
    expect(s.components.map((c) => c.weight)).toEqual([2 / 7, 2 / 7, 2 / 7, 0, 1 / 7]);
    // (2×1 + 2×0 + 2×1 + 1×0.75) ÷ 7 = 4.75 ÷ 7 = 0.678571...
    expect(s.score).toBeCloseTo(4.75 / 7, 15);
    // had harm been scored 0 the score would be 0.2 + 0 + 0.2 + 0 + 0.075 = 0.475: it is not
    expect(s.score).not.toBeCloseTo(0.475, 3);
    expect(s.missingWeight).toBe(0.3); // 3 ÷ 10
  });

  it('burglary: 0.2×0.125 + 0.2×0.5 + 0.2×0 + 0.3×0.25 + 0.1×0.5 = 0.025 + 0.1 + 0 + 0.075 + 0.05 = 0.25', () => {
    expect(scoreCandidate('burglary', 'Burglary', BURGLARY, weights).score).toBeCloseTo(0.25, 15);
  });

  it('contributions sum to the score exactly, and effective weights to 1', () => {
    for (const v of [VIOLENCE, ASB, BURGLARY]) {
      const s = scoreCandidate('x', 'X', v, weights);
      expect(sum(s.components.map((c) => c.contribution))).toBe(s.score);
      expect(sum(s.components.map((c) => c.weight))).toBeCloseTo(1, 15);
      for (const c of s.components) if (c.scaled !== null) expect(c.contribution).toBe(c.weight * c.scaled);
    }
  });

  it('ranks violence 0.825 > asb 0.679 > burglary 0.25', () => {
    const scored = [scoreCandidate('burglary', 'B', BURGLARY, weights), scoreCandidate('asb', 'A', ASB, weights), scoreCandidate('violence', 'V', VIOLENCE, weights)];
    expect(Object.fromEntries(rankCandidates(scored))).toEqual({ violence: 1, asb: 2, burglary: 3 });
  });

  it('a candidate with no data for any weighted criterion is not scored: score 0, ranked last', () => {
    const none = scoreCandidate('none', 'None', values({ vulnerability: 1 }), weights);
    expect(none).toMatchObject({ scored: false, score: 0, missingWeight: 1 });
    // even against a scored candidate with score 0, the unscored one comes last
    const zero = scoreCandidate('zero', 'Zero', values({ volume: 0 }), weights);
    expect(Object.fromEntries(rankCandidates([none, zero]))).toEqual({ zero: 1, none: 2 });
  });
});

describe('ranking and tie-breaking', () => {
  it('equal scores → higher harm first (missing harm last), then alphabetical id', () => {
    const items: Rankable[] = [
      { id: 'b', score: 0.5, scored: true, harm: 0.2 },
      { id: 'c', score: 0.5, scored: true, harm: null },
      { id: 'a', score: 0.5, scored: true, harm: 0.2 },
      { id: 'd', score: 0.5, scored: true, harm: 0.9 },
      { id: 'e', score: 0.6, scored: true, harm: 0 },
      { id: 'f', score: 0.1, scored: true, harm: 1 },
    ];
    // e (0.6) first; then the 0.5s: d (harm 0.9), a and b (harm 0.2: alphabetical), c (no harm); f (0.1) last
    expect(Object.fromEntries(rankCandidates(items))).toEqual({ e: 1, d: 2, a: 3, b: 4, c: 5, f: 6 });
    // the order does not depend on the input order
    expect(Object.fromEntries(rankCandidates([...items].reverse()))).toEqual(Object.fromEntries(rankCandidates(items)));
  });

  it('treats scores equal to 12 decimal places as equal (0.1 + 0.2 and 0.3)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    const a: Rankable = { id: 'a', score: 0.1 + 0.2, scored: true, harm: 0 };
    const b: Rankable = { id: 'b', score: 0.3, scored: true, harm: 1 };
    // a's score is larger by 5.6e-17, but the tie goes to b's higher harm
    expect(compareForRank(a, b)).toBeGreaterThan(0);
  });

  it('ranks follow scores (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (scores) => {
        const items = scores.map((s, i) => ({ id: `c${String(i).padStart(2, '0')}`, score: s, scored: true, harm: null }));
        const ranks = rankCandidates(items);
        for (const x of items)
          for (const y of items) {
            if (Math.round(x.score * 1e12) > Math.round(y.score * 1e12)) expect(ranks.get(x.id)).toBeLessThan(ranks.get(y.id) as number);
          }
        expect([...ranks.values()].sort((p, q) => p - q)).toEqual(items.map((_, i) => i + 1));
      }),
    );
  });
});

// ------------------------------------------------------------------------------------------------------------
// properties over random weights and data

const scaledArb = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
const candidateArb = fc.record(Object.fromEntries(CRITERION_IDS.map((c) => [c, scaledArb])) as Record<CriterionId, fc.Arbitrary<number | null>>);
const weightsArb = fc
  .array(fc.integer({ min: 0, max: 10 }), { minLength: CRITERION_IDS.length, maxLength: CRITERION_IDS.length })
  .filter((ws) => ws.some((w) => w > 0))
  .map((ws): Criteria => CRITERION_IDS.map((id, i) => ({ id, weight: ws[i] as number })));

function scoreAll(cands: Record<CriterionId, number | null>[], criteria: Criteria) {
  const weights = normaliseWeights(criteria);
  const scored = cands.map((v, i) => scoreCandidate(`c${i}`, `C${i}`, values(v), weights));
  return { scored, ranks: Object.fromEntries(rankCandidates(scored)) };
}

describe('properties of the weighted sum', () => {
  it('contributions sum to the score exactly; the score is within [0, 1]', () => {
    fc.assert(
      fc.property(candidateArb, weightsArb, (v, criteria) => {
        const s = scoreCandidate('x', 'X', values(v), normaliseWeights(criteria));
        expect(sum(s.components.map((c) => c.contribution))).toBe(s.score);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('doubling every weight changes nothing', () => {
    fc.assert(
      fc.property(fc.array(candidateArb, { minLength: 1, maxLength: 8 }), weightsArb, (cands, criteria) => {
        const doubled = criteria.map((c) => ({ ...c, weight: c.weight * 2 }));
        expect(scoreAll(cands, doubled)).toEqual(scoreAll(cands, criteria));
      }),
    );
  });

  it('a criterion with zero weight has no effect: the same as leaving it out, whatever its values', () => {
    fc.assert(
      fc.property(fc.array(candidateArb, { minLength: 1, maxLength: 8 }), weightsArb, fc.constantFrom(...CRITERION_IDS), (cands, criteria, zeroed) => {
        const withZero = criteria.map((c) => (c.id === zeroed ? { ...c, weight: 0 } : c));
        fc.pre(withZero.some((c) => c.weight > 0));
        const without = withZero.filter((c) => c.id !== zeroed);
        const a = scoreAll(cands, withZero);
        const b = scoreAll(cands, without);
        expect(a.scored.map((s) => s.score)).toEqual(b.scored.map((s) => s.score));
        expect(a.ranks).toEqual(b.ranks);
        // and changing the zero-weighted criterion's values changes nothing either
        const changed = cands.map((v) => ({ ...v, [zeroed]: v[zeroed] === null ? 0.5 : null }));
        expect(scoreAll(changed, withZero).scored.map((s) => s.score)).toEqual(a.scored.map((s) => s.score));
      }),
    );
  });

  it('missing data are never zero: a missing criterion scores as if it were not weighted', () => {
    fc.assert(
      fc.property(candidateArb, weightsArb, (v, criteria) => {
        const missingIds = CRITERION_IDS.filter((c) => v[c] === null);
        fc.pre(criteria.some((c) => c.weight > 0 && !missingIds.includes(c.id)));
        const full = scoreCandidate('x', 'X', values(v), normaliseWeights(criteria)).score;
        const reweighted = scoreCandidate('x', 'X', values(v), normaliseWeights(criteria.filter((c) => !missingIds.includes(c.id)))).score;
        expect(full).toBeCloseTo(reweighted, 12);
      }),
    );
  });
});
