/**
 * The criteria of priority scoring: for every candidate issue and every criterion, the raw value and the documented
 * rule that maps it to a common 0–1 scale (1 = the strongest case for making the issue a priority). The rules are
 * written out, with a worked example, in ./METHOD.md; a change here must be made there too.
 *
 * Missing or suppressed data are never zero: a criterion the data cannot give is `raw: null, scaled: null` with the
 * reason in `detail`, and the scorer (./score.ts) leaves it out of the candidate's weighted sum.
 */
import { CRITERION_IDS, type Config } from '../model/config.js';
import type { IndicatorResult } from '../model/contract.js';
import type { ScoreRow } from '../ingest/formats/workspace-tables.js';

export type CriterionId = (typeof CRITERION_IDS)[number];
export type Candidate = Config['priorities']['candidates'][number];

/** Criteria scored by people in scores.csv (the rest come from the indicators' data). */
const PEOPLE_CRITERIA = ['public-concern', 'vulnerability', 'capacity-to-influence'] as const satisfies readonly CriterionId[];

/**
 * How to judge an indicator whose polarity is `no-judgement` (e.g. hidden crime, where more reports can mean more
 * confidence to report): 'demand' scores a rise, or a level above England and Wales, as more need for the
 * partnership's attention (1) and a fall or a lower level as less (0); 'missing' leaves trend and national
 * comparison out for such indicators.
 */
export type NoJudgementRule = 'demand' | 'missing';

/** One criterion of one candidate, before weighting. */
export interface CriterionValue {
  criterion: CriterionId;
  /** The raw value: a number (per 1,000 residents, a mean workshop score) or a description; null when missing. */
  raw: number | string | null;
  /** On the 0–1 scale (1 = strongest case for priority); null when missing. */
  scaled: number | null;
  /** Plain-English working: where the raw value comes from and how it was scaled, or why it is missing. */
  detail: string;
}

/** Every criterion's value for every candidate, and notes on the data. */
export interface CriteriaMatrix {
  /** candidate id → criterion → value (all seven criteria, whether weighted or not). */
  values: Map<string, Record<CriterionId, CriterionValue>>;
  /** The resident population used to turn counts into rates per 1,000 residents (null when none was found). */
  population: number | null;
  notes: string[];
}

export interface CriteriaOptions {
  noJudgement?: NoJudgementRule;
}

// ---------------------------------------------------------------------------------------------------------------
// formatting helpers (shared with the table)

/** 1234567.8 → "1,234,568" (dp 0), deterministic (no locale). */
export function formatNumber(n: number, dp = 2): string {
  const fixed = Math.abs(n).toFixed(dp);
  const [int = '0', frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + grouped + (frac !== undefined ? '.' + frac : '');
}

function formatP(p: number | null): string {
  if (p === null) return '';
  if (p < 0.001) return ', p<0.001';
  return `, p=${p.toFixed(3)}`;
}

function listJoin(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------------------------
// per-indicator rules (exported for tests)

const PER_RESIDENTS = /^per ([\d,]+) residents$/;

/**
 * The area's resident population: the denominator of the indicators published per N residents (police recorded
 * crime, anti-social behaviour). When they differ, the most common one (then the largest) is used.
 */
export function residentPopulation(indicators: readonly IndicatorResult[]): number | null {
  const tally = new Map<number, number>();
  for (const i of indicators) {
    if (PER_RESIDENTS.test(i.unit) && i.denominator !== null && i.denominator > 0) tally.set(i.denominator, (tally.get(i.denominator) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [d, n] of tally) {
    if (n > bestCount || (n === bestCount && best !== null && d > best)) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** An indicator's volume: events (offences, incidents, reports, people) per 1,000 residents, or why there is none. */
export function volumePerThousand(ind: IndicatorResult, population: number | null): { value: number; how: string } | { value: null; why: string } {
  if (ind.suppressed) return { value: null, why: `${ind.label}: suppressed (small numbers)` };
  const m = PER_RESIDENTS.exec(ind.unit);
  if (m && ind.value !== null) {
    const per = Number((m[1] ?? '').replace(/,/g, ''));
    const value = (ind.value * 1000) / per;
    return { value, how: `${ind.label} ${formatNumber(value)}` };
  }
  if (ind.count !== null && population !== null) {
    const value = (ind.count / population) * 1000;
    return { value, how: `${ind.label} ${formatNumber(value)} (${formatNumber(ind.count, 0)} ÷ ${formatNumber(population, 0)} residents × 1,000)` };
  }
  if (ind.count === null) return { value: null, why: `${ind.label}: no count` };
  return { value: null, why: `${ind.label}: no resident population to turn ${formatNumber(ind.count, 0)} into a rate` };
}

/** An indicator's harm: Cambridge Crime Harm Index per 1,000 residents (police recorded crime only), or why there is none. */
export function harmPerThousand(ind: IndicatorResult): { value: number; how: string } | { value: null; why: string } {
  if (ind.suppressed) return { value: null, why: `${ind.label}: suppressed (small numbers)` };
  const v = ind.harm?.perThousand ?? null;
  if (v === null) return { value: null, why: `${ind.label}: no harm index` };
  return { value: v, how: `${ind.label} ${formatNumber(v, 1)}` };
}

type Move = 'up' | 'down' | 'flat';

/** 1 = deteriorating (more need), 0.5 = no significant change, 0 = improving; null when polarity gives no judgement under 'missing'. */
function judge(move: Move, polarity: IndicatorResult['polarity'], rule: NoJudgementRule): { scaled: number; word: string } | null {
  if (move === 'flat') return { scaled: 0.5, word: 'no significant change' };
  if (polarity === 'no-judgement') {
    if (rule === 'missing') return null;
    return move === 'up' ? { scaled: 1, word: 'rising demand' } : { scaled: 0, word: 'falling demand' };
  }
  const worse = (move === 'up') === (polarity === 'lower-is-better');
  return worse ? { scaled: 1, word: 'deteriorating' } : { scaled: 0, word: 'improving' };
}

/**
 * An indicator's trend on the 0–1 scale. The long-term trend (three or more years, tested for significance) is
 * used when it could be calculated; otherwise the year-on-year change and its test. Only a statistically
 * significant movement counts as a rise or fall.
 */
export function trendScale(ind: IndicatorResult, rule: NoJudgementRule = 'demand'): { scaled: number; how: string } | { scaled: null; why: string } {
  let move: Move;
  let what: string;
  if (ind.trend && ind.trend.direction !== 'cannot-be-calculated') {
    const d = ind.trend.direction;
    move = d === 'increasing' ? 'up' : d === 'decreasing' ? 'down' : 'flat';
    what = `${d === 'no-significant-change' ? 'no significant trend' : d}${formatP(ind.trend.pValue)}`;
  } else if (ind.change) {
    const d = ind.change.direction;
    move = d === 'increase' ? 'up' : d === 'decrease' ? 'down' : 'flat';
    what = `year-on-year ${d === 'no-significant-change' ? 'no significant change' : d}${formatP(ind.change.pValue)}`;
  } else {
    return { scaled: null, why: `${ind.label}: no trend or change${ind.suppressed ? ' (suppressed)' : ''}` };
  }
  const j = judge(move, ind.polarity, rule);
  if (!j) return { scaled: null, why: `${ind.label}: ${what}, polarity no-judgement` };
  return { scaled: j.scaled, how: `${ind.label}: ${what} (${j.word})` };
}

/** An indicator's comparison with England and Wales on the 0–1 scale: worse 1, similar 0.5, better 0 (higher/lower: see NoJudgementRule). */
export function comparisonScale(ind: IndicatorResult, rule: NoJudgementRule = 'demand'): { scaled: number; how: string } | { scaled: null; why: string } {
  const c = ind.comparison;
  const label = ind.label;
  switch (c) {
    case 'worse':
      return { scaled: 1, how: `${label}: worse` };
    case 'similar':
      return { scaled: 0.5, how: `${label}: similar` };
    case 'better':
      return { scaled: 0, how: `${label}: better` };
    case 'higher':
    case 'lower':
      if (rule === 'missing') return { scaled: null, why: `${label}: ${c}, polarity no-judgement` };
      return c === 'higher' ? { scaled: 1, how: `${label}: higher (more demand)` } : { scaled: 0, how: `${label}: lower (less demand)` };
    case 'not-compared':
      return { scaled: null, why: `${label}: not compared${ind.suppressed ? ' (suppressed)' : ''}` };
  }
}

/** A workshop score 1–5 on the 0–1 scale: (s − 1) / 4. */
export function workshopScale(score: number): number {
  return (score - 1) / 4;
}

// ---------------------------------------------------------------------------------------------------------------
// candidate level

function missing(criterion: CriterionId, why: string): CriterionValue {
  return { criterion, raw: null, scaled: null, detail: `missing: ${why}` };
}

interface Lookup {
  indicators: Map<string, IndicatorResult>;
}

function candidateIndicators(c: Candidate, lookup: Lookup): { found: IndicatorResult[]; absent: string[] } {
  const found: IndicatorResult[] = [];
  const absent: string[] = [];
  for (const id of c.indicators) {
    const ind = lookup.indicators.get(id);
    if (ind) found.push(ind);
    else absent.push(id);
  }
  return { found, absent };
}

/** Sum of an additive per-1,000 measure (volume, harm) over a candidate's indicators that have it. */
function additive(
  c: Candidate,
  lookup: Lookup,
  measure: (i: IndicatorResult) => { value: number; how: string } | { value: null; why: string },
): { raw: number | null; parts: string[]; gaps: string[] } {
  const { found, absent } = candidateIndicators(c, lookup);
  const parts: string[] = [];
  const gaps = absent.map((id) => `${id}: no data`);
  let sum = 0;
  let any = false;
  for (const ind of found) {
    const m = measure(ind);
    if (m.value === null) gaps.push(m.why);
    else {
      sum += m.value;
      any = true;
      parts.push(m.how);
    }
  }
  return { raw: any ? sum : null, parts, gaps };
}

/** Mean of a per-indicator 0–1 judgement (trend, comparison) over a candidate's indicators that have it. */
function averaged(
  criterion: 'trend' | 'national-comparison',
  c: Candidate,
  lookup: Lookup,
  judgeOne: (i: IndicatorResult) => { scaled: number; how: string } | { scaled: null; why: string },
): CriterionValue {
  const { found, absent } = candidateIndicators(c, lookup);
  const hows: string[] = [];
  const gaps = absent.map((id) => `${id}: no data`);
  const values: number[] = [];
  for (const ind of found) {
    const j = judgeOne(ind);
    if (j.scaled === null) gaps.push(j.why);
    else {
      values.push(j.scaled);
      hows.push(j.how);
    }
  }
  if (values.length === 0) return missing(criterion, gaps.join('; ') || 'no indicators');
  const scaled = values.reduce((a, b) => a + b, 0) / values.length;
  const raw = hows.join('; ');
  const mean = values.length > 1 ? `mean of ${values.map((v) => formatNumber(v)).join(', ')} = ${formatNumber(scaled, 3)}` : `scaled ${formatNumber(scaled)}`;
  const partial = gaps.length > 0 ? `; left out: ${gaps.join('; ')}` : '';
  return { criterion, raw, scaled, detail: `${mean}${partial}` };
}

function people(criterion: (typeof PEOPLE_CRITERIA)[number], c: Candidate, scores: readonly ScoreRow[]): CriterionValue {
  const rows = scores.filter((r) => r.candidate === c.id && r.criterion === criterion && r.score >= 1 && r.score <= 5);
  if (rows.length === 0) return missing(criterion, `no ${criterion} score for ${c.id} in scores.csv`);
  const mean = rows.reduce((a, r) => a + r.score, 0) / rows.length;
  const sources = [...new Set(rows.map((r) => r.citation).filter((s) => s !== ''))];
  const cite = sources.length > 0 ? sources.join('; ') : 'no source given';
  const value = rows.length === 1 ? formatNumber(mean, 2).replace(/\.?0+$/, '') : `${formatNumber(mean, 2)} (mean of ${rows.map((r) => r.score).join(', ')})`;
  const scaled = workshopScale(mean);
  return {
    criterion,
    raw: `${value} — ${cite}`,
    scaled,
    detail: `workshop score ${value} of 5 → (${formatNumber(mean, 2)} − 1) ÷ 4 = ${formatNumber(scaled, 3)}; source: ${cite}`,
  };
}

/**
 * Evaluate all seven criteria for every candidate.
 *
 * Volume and harm are summed over the candidate's indicators (both are per 1,000 residents, so they add) and then
 * scaled across candidates as a proportion of the largest candidate's figure. Trend and national comparison are
 * judged per indicator (1 / 0.5 / 0) and averaged. People-sourced criteria are the mean workshop score, (s − 1) / 4.
 */
export function evaluateCriteria(
  candidates: readonly Candidate[],
  indicators: readonly IndicatorResult[],
  scores: readonly ScoreRow[],
  options: CriteriaOptions = {},
): CriteriaMatrix {
  const rule = options.noJudgement ?? 'demand';
  const lookup: Lookup = { indicators: new Map(indicators.map((i) => [i.id, i])) };
  const population = residentPopulation(indicators);
  const notes: string[] = [];
  const byId = new Map(candidates.map((c) => [c.id, c]));

  const sums = {
    volume: new Map<string, ReturnType<typeof additive>>(),
    harm: new Map<string, ReturnType<typeof additive>>(),
  };
  for (const c of candidates) {
    sums.volume.set(c.id, additive(c, lookup, (i) => volumePerThousand(i, population)));
    sums.harm.set(c.id, additive(c, lookup, harmPerThousand));
  }

  const proportional = (criterion: 'volume' | 'harm', unitWord: string, dp: number): Map<string, CriterionValue> => {
    const out = new Map<string, CriterionValue>();
    const table = sums[criterion];
    let maxId: string | null = null;
    let max = -Infinity;
    for (const c of candidates) {
      const raw = table.get(c.id)?.raw ?? null;
      if (raw !== null && raw > max) {
        max = raw;
        maxId = c.id;
      }
    }
    for (const c of candidates) {
      const s = table.get(c.id);
      if (!s || s.raw === null) {
        const why = s && s.gaps.length > 0 ? s.gaps.join('; ') : 'no indicators';
        out.set(c.id, missing(criterion, criterion === 'harm' ? `${why} (the harm index covers police recorded crime only)` : why));
        continue;
      }
      const scaled = max > 0 ? s.raw / max : 0;
      const largest = maxId === c.id ? 'the largest' : `the largest is ${byId.get(maxId ?? '')?.label ?? maxId}, ${formatNumber(max, dp)}`;
      const sum = s.parts.length > 1 ? `${s.parts.join(' + ')} = ${formatNumber(s.raw, dp)}` : s.parts.join('');
      const partial = s.gaps.length > 0 ? `; not included: ${s.gaps.join('; ')}` : '';
      out.set(c.id, {
        criterion,
        raw: s.raw,
        scaled,
        detail: `${unitWord}: ${sum}; scaled ${formatNumber(s.raw, dp)} ÷ ${formatNumber(max, dp)} = ${formatNumber(scaled, 3)} (${largest})${partial}`,
      });
    }
    return out;
  };
  const volume = proportional('volume', 'per 1,000 residents', 2);
  const harm = proportional('harm', 'harm index per 1,000 residents', 1);

  const values = new Map<string, Record<CriterionId, CriterionValue>>();
  for (const c of candidates) {
    values.set(c.id, {
      volume: volume.get(c.id) ?? missing('volume', 'no indicators'),
      trend: averaged('trend', c, lookup, (i) => trendScale(i, rule)),
      'national-comparison': averaged('national-comparison', c, lookup, (i) => comparisonScale(i, rule)),
      harm: harm.get(c.id) ?? missing('harm', 'no indicators'),
      'public-concern': people('public-concern', c, scores),
      vulnerability: people('vulnerability', c, scores),
      'capacity-to-influence': people('capacity-to-influence', c, scores),
    });
  }

  // Notes on the inputs: indicators without data, scores that match no candidate.
  if (population !== null) notes.push(`volume: counts are turned into rates with the resident population ${formatNumber(population, 0)} (the denominator of the indicators published per 1,000 residents)`);
  const absent = [...new Set(candidates.flatMap((c) => c.indicators.filter((id) => !lookup.indicators.has(id))))];
  if (absent.length > 0) notes.push(`no data for ${listJoin(absent)}: left out of the candidates that name ${absent.length === 1 ? 'it' : 'them'}`);
  const strays = [...new Set(scores.filter((r) => !byId.has(r.candidate)).map((r) => r.candidate))];
  if (strays.length > 0) notes.push(`scores.csv has scores for ${listJoin(strays.map((s) => `"${s}"`))}, which ${strays.length === 1 ? 'is' : 'are'} not a candidate in priorities.candidates: ignored`);
  return { values, population, notes };
}

export { listJoin };
