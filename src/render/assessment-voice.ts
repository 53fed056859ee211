/**
 * The analyst's voice in the strategic assessment: their Markdown placed in its sections (introduction, chapter
 * commentary, commentary on each indicator under the table that shows it, the horizon scan, the recommendations),
 * and the action plan for the year ahead that ends the document: the partnership's own (workspace action-plan.csv)
 * or, without it, a draft generated from the recommended priorities with owners "to be agreed".
 */
import type { Config } from '../model/config.js';
import type { Assessment } from '../model/contract.js';
import type { ActionPlanRow, AnalystText } from '../ingest/workspace.js';
import { lowerFirst } from '../analysis/findings.js';
import { analystHtml } from './analyst-text.js';

/** What the assessment view passes in (a subset of its inputs). */
export interface VoiceInputs {
  assessment: Assessment;
  config: Config;
  analystText?: AnalystText | undefined;
  actionPlan?: ActionPlanRow[] | undefined;
  /** The relative address of the public summary, when one is written beside the document. */
  publicSummaryHref?: string | undefined;
}

export const TO_BE_AGREED = 'To be agreed';

/** "2017/18": the financial year after the assessment's. */
export function yearAhead(a: Assessment): string {
  const y = Number(a.period.start.slice(0, 4)) + 1;
  return `${y}/${String(y + 1).slice(2)}`;
}

/** The section id of each chapter's table and the indicators it shows (as assessment-view builds them). */
function chapterIndicators(a: Assessment, config: Config): { id: string; indicators: string[] }[] {
  const overview = a.indicators.filter((i) => i.group === 'recorded-crime' || i.group === 'anti-social-behaviour').map((i) => i.id);
  return [{ id: 'overview', indicators: overview }, ...config.strategicPriorities.map((p) => ({ id: `priority-${p.id}`, indicators: p.indicators }))];
}

/**
 * Each chapter's commentary and the commentary on its indicators. An indicator's text goes under the first table
 * that shows it; one that no table shows goes under the overview, so that nothing the analyst wrote is lost.
 */
function chaptersVoice(input: VoiceInputs) {
  const { assessment: a, config } = input;
  const text = input.analystText;
  const labels = new Map(a.indicators.map((i) => [i.id, i.label]));
  const placed = new Set<string>();
  const chapters: Record<string, { html?: string; notes: { label: string; html: string }[] }> = {};
  const note = (id: string) => {
    const html = analystHtml(text?.indicators[id], 5);
    return html ? [{ label: labels.get(id) ?? config.indicators.find((i) => i.id === id)?.label ?? id, html }] : [];
  };
  for (const c of chapterIndicators(a, config)) {
    const own = c.indicators.filter((id) => !placed.has(id));
    own.forEach((id) => placed.add(id));
    const html = analystHtml(text?.chapters[c.id === 'overview' ? 'overview' : c.id.slice('priority-'.length)]);
    chapters[c.id] = { ...(html ? { html } : {}), notes: own.flatMap(note) };
  }
  for (const id of Object.keys(text?.indicators ?? {}).sort()) if (!placed.has(id)) chapters.overview!.notes.push(...note(id));
  return chapters;
}

/** The top three of the weighted scoring, best first. */
function recommended(a: Assessment): Assessment['priorities'] {
  return [...a.priorities].sort((x, y) => x.rank - y.rank).slice(0, 3);
}

/** The action plan: the partnership's rows, or a draft from the recommended priorities. */
function actionPlan(input: VoiceInputs) {
  const { assessment: a, config } = input;
  const ahead = yearAhead(a);
  const labelOf = (p: string) => config.strategicPriorities.find((s) => s.id === p)?.label ?? config.priorities.candidates.find((c) => c.id === p)?.label ?? p;
  const given = input.actionPlan ?? [];
  if (given.length > 0) {
    return {
      draft: false,
      caption: `Action plan for ${ahead}`,
      tableCaption: `Actions for ${ahead}: who leads each, and how progress is measured`,
      intro: `The partnership's actions for ${ahead}, each with the agency that leads it and how progress will be measured. The board reviews progress each quarter.`,
      rows: given.map((r) => ({ priority: labelOf(r.priority) || TO_BE_AGREED, action: r.action, owner: r.owner || TO_BE_AGREED, measure: r.measure || TO_BE_AGREED })),
    };
  }
  const indicatorLabel = new Map(a.indicators.map((i) => [i.id, i.label]));
  const none = a.priorities.length === 0;
  return {
    draft: true,
    caption: `Draft action plan for ${ahead}, for the partnership to agree`,
    tableCaption: `Draft actions for ${ahead}, one for each recommended priority: owners to be agreed`,
    intro: none
      ? "No candidate priorities were scored, so there is no draft to start from: the partnership writes its actions, owners and measures in the workspace's action plan file."
      : `A draft to start the partnership's planning: one line for each recommended priority, with the measures its indicators give. The partnership agrees the actions and who leads each (write them in the workspace's action plan file, and this draft is replaced).`,
    rows: recommended(a).map((p) => {
      const ids = config.priorities.candidates.find((c) => c.id === p.id)?.indicators ?? [];
      const measures = ids.map((id) => indicatorLabel.get(id)).filter((x): x is string => !!x);
      return {
        priority: p.label,
        action: `Actions on ${lowerFirst(p.label)} to be agreed`,
        owner: TO_BE_AGREED,
        measure: measures.length ? `${measures.join('; ')}: change on ${a.period.label}` : TO_BE_AGREED,
      };
    }),
  };
}

/** "Recommendations and action plan": the analyst's recommendations, or the scoring's, and the plan. */
function recommendationsVoice(input: VoiceInputs) {
  const top = recommended(input.assessment).map((p) => p.label);
  const html = analystHtml(input.analystText?.recommendations);
  const list = top.length > 1 ? `${top.slice(0, -1).join(', ')} and ${top[top.length - 1]}` : (top[0] ?? '');
  return {
    ...(html ? { html } : {}),
    fallback: top.length ? `The partnership is asked to adopt ${top.length === 1 ? 'this priority' : 'these priorities'} for ${yearAhead(input.assessment)}: ${list}, ranked highest in "How the priorities were chosen".` : '',
    plan: actionPlan(input),
  };
}

/** The analyst's voice for the assessment view. */
export function assessmentVoice(input: VoiceInputs) {
  const introduction = analystHtml(input.analystText?.introduction);
  const horizonScan = analystHtml(input.analystText?.horizonScan);
  return {
    ...(introduction ? { introduction } : {}),
    ...(horizonScan ? { horizonScan } : {}),
    chapters: chaptersVoice(input),
    recommendations: recommendationsVoice(input),
    ...(input.publicSummaryHref ? { publicSummaryHref: input.publicSummaryHref } : {}),
  };
}

type Voice = ReturnType<typeof assessmentVoice>;

/**
 * The contents with the analyst's sections in their places: the introduction before the executive summary, the
 * horizon scan before the scoring (after the chapters), the recommendations and action plan after the scoring.
 */
export function voiceContents<T extends { id: string; title: string }>(contents: T[], voice: Voice): { id: string; title: string }[] {
  const out: { id: string; title: string }[] = [...contents];
  const before = (id: string, fallback: string, entry: { id: string; title: string }) => {
    let at = out.findIndex((c) => c.id === id);
    if (at < 0) at = out.findIndex((c) => c.id === fallback);
    out.splice(at < 0 ? out.length : at, 0, entry);
  };
  if (voice.introduction) before('summary', 'statutory', { id: 'introduction', title: 'Introduction' });
  if (voice.horizonScan) before('scoring', 'quality', { id: 'horizon-scan', title: 'Looking ahead: horizon scan' });
  before('quality', 'methods', { id: 'recommendations', title: 'Recommendations and action plan' });
  return out;
}
