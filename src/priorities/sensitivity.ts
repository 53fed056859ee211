/**
 * How stable the ranking is when the weights move. The scaled criterion values are fixed (they do not depend on
 * the weights); only the weighted sum is recomputed, for:
 * - each weight 25% lower and 25% higher, one at a time (a weight of 0 stays 0, so it is not varied);
 * - `draws` random weightings (default 1,000) in which every weight is multiplied by its own factor drawn uniformly
 *   from [1 − spread, 1 + spread) (default 0.75 to 1.25), with a seeded pseudo-random generator (mulberry32), so the
 *   same seed gives the same result on every machine.
 * Every candidate's rank range is [best, worst] over the base weighting and all those runs, so it always contains
 * the base rank.
 */
import type { Config } from '../model/config.js';
import { listJoin, type CriterionId, type CriterionValue } from './criteria.js';
import { normaliseWeights, rankCandidates, scoreCandidate } from './score.js';

export interface SensitivityOptions {
  /** Seed of the random run (default 1). */
  seed?: number;
  /** Number of random weightings (default 1,000). */
  draws?: number;
  /** Relative change of a weight (default 0.25: ±25%, and random factors from 0.75 to 1.25). */
  spread?: number;
  /** The size of the "top" that robustness is judged on (default 3). */
  topN?: number;
}

export interface TopChange {
  criterion: CriterionId;
  /** 1 − spread or 1 + spread. */
  factor: number;
  /** Candidates that enter the top N under this change, and those that leave it (ids). */
  entered: string[];
  left: string[];
}

export interface SensitivityResult {
  seed: number;
  draws: number;
  spread: number;
  topN: number;
  /** All weightings tried, the base one included. */
  runs: number;
  /** The one-at-a-time runs: each weight's factor and the resulting ranks (id → rank). */
  oneAtATime: { criterion: CriterionId; factor: number; ranks: Record<string, number> }[];
  /** id → [best, worst] rank over every run. */
  ranges: Record<string, [number, number]>;
  /** id → share (0–1) of all runs in which the candidate is in the top N. */
  topShare: Record<string, number>;
  /** One-at-a-time changes that alter who is in the top N. */
  topChanges: TopChange[];
  /** ids in the top N in every run; ids in it in some runs only; ordered by base rank. */
  robust: string[];
  dependent: string[];
}

/** mulberry32: a small, fast 32-bit PRNG with a good spread; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SensitivityCandidate {
  id: string;
  label: string;
  values: Record<CriterionId, CriterionValue>;
}

type Criteria = Config['priorities']['criteria'];

/** Ranks (id → rank) for one weighting. */
export function ranksFor(candidates: readonly SensitivityCandidate[], criteria: Criteria): Map<string, number> {
  const weights = normaliseWeights(criteria);
  return rankCandidates(candidates.map((c) => scoreCandidate(c.id, c.label, c.values, weights)));
}

/** Run the one-at-a-time and random perturbations around the configured weights. */
export function runSensitivity(candidates: readonly SensitivityCandidate[], criteria: Criteria, options: SensitivityOptions = {}): SensitivityResult {
  const seed = options.seed ?? 1;
  const draws = options.draws ?? 1000;
  const spread = options.spread ?? 0.25;
  const topN = options.topN ?? 3;
  if (!Number.isInteger(draws) || draws < 0) throw new RangeError(`draws must be a whole number of 0 or more, not ${draws}`);
  if (!(spread >= 0 && spread < 1)) throw new RangeError(`spread must be from 0 to below 1, not ${spread}`);

  const base = ranksFor(candidates, criteria);
  const ranges = new Map<string, [number, number]>();
  const inTop = new Map<string, number>();
  let runs = 0;
  const record = (ranks: Map<string, number>): void => {
    runs++;
    for (const [id, r] of ranks) {
      const range = ranges.get(id);
      if (!range) ranges.set(id, [r, r]);
      else ranges.set(id, [Math.min(range[0], r), Math.max(range[1], r)]);
      if (r <= topN) inTop.set(id, (inTop.get(id) ?? 0) + 1);
    }
  };
  record(base);

  const baseTop = new Set([...base].filter(([, r]) => r <= topN).map(([id]) => id));
  const oneAtATime: SensitivityResult['oneAtATime'] = [];
  const topChanges: TopChange[] = [];
  for (const c of criteria) {
    if (c.weight === 0) continue;
    for (const factor of [1 - spread, 1 + spread]) {
      const moved = criteria.map((x) => (x === c ? { ...x, weight: x.weight * factor } : x));
      const ranks = ranksFor(candidates, moved);
      record(ranks);
      oneAtATime.push({ criterion: c.id, factor, ranks: Object.fromEntries(ranks) });
      const top = [...ranks].filter(([, r]) => r <= topN).map(([id]) => id);
      const entered = top.filter((id) => !baseTop.has(id)).sort((a, b) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0));
      const left = [...baseTop].filter((id) => !top.includes(id)).sort((a, b) => (base.get(a) ?? 0) - (base.get(b) ?? 0));
      if (entered.length > 0 || left.length > 0) topChanges.push({ criterion: c.id, factor, entered, left });
    }
  }

  const random = mulberry32(seed);
  for (let d = 0; d < draws; d++) {
    const moved = criteria.map((x) => ({ ...x, weight: x.weight * (1 - spread + 2 * spread * random()) }));
    record(ranksFor(candidates, moved));
  }

  const byBase = [...base.keys()].sort((a, b) => (base.get(a) ?? 0) - (base.get(b) ?? 0));
  const rangeOf = (id: string): [number, number] => ranges.get(id) ?? [0, 0];
  return {
    seed,
    draws,
    spread,
    topN,
    runs,
    oneAtATime,
    ranges: Object.fromEntries(byBase.map((id) => [id, rangeOf(id)])),
    topShare: Object.fromEntries(byBase.map((id) => [id, (inTop.get(id) ?? 0) / runs])),
    topChanges,
    robust: byBase.filter((id) => rangeOf(id)[1] <= topN),
    dependent: byBase.filter((id) => rangeOf(id)[0] <= topN && rangeOf(id)[1] > topN),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the plain-English statement

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function numberWord(n: number): string {
  return WORDS[n] ?? String(n);
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A share as a percentage that never rounds a "some runs" share to 0% or 100%. */
export function percent(share: number): string {
  if (share >= 1) return '100%';
  if (share <= 0) return '0%';
  const p = Math.round(share * 100);
  if (p >= 100) return 'over 99%';
  if (p <= 0) return 'under 1%';
  return `${p}%`;
}

function signed(factor: number): string {
  const pct = Math.round(Math.abs(factor - 1) * 100);
  return factor < 1 ? `cutting the {c} weight by ${pct}%` : `raising the {c} weight by ${pct}%`;
}

/**
 * A plain-English statement of which priorities are robust (in the top N under every weighting tried) and which
 * depend on the weighting, with the one-at-a-time changes that move a candidate in or out of the top N.
 */
export function sensitivityStatement(result: SensitivityResult, candidates: readonly { id: string; label: string; rank: number }[], weightedCriteria: number): string {
  const n = candidates.length;
  if (n === 0) return 'There are no candidate priorities to rank.';
  const label = new Map(candidates.map((c) => [c.id, c.label]));
  const rankOf = new Map(candidates.map((c) => [c.id, c.rank]));
  const name = (id: string): string => label.get(id) ?? id;
  const top = `top ${numberWord(result.topN)}`;
  const runs = `${thousands(result.runs)} weighting${result.runs === 1 ? '' : 's'} tried`;
  const pct = Math.round(result.spread * 100);
  const method =
    `(Weightings tried: the configured weights; each of the ${numberWord(weightedCriteria)} weights ${pct}% lower and ${pct}% higher, one at a time; ` +
    `and ${thousands(result.draws)} random weightings in which every weight is multiplied by a factor drawn uniformly from ${(1 - result.spread).toFixed(2)} to ${(1 + result.spread).toFixed(2)}, seed ${result.seed}.)`;
  if (n <= result.topN) {
    const moving = [...rankOf.keys()].filter((id) => (result.ranges[id]?.[0] ?? 0) !== (result.ranges[id]?.[1] ?? 0));
    const order =
      moving.length === 0
        ? `Their order is the same in all ${runs}.`
        : `${listJoin(moving.map((id) => `${name(id)} (ranks ${result.ranges[id]?.[0]}–${result.ranges[id]?.[1]})`))} change places under some of the ${runs}.`;
    return `With ${numberWord(n)} candidate${n === 1 ? '' : 's'}, every one is in the ${top}. ${order} ${method}`;
  }
  const parts: string[] = [];
  const robust = result.robust.map(name);
  if (result.robust.length === result.topN) {
    const moving = result.robust.filter((id) => (result.ranges[id]?.[0] ?? 0) !== (result.ranges[id]?.[1] ?? 0));
    const order =
      moving.length === 0
        ? ', in the same order every time'
        : `; ${listJoin(moving.map((id) => `${name(id)} (ranks ${result.ranges[id]?.[0]}–${result.ranges[id]?.[1]})`))} change places under some weightings`;
    const are = robust.length === 1 ? 'is' : 'are';
    parts.push(`The ${top} ${are} robust: ${listJoin(robust)} ${are} the ${top} in all ${runs}${order}.`);
  } else if (robust.length > 0) {
    parts.push(`Robust: ${listJoin(robust)} ${robust.length === 1 ? 'is' : 'are'} in the ${top} in all ${runs}.`);
  } else {
    parts.push(`No priority is in the ${top} in all ${runs}.`);
  }
  if (result.dependent.length > 0) {
    const items = result.dependent.map((id) => {
      const [best, worst] = result.ranges[id] ?? [0, 0];
      return `${name(id)} (rank ${rankOf.get(id)}; ranks ${best}–${worst}; in the ${top} in ${percent(result.topShare[id] ?? 0)} of weightings)`;
    });
    parts.push(`${result.dependent.length === 1 ? 'Depends' : 'Depend'} on the weighting: ${listJoin(items)}.`);
    if (result.topChanges.length === 0) {
      parts.push(`No single weight moved by ${pct}% changes the ${top}; only combined changes do.`);
    } else {
      const moves = result.topChanges.map((t) => {
        const what = signed(t.factor).replace('{c}', t.criterion);
        const into = t.entered.length > 0 ? `puts ${listJoin(t.entered.map(name))} in the ${top}` : '';
        const out = t.left.length > 0 ? `${into ? ' in place of ' : 'takes '}${listJoin(t.left.map(name))}${into ? '' : ` out of the ${top}`}` : '';
        return `${what} ${into}${out}`;
      });
      parts.push(`One weight at a time: ${moves.join('; ')}.`);
    }
  }
  const outside = [...rankOf.keys()].filter((id) => !result.robust.includes(id) && !result.dependent.includes(id)).sort((a, b) => (rankOf.get(a) ?? 0) - (rankOf.get(b) ?? 0));
  if (outside.length > 0) {
    const closest = [...outside].sort((a, b) => (result.ranges[a]?.[0] ?? 0) - (result.ranges[b]?.[0] ?? 0) || (rankOf.get(a) ?? 0) - (rankOf.get(b) ?? 0))[0] ?? '';
    parts.push(
      `${outside.length === 1 ? 'The other candidate' : `The other ${numberWord(outside.length)} candidates`} (${listJoin(outside.map(name))}) ${outside.length === 1 ? 'is' : 'are'} outside the ${top} in every weighting` +
        `${outside.length > 1 ? `; the closest is ${name(closest)} (best rank ${result.ranges[closest]?.[0]})` : ''}.`,
    );
  }
  parts.push(method);
  return parts.join(' ');
}
