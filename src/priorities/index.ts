/**
 * Weighted priority scoring: rank the candidate issues of `priorities.candidates` by the weighted criteria of
 * `priorities.criteria`, explain every score, and test how far the ranking depends on the weights.
 * The method is documented in ./METHOD.md.
 *
 *   const result = scorePriorities(assessment.indicators, config, workspace.scores);
 *   assessment.priorities = result.priorities;   // the JSON contract's shape
 *   console.log(formatTable(result));            // or formatCsv(result)
 */
import type { z } from 'zod';
import type { Config } from '../model/config.js';
import type { IndicatorResult, prioritySchema } from '../model/contract.js';
import type { ScoreRow } from '../ingest/formats/workspace-tables.js';
import { evaluateCriteria, formatNumber, listJoin, type CriteriaOptions, type CriterionId } from './criteria.js';
import { normaliseWeights, rankCandidates, scoreCandidate, type CriterionWeight, type ScoredCandidate } from './score.js';
import { percent, runSensitivity, sensitivityStatement, type SensitivityOptions, type SensitivityResult } from './sensitivity.js';

export { evaluateCriteria, comparisonScale, trendScale, volumePerThousand, harmPerThousand, residentPopulation, workshopScale } from './criteria.js';
export type { CriterionId, CriterionValue, CriteriaMatrix, NoJudgementRule } from './criteria.js';
export { normaliseWeights, scoreCandidate, rankCandidates, compareForRank } from './score.js';
export type { CriterionWeight, ScoredCandidate, ScoredComponent } from './score.js';
export { runSensitivity, sensitivityStatement, mulberry32 } from './sensitivity.js';
export type { SensitivityOptions, SensitivityResult } from './sensitivity.js';

/** A priority in the JSON contract's shape (assessment.json `priorities`). */
export type Priority = z.infer<typeof prioritySchema>;

export interface ScorePrioritiesOptions extends CriteriaOptions, SensitivityOptions {}

/** A scored candidate with its rank, rank range and flags. */
export interface RankedCandidate extends ScoredCandidate {
  rank: number;
  rankRange: [number, number];
  /** Share (0–1) of the sensitivity runs in which the candidate is in the top N. */
  topShare: number;
  /** More than half of its weight has no data (or it could not be scored at all): treat its rank with caution. */
  flagged: boolean;
}

export interface PrioritiesResult {
  /** The contract shape, in rank order. */
  priorities: Priority[];
  /** The same, with the working: nominal weights, missing flags, details. In rank order. */
  candidates: RankedCandidate[];
  /** The configured weights, normalised, in criterion order. */
  weights: CriterionWeight[];
  /** The resident population used to turn counts into rates (null when none was found). */
  population: number | null;
  sensitivity: SensitivityResult | null;
  /** Plain English: which priorities are robust and which depend on the weighting. */
  statement: string;
  notes: string[];
}

/** The config keys scoring reads. */
export type PrioritiesConfig = Pick<Config, 'priorities'>;

/**
 * Each indicator in one candidate only, so that nothing is counted twice (METHOD.md, "Candidates"); the config loader
 * reports this first, with the line.
 * @throws RangeError naming the indicator and both candidates
 */
function assertNoSharedIndicators(candidates: Config['priorities']['candidates']): void {
  const owner = new Map<string, string>();
  for (const c of candidates) {
    for (const id of c.indicators) {
      const first = owner.get(id);
      if (first !== undefined && first !== c.id) throw new RangeError(`indicator "${id}" is in candidates "${first}" and "${c.id}": it would be counted twice`);
      owner.set(id, c.id);
    }
  }
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * Score, rank and test the sensitivity of the candidate priorities.
 *
 * @param indicators the computed indicators (Assessment.indicators), after disclosure control
 * @param config     the workspace config (only `priorities` is read)
 * @param scores     the workshop scores (Workspace.scores)
 * @throws RangeError when the weights are negative or add up to 0, or an indicator is in two candidates (the config
 *   loader reports all three first)
 */
export function scorePriorities(
  indicators: readonly IndicatorResult[],
  config: PrioritiesConfig,
  scores: readonly ScoreRow[],
  options: ScorePrioritiesOptions = {},
): PrioritiesResult {
  const { candidates, criteria } = config.priorities;
  if (candidates.length === 0 || criteria.length === 0) {
    const missingKey = candidates.length === 0 ? 'priorities.candidates' : 'priorities.criteria';
    return {
      priorities: [],
      candidates: [],
      weights: criteria.length > 0 ? normaliseWeights(criteria) : [],
      population: null,
      sensitivity: null,
      statement: `No priorities were scored: ${missingKey} is empty in the config.`,
      notes: [`${missingKey} is empty: add candidate issues and weighted criteria to score priorities`],
    };
  }
  assertNoSharedIndicators(candidates);
  const weights = normaliseWeights(criteria);
  const matrix = evaluateCriteria(candidates, indicators, scores, options);
  const scored = candidates.map((c) => {
    const values = matrix.values.get(c.id);
    if (!values) throw new Error(`internal: no criteria for candidate ${c.id}`);
    return { values, result: scoreCandidate(c.id, c.label, values, weights) };
  });
  const ranks = rankCandidates(scored.map((s) => s.result));
  const sensitivity = runSensitivity(
    candidates.map((c, i) => ({ id: c.id, label: c.label, values: (scored[i] as (typeof scored)[number]).values })),
    criteria,
    options,
  );

  const ranked: RankedCandidate[] = scored
    .map(({ result }) => ({
      ...result,
      rank: ranks.get(result.id) ?? 0,
      rankRange: sensitivity.ranges[result.id] ?? ([0, 0] as [number, number]),
      topShare: sensitivity.topShare[result.id] ?? 0,
      flagged: !result.scored || result.missingWeight > 0.5,
    }))
    .sort((a, b) => a.rank - b.rank);

  const notes = [...matrix.notes];
  for (const c of ranked) {
    const gone = c.components.filter((x) => x.missing && x.nominalWeight > 0);
    if (!c.scored) {
      notes.push(`${c.label} (${c.id}): no data for any weighted criterion, so it cannot be scored: shown last with score 0 — this is not a judgement that it does not matter`);
    } else if (gone.length > 0) {
      const what = `${listJoin(gone.map((x) => x.criterion))} ${gone.length === 1 ? 'has' : 'have'} no data (${pct(c.missingWeight)} of the weight); scored over the other criteria, with their weights scaled up to sum to 1`;
      notes.push(`${c.label} (${c.id}): ${what}${c.flagged ? '. More than half the weight has no data: treat this rank with caution' : ''}`);
    }
  }
  const harmWeight = weights.find((w) => w.criterion === 'harm')?.normalised ?? 0;
  const withHarm = ranked.filter((c) => c.harm !== null);
  const withoutHarm = ranked.filter((c) => c.harm === null);
  if (harmWeight > 0 && withHarm.length > 0 && withoutHarm.length > 0) {
    notes.push(
      `harm is known for ${listJoin(withHarm.map((c) => c.label))} only (the harm index covers police recorded crime); ` +
        `for ${listJoin(withoutHarm.map((c) => c.label))} it is left out, which amounts to assuming ${withoutHarm.length === 1 ? 'its harm is in line with the rest of its scores' : 'their harm is in line with the rest of their scores'}`,
    );
  }

  const priorities: Priority[] = ranked.map((c) => ({
    id: c.id,
    label: c.label,
    score: c.score,
    rank: c.rank,
    rankRange: [c.rankRange[0], c.rankRange[1]],
    components: c.components.map((x) => ({ criterion: x.criterion, raw: x.raw, scaled: x.scaled, weight: x.weight, contribution: x.contribution })),
  }));
  const statement = sensitivityStatement(sensitivity, ranked, weights.filter((w) => w.weight > 0).length);
  return { priorities, candidates: ranked, weights, population: matrix.population, sensitivity, statement, notes };
}

// ---------------------------------------------------------------------------------------------------------------
// formatting

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** The working shown for one component in the table: the raw value with its unit and how it was scaled. */
function working(x: RankedCandidate['components'][number]): string {
  if (x.missing) return x.detail;
  const c: CriterionId = x.criterion;
  if (c === 'volume' || c === 'harm') return x.detail;
  if (c === 'trend' || c === 'national-comparison') return `${String(x.raw)} → ${x.detail}`;
  return String(x.raw);
}

/** A readable terminal table: the ranking, then each candidate's breakdown, the sensitivity statement and notes. */
export function formatTable(result: PrioritiesResult): string {
  const lines: string[] = [];
  if (result.candidates.length === 0) return `${result.statement}\n`;
  const top = result.sensitivity?.topN ?? 3;
  lines.push(`Candidate priorities: a weighted sum of ${result.weights.length} criteria, each scaled 0 (weakest case) to 1 (strongest), weights normalised to sum to 1`);
  lines.push(`Weights: ${result.weights.map((w) => `${w.criterion} ${formatNumber(w.normalised, 3)}`).join(', ')}`);
  lines.push('');
  const labelWidth = Math.max(8, ...result.candidates.map((c) => c.label.length));
  lines.push(`${pad('Rank', 4, true)}  ${pad('Priority', labelWidth)}  ${pad('Score', 5, true)}  ${pad('Rank range', 10)}  ${pad(`In top ${top}`, 8, true)}`);
  for (const c of result.candidates) {
    const range = `${c.rankRange[0]}–${c.rankRange[1]}`;
    const flag = c.flagged ? '  (!) more than half the weight has no data' : '';
    lines.push(`${pad(String(c.rank), 4, true)}  ${pad(c.label, labelWidth)}  ${pad(formatNumber(c.score, 3), 5, true)}  ${pad(range, 10)}  ${pad(percent(c.topShare), 8, true)}${flag}`);
  }
  lines.push('');
  const critWidth = Math.max(9, ...result.weights.map((w) => w.criterion.length));
  for (const c of result.candidates) {
    lines.push(`${c.rank}. ${c.label} (${c.id}): score ${formatNumber(c.score, 3)}, ranks ${c.rankRange[0]}–${c.rankRange[1]} under changed weights`);
    lines.push(`   ${pad('criterion', critWidth)}  ${pad('scaled', 6, true)}  ${pad('weight', 6, true)}  ${pad('contribution', 12, true)}  raw value and working`);
    for (const x of c.components) {
      const scaled = x.scaled === null ? 'missing' : formatNumber(x.scaled, 3);
      lines.push(`   ${pad(x.criterion, critWidth)}  ${pad(scaled, 6, true)}  ${pad(formatNumber(x.weight, 3), 6, true)}  ${pad(formatNumber(x.contribution, 3), 12, true)}  ${working(x)}`);
    }
    const wsum = c.components.reduce((a, x) => a + x.weight, 0);
    lines.push(`   ${pad('total', critWidth)}  ${pad('', 6)}  ${pad(formatNumber(wsum, 3), 6, true)}  ${pad(formatNumber(c.score, 3), 12, true)}`);
    lines.push('');
  }
  lines.push(`Sensitivity: ${result.statement}`);
  if (result.notes.length > 0) {
    lines.push('');
    lines.push('Notes:');
    for (const n of result.notes) lines.push(`- ${n}`);
  }
  return lines.join('\n') + '\n';
}

function csvField(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV, one row per candidate × criterion, full precision (the contributions of a candidate add up to its score). */
export function formatCsv(result: PrioritiesResult): string {
  const header = ['rank', 'id', 'label', 'score', 'rank_best', 'rank_worst', 'criterion', 'raw', 'scaled', 'weight', 'nominal_weight', 'contribution', 'missing', 'detail'];
  const rows = [header.join(',')];
  for (const c of result.candidates) {
    for (const x of c.components) {
      rows.push(
        [c.rank, c.id, c.label, c.score, c.rankRange[0], c.rankRange[1], x.criterion, x.raw, x.scaled, x.weight, x.nominalWeight, x.contribution, x.missing, x.detail]
          .map(csvField)
          .join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}
