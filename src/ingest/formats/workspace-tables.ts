/**
 * The three small tables a partnership keeps in its workspace:
 * - plan-review.csv: last year's plan actions and how far each got (`action,owner,priority,status,note`);
 * - consultation.csv: residents' survey results (`topic,percent_concerned,respondents,source`);
 * - scores.csv: workshop scores for the people-sourced prioritisation criteria (`candidate,criterion,score,source`).
 *
 * The CSV column `source` of consultation and scores (where the figure comes from) is the row's `citation`; the
 * row's `source` is, as in every row type, the file and line it was read from.
 */
import type { FileSummary, InputKind, SourceRef } from '../../model/data.js';
import type { ColumnSpec } from '../header.js';
import { readTable, tidyText, type FormatReadOptions, type Layout, type RowContext } from './table-reader.js';

// ---------------------------------------------------------------------------------------------------------------
// plan-review

export const PLAN_STATUSES = ['complete', 'on-track', 'delayed', 'not-started'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** One action of last year's plan. */
export interface PlanReviewRow {
  action: string;
  /** Lead agency or officer ('' when not given). */
  owner: string;
  /** The strategic priority the action serves ('' when not given). */
  priority: string;
  status: PlanStatus;
  note?: string;
  source: SourceRef;
}

export const PLAN_REVIEW_FORMAT_NAME = 'plan review';
const PLAN_REVIEW_KIND: InputKind = 'plan-review';
export const PLAN_REVIEW_COLUMNS: ColumnSpec[] = [
  { name: 'action', aliases: ['action', 'plan action'], required: true },
  { name: 'owner', aliases: ['owner', 'lead'], required: true },
  { name: 'priority', aliases: ['priority', 'strategic priority'], required: true },
  { name: 'status', aliases: ['status', 'progress'], required: true },
  { name: 'note', aliases: ['note', 'notes', 'comment', 'comments'], required: false },
];

/** Lower-case, spaces and underscores to hyphens: "On track" → "on-track". */
function slugish(raw: string): string {
  return tidyText(raw).toLowerCase().replace(/[\s_]+/g, '-');
}

/**
 * Read plan-review.csv.
 *
 * @throws SwpError(INPUT) for a header that does not match, a file without data rows, or any bad rows.
 */
export async function readPlanReview(path: string, options: FormatReadOptions = {}): Promise<{ rows: PlanReviewRow[]; summary: FileSummary }> {
  const rows: PlanReviewRow[] = [];
  const layout: Layout = { id: PLAN_REVIEW_KIND, formatName: PLAN_REVIEW_FORMAT_NAME, columns: PLAN_REVIEW_COLUMNS };
  const onRow = (ctx: RowContext): void => {
    const action = ctx.requiredText('action', 'an action');
    const status = slugish(ctx.raw('status'));
    const known = (PLAN_STATUSES as readonly string[]).includes(status);
    if (!known) {
      ctx.problem('status', {
        message: status === '' ? 'the status is empty' : 'the status is not one of the allowed values',
        expected: `one of ${PLAN_STATUSES.join(', ')}`,
        hint: `write one of ${PLAN_STATUSES.join(' | ')} (e.g. "on-track" for an action that is going to plan)`,
      });
    }
    if (ctx.bad || !action.ok || !known) return;
    const out: PlanReviewRow = {
      action: action.value,
      owner: tidyText(ctx.raw('owner')),
      priority: tidyText(ctx.raw('priority')),
      status: status as PlanStatus,
      source: { file: ctx.file, line: ctx.line },
    };
    const note = tidyText(ctx.raw('note'));
    if (note !== '') out.note = note;
    rows.push(out);
  };
  await readTable(path, options, [layout], onRow);
  const counts = PLAN_STATUSES.map((s) => `${rows.filter((r) => r.status === s).length} ${s}`).join(', ');
  return { rows, summary: { file: options.displayPath ?? path, kind: PLAN_REVIEW_KIND, rows: rows.length, note: counts } };
}

// ---------------------------------------------------------------------------------------------------------------
// consultation

/** One topic of a residents' survey or consultation. */
export interface ConsultationRow {
  topic: string;
  /** Percentage of respondents concerned, 0–100. */
  percentConcerned: number;
  /** Number of people who answered the question. */
  respondents: number;
  /** The CSV's `source` column: the survey the figure comes from ('' when not given). */
  citation: string;
  source: SourceRef;
}

const CONSULTATION_FORMAT_NAME = 'consultation';
const CONSULTATION_KIND: InputKind = 'consultation';
export const CONSULTATION_COLUMNS: ColumnSpec[] = [
  { name: 'topic', aliases: ['topic', 'issue'], required: true },
  { name: 'percent_concerned', aliases: ['percent_concerned', '% concerned', 'percent concerned', 'concerned (%)'], required: true },
  { name: 'respondents', aliases: ['respondents', 'responses', 'base'], required: true },
  { name: 'source', aliases: ['source', 'survey'], required: true },
];

/**
 * Read consultation.csv.
 *
 * @throws SwpError(INPUT) for a header that does not match, a file without data rows, or any bad rows.
 */
export async function readConsultation(path: string, options: FormatReadOptions = {}): Promise<{ rows: ConsultationRow[]; summary: FileSummary }> {
  const rows: ConsultationRow[] = [];
  const layout: Layout = { id: CONSULTATION_KIND, formatName: CONSULTATION_FORMAT_NAME, columns: CONSULTATION_COLUMNS };
  const onRow = (ctx: RowContext): void => {
    const topic = ctx.requiredText('topic', 'a topic');
    const percent = ctx.numberInRange('percent_concerned', 'the percentage concerned', 0, 100, {
      suffix: '%',
      expected: 'a percentage from 0 to 100, e.g. 42 or 42.5',
      hint: 'give the percentage as a number from 0 to 100 (42 for 42%, not 0.42)',
    });
    const respondents = ctx.count('respondents', { what: 'the number of respondents' });
    if (respondents.ok && respondents.value.value === null) {
      ctx.problem('respondents', {
        message: 'the number of respondents is marked as not published',
        expected: 'a whole number of 1 or more',
        hint: 'give the number of people who answered, so readers can judge the percentage',
      });
    } else if (respondents.ok && respondents.value.value === 0) {
      ctx.problem('respondents', {
        message: 'the number of respondents is 0',
        expected: 'a whole number of 1 or more',
        hint: 'a percentage of no respondents means nothing: remove the row or correct the count',
      });
    }
    if (ctx.bad || !topic.ok || !percent.ok || !respondents.ok || respondents.value.value === null) return;
    rows.push({
      topic: topic.value,
      percentConcerned: percent.value,
      respondents: respondents.value.value,
      citation: tidyText(ctx.raw('source')),
      source: { file: ctx.file, line: ctx.line },
    });
  };
  await readTable(path, options, [layout], onRow);
  return { rows, summary: { file: options.displayPath ?? path, kind: CONSULTATION_KIND, rows: rows.length } };
}

// ---------------------------------------------------------------------------------------------------------------
// scores

export const SCORE_CRITERIA = ['public-concern', 'vulnerability', 'capacity-to-influence'] as const;
export type ScoreCriterion = (typeof SCORE_CRITERIA)[number];

/** One workshop score of a candidate issue against a people-sourced criterion (several scorers may give one each). */
export interface ScoreRow {
  /** Candidate id, as in `priorities.candidates[].id`. */
  candidate: string;
  criterion: ScoreCriterion;
  /** 1 (low) to 5 (high); may be a decimal (e.g. an average of a panel's scores). */
  score: number;
  /** The CSV's `source` column: who scored, or the evidence used (required). */
  citation: string;
  source: SourceRef;
}

const SCORES_FORMAT_NAME = 'scores';
const SCORES_KIND: InputKind = 'scores';
export const SCORES_COLUMNS: ColumnSpec[] = [
  { name: 'candidate', aliases: ['candidate', 'candidate id', 'issue'], required: true },
  { name: 'criterion', aliases: ['criterion', 'criteria'], required: true },
  { name: 'score', aliases: ['score'], required: true },
  { name: 'source', aliases: ['source', 'evidence'], required: true },
];

const CANDIDATE_RE = /^[a-z0-9-]+$/;

/**
 * Read scores.csv.
 *
 * @throws SwpError(INPUT) for a header that does not match, a file without data rows, or any bad rows.
 */
export async function readScores(path: string, options: FormatReadOptions = {}): Promise<{ rows: ScoreRow[]; summary: FileSummary }> {
  const rows: ScoreRow[] = [];
  const layout: Layout = { id: SCORES_KIND, formatName: SCORES_FORMAT_NAME, columns: SCORES_COLUMNS };
  const onRow = (ctx: RowContext): void => {
    const candidate = ctx.raw('candidate').trim();
    if (!CANDIDATE_RE.test(candidate)) {
      const guess = slugish(candidate).replace(/[^a-z0-9-]/g, '');
      ctx.problem('candidate', {
        message: candidate === '' ? 'the candidate is empty' : 'the candidate is not a candidate id',
        expected: 'a candidate id from priorities.candidates in swp.config.yaml: lower-case letters, digits and hyphens',
        hint: guess !== '' && guess !== candidate ? `did you mean "${guess}"? use the candidate's id, not its label` : "use the candidate's id as in priorities.candidates",
      });
    }
    const criterion = slugish(ctx.raw('criterion'));
    const knownCriterion = (SCORE_CRITERIA as readonly string[]).includes(criterion);
    if (!knownCriterion) {
      ctx.problem('criterion', {
        message: criterion === '' ? 'the criterion is empty' : 'the criterion is not one scored by people',
        expected: `one of ${SCORE_CRITERIA.join(', ')}`,
        hint: 'volume, trend, national-comparison and harm come from the data and are not scored in this file',
      });
    }
    const score = ctx.numberInRange('score', 'the score', 1, 5, {
      expected: 'a score from 1 to 5 (decimals allowed, e.g. 3.5)',
      hint: 'score 1 (low) to 5 (high); an average of several scorers may be a decimal',
    });
    const citation = ctx.requiredText('source', 'a source', 'say who gave the score or what evidence it rests on, e.g. "CSP workshop 2024-01-15"');
    if (ctx.bad || !knownCriterion || !score.ok || !citation.ok) return;
    rows.push({
      candidate,
      criterion: criterion as ScoreCriterion,
      score: score.value,
      citation: citation.value,
      source: { file: ctx.file, line: ctx.line },
    });
  };
  await readTable(path, options, [layout], onRow);
  const candidates = new Set(rows.map((r) => r.candidate));
  return {
    rows,
    summary: { file: options.displayPath ?? path, kind: SCORES_KIND, rows: rows.length, note: `${candidates.size} candidate${candidates.size === 1 ? '' : 's'}` },
  };
}
