/**
 * The strategic assessment's view model: turns the computed assessment (the JSON contract), the workspace's own
 * tables (last year's plan, consultation) and the priority scores into the plain object the Handlebars layout
 * reads. Words are chosen here, not in the template, so that they can be tested.
 */
import type { Config } from '../model/config.js';
import type { Assessment, IndicatorResult } from '../model/contract.js';
import type { ConsultationRow, PlanReviewRow } from '../ingest/workspace.js';
import { disclosureStatement } from '../analysis/disclosure-plan.js';
import * as fmt from './format.js';
import { hasTrend, lowerFirst, rankWords } from '../analysis/findings.js';
import { COMPARISON_WORDS, ragWord, targetText } from './words.js';
import { prioritiesStory } from './priorities-story.js';
import type { ChartSet, Figure } from './charts-adapter.js';
import type { PlacesDrawing } from '../analysis/places/index.js';
import { placesChapter } from './places-view.js';
import { similarSection } from './similar-view.js';
import { stopSearchSection } from './stop-search-view.js';
import { outcomesSection } from './outcomes-view.js';
import { GLOSSARY, METHODS } from './reference-text.js';
import { assessmentVoice, voiceContents, type VoiceInputs } from './assessment-voice.js';

/** Scoring result as the documents need it (from src/priorities, passed in by the CLI). */
export interface ScoringView {
  priorities: Assessment['priorities'];
  criteria: { id: string; label: string; weight: number }[];
  statement: string;
  notes: string[];
}

export interface AssessmentInputs {
  assessment: Assessment;
  config: Config;
  planReview: PlanReviewRow[];
  consultation: ConsultationRow[];
  scoring: ScoringView | null;
  charts: ChartSet;
  /** Notes on the data (police.uk coverage, populations) gathered by the caller. */
  dataNotes: string[];
  /** What the maps of "Where crime happens" are drawn from (./places-view.ts). */
  places?: PlacesDrawing | undefined;
  css: string;
  logo?: string;
  /** The analyst's text, the action plan and the link to the public summary (src/render/assessment-voice.ts). */
  analystText?: VoiceInputs['analystText'];
  actionPlan?: VoiceInputs['actionPlan'];
  publicSummaryHref?: string | undefined;
}

const STATUS_WORDS: Record<string, [string, string]> = {
  complete: ['Complete', 'green'],
  'on-track': ['On track', 'green'],
  delayed: ['Delayed', 'amber'],
  'not-started': ['Not started', 'red'],
};

/** Words for a change cell: "Significant increase" / "No significant change". */
function changeWords(r: IndicatorResult): string {
  if (!r.change) return '';
  if (r.change.direction === 'no-significant-change') return 'no significant change';
  return `significant ${r.change.direction}`;
}

/** Words for a long-term trend cell. */
function trendWords(r: IndicatorResult): string {
  if (!r.trend) return fmt.GSS.notApplicable;
  // A trend is stated only from the Methods' minimum of years with figures (MIN_TREND_YEARS).
  if (!hasTrend(r)) return 'Too few years';
  switch (r.trend.direction) {
    case 'increasing':
      return `Increasing since ${firstTrendYear(r)}`;
    case 'decreasing':
      return `Decreasing since ${firstTrendYear(r)}`;
    case 'no-significant-change':
      return 'No significant trend';
    default:
      return 'Too few years';
  }
}

/** The first year of a trend with a figure. */
function firstTrendYear(r: IndicatorResult): string {
  return r.trend?.points.find((p) => p.count !== null && p.value !== null)?.period.label ?? '';
}

/** England and Wales in the indicator's own unit; for counts it is a rate, so the unit is written out. */
function nationalText(r: IndicatorResult): string {
  if (!r.national || r.national.value === null) return '';
  if (fmt.isCountUnit(r.unit)) return `${r.national.label}: ${fmt.decimal(r.national.value)} per 1,000 residents`;
  return `${r.national.label}: ${fmt.decimal(r.national.value)}${r.unit.startsWith('%') ? '%' : ''}`;
}

/** A table row for the indicator table partial. */
export function indicatorRow(r: IndicatorResult) {
  return {
    ...r,
    valueText: fmt.value(r),
    // A change is dropped when either count behind it is suppressed: [c], not [x].
    changeText: r.suppressed || r.previous?.count === null ? fmt.GSS.suppressed : fmt.change(r),
    changeWords: changeWords(r),
    intervalText: fmt.interval(r.ci95, r.suppressed, r.unit),
    comparisonWords: COMPARISON_WORDS[r.comparison],
    nationalText: nationalText(r),
    trendWords: trendWords(r),
    ragWord: ragWord(r.rag),
    targetText: targetText(r),
    revisionSymbol: r.revision === 'provisional' ? fmt.GSS.provisional : r.revision === 'revised' ? fmt.GSS.revised : '',
  };
}

/** Is a finding worth the executive summary: a significant change or a significant difference from the benchmark. */
function notable(r: IndicatorResult): number {
  if (r.suppressed || r.count === null) return 0;
  let score = 0;
  if (r.change && r.change.direction !== 'no-significant-change') score += 2;
  if (r.comparison === 'worse' || r.comparison === 'better') score += 2;
  if (r.comparison === 'higher' || r.comparison === 'lower') score += 1;
  if (r.trend && (r.trend.direction === 'increasing' || r.trend.direction === 'decreasing')) score += 1;
  if (r.rag.status === 'red') score += 1;
  return score;
}

/** The document's title, used for the HTML <title> and the PDF's /Title alike. */
export function assessmentTitle(a: Assessment, publicSummary: boolean): string {
  return `Strategic assessment ${a.period.label}${publicSummary ? ', public summary' : ''}: ${a.partnership.name}`;
}

/**
 * "Where crime happens": how concentrated crime is, and the neighbourhoods (LSOAs) with the most, with the year
 * before where the data have it.
 */
function placesView(a: Assessment, area: string) {
  const p = a.places;
  if (!p) return undefined;
  const share = Math.round(p.topTenthShare * 100);
  const which = p.topTenthLsoas === 1 ? 'The neighbourhood' : `The ${fmt.count(p.topTenthLsoas)} neighbourhoods`;
  // A tenth of the neighbourhoods would have a tenth of the crime if it were spread evenly; twice that is concentration.
  const reading =
    p.topTenthShare >= 0.2
      ? 'Crime is concentrated in a few places, where place-based work (patrols, design, licensing) reaches a large part of it.'
      : 'Crime is spread across the area rather than concentrated in a few places.';
  return {
    intro: `${which} (LSOAs) with the most crime, a tenth of ${area}'s ${fmt.count(p.lsoas)}, saw ${share}% of its recorded crime in ${a.period.label} (excluding anti-social behaviour). ${reading}`,
    caption: `The ${p.top.length} neighbourhoods (LSOAs) with the most recorded crime, ${a.period.label}`,
    year: a.period.label,
    rows: p.top.map((t, i) => {
      const before = t.previousSuppressed ? fmt.GSS.suppressed : fmt.count(t.previousCount);
      const change = !t.suppressed && t.count !== null && t.previousCount ? fmt.signedPercent(((t.count - t.previousCount) / t.previousCount) * 100) : fmt.GSS.notAvailable;
      // `crimes`, not `count`: {{count}} would call the template helper of that name.
      return { rank: i + 1, name: t.name, code: t.code, crimes: fmt.count(t.count, t.suppressed), share: t.share === null ? fmt.GSS.suppressed : `${fmt.decimal(t.share * 100)}%`, before, change };
    }),
  };
}

/** What every section of the assessment reads. */
interface Context {
  input: AssessmentInputs;
  a: Assessment;
  config: Config;
  byId: Map<string, IndicatorResult>;
}

/** Build the view model of the strategic assessment, section by section. */
export function assessmentView(input: AssessmentInputs) {
  const { assessment: a, config } = input;
  const ctx: Context = { input, a, config, byId: new Map(a.indicators.map((i) => [i.id, i])) };
  const title = assessmentTitle(a, false);
  // The charts are numbered in the order they are asked for: overview, then priorities, then scoring.
  const overview = overviewSection(ctx);
  const priorities = config.strategicPriorities.map((p) => prioritySection(ctx, p));
  const similar = similarSection(a, config, input.charts);
  const planReview = planReviewSection(ctx);
  const consultation = consultationSection(input.consultation);
  const scoring = scoringSection(input);
  const voice = assessmentVoice(input);
  return {
    title,
    description: `The annual strategic assessment of ${config.partnership.name} for ${a.period.label}: crime, anti-social behaviour, reoffending and victimisation, compared with England and Wales, and the priorities that follow.`,
    css: input.css,
    area: config.area.name,
    disclosureThreshold: config.disclosure.threshold,
    cover: coverSection(ctx),
    control: controlSection(ctx, title),
    compliance: complianceGaps(ctx, { planReview, consultation, priorities }),
    contents: voiceContents(contents(ctx, { planReview, consultation, priorities, scoring, similar }), voice),
    summary: summarySection(ctx),
    statutory: { seriousViolenceDuty: config.document.seriousViolenceDuty },
    planReview,
    consultation,
    overview,
    places: placesChapter(a, config.area.name, input.places, overview.places),
    stopSearch: stopSearchSection(a.stopSearch, config.area.name, 'fig-stop-search', config.disclosure.threshold),
    outcomes: outcomesSection(a.outcomes, a.outcomesInfo, config.area.name, 'fig-outcomes', config.disclosure.threshold),
    priorities,
    similar,
    scoring,
    quality: qualityNotes(ctx),
    methods: METHODS,
    glossary: GLOSSARY,
    appendix: appendixTables(a),
    voice,
  };
}

type PrioritySection = ReturnType<typeof prioritySection>;

/** The cover page. */
function coverSection({ input, a, config }: Context) {
  return {
    marking: config.document.protectiveMarking,
    brandName: config.branding.name ?? config.partnership.name,
    logo: input.logo,
    heading: 'Community safety strategic assessment',
    period: `Financial year ${a.period.label} (April ${a.period.start.slice(0, 4)} to March ${a.period.end.slice(0, 4)})`,
    area: `${config.area.name} (${config.area.code})`,
    version: config.document.version,
    date: a.dataAsAt,
  };
}

/** Document control: what the document is, which data and which swp made it. */
function controlSection({ a, config }: Context, title: string) {
  return {
    title,
    partnership: config.partnership.name,
    area: config.area.name,
    areaCode: config.area.code,
    period: a.period.label,
    version: config.document.version,
    marking: config.document.protectiveMarking,
    author: config.document.author,
    dataAsAt: a.dataAsAt,
    generatorVersion: a.generator.version,
    schemaVersion: a.schemaVersion,
  };
}

/** What the assessment lacks that the regulations or the partnership's own config expect. */
function complianceGaps({ a, config }: Context, s: { planReview: unknown; consultation: unknown; priorities: PrioritySection[] }): string[] {
  const gaps: string[] = [];
  if (!s.planReview) gaps.push("A review of last year's plan (add workspace/plan-review.csv: inputs.planReview).");
  if (!s.consultation) gaps.push('What residents said: consultation is required by the 2007 regulations (inputs.consultation).');
  if (!a.indicators.some((i) => i.group === 'reoffending')) gaps.push('Reoffending: the partnership has a statutory duty to reduce it, but no reoffending data were given.');
  if (!a.indicators.some((i) => i.group === 'recorded-crime')) gaps.push('Crime and disorder: no recorded-crime data were given.');
  if (!a.indicators.some((i) => i.group === 'treatment')) gaps.push('Substance misuse: no treatment data were given.');
  if (config.strategicPriorities.length === 0) gaps.push('Strategic priorities: none are set in the config.');
  for (const p of s.priorities) if (p.empty) gaps.push(`The priority "${p.label}" has no indicator with data.`);
  return gaps;
}

/** The table of contents: the sections the document has. */
function contents({ input, config }: Context, s: { planReview: unknown; consultation: unknown; priorities: PrioritySection[]; scoring: unknown; similar?: { id: string; title: string } | null }) {
  return [
    { id: 'summary', title: 'Executive summary' },
    { id: 'statutory', title: 'Why we produce this assessment' },
    ...(s.planReview ? [{ id: 'plan-review', title: "Last year's plan: what we did" }] : []),
    ...(s.consultation ? [{ id: 'residents', title: 'What residents told us' }] : []),
    { id: 'overview', title: `Crime and anti-social behaviour in ${config.area.name}` },
    ...(input.assessment.places ? [{ id: 'places', title: 'Where crime happens' }] : []),
    ...(input.assessment.outcomes?.length ? [{ id: 'outcomes', title: 'What happened to reported crimes' }] : []),
    ...(input.assessment.stopSearch ? [{ id: 'stop-search', title: 'Stop and search' }] : []),
    ...s.priorities.map((p) => ({ id: p.id, title: `Priority: ${p.label}` })),
    ...(s.similar ? [{ id: s.similar.id, title: s.similar.title }] : []),
    ...(s.scoring ? [{ id: 'scoring', title: 'How the priorities were chosen' }] : []),
    { id: 'quality', title: 'Data quality and disclosure' },
    { id: 'methods', title: 'Methods' },
    { id: 'glossary', title: 'Glossary' },
    { id: 'appendix', title: 'Appendix: data tables' },
  ];
}

/** The executive summary: the headline, key facts, the notable findings and the recommended priorities. */
function summarySection(ctx: Context) {
  const { a, config, byId } = ctx;
  const all = byId.get('recorded-crime.all');
  const top = recommendedPriorities(ctx.input.scoring);
  return {
    intro: all
      ? `${all.finding}`
      : `This assessment covers ${config.area.name} for the financial year ${a.period.label}.`,
    keyFacts: keyFacts(ctx),
    // The headline paragraph is all crime's finding: the key findings are the others.
    findings: notableFindings(a, all ? new Set([all.id]) : new Set()),
    priorities: top,
    prioritiesIntro: top.length ? 'The weighted scoring (see "How the priorities were chosen") recommends these priorities for the year ahead:' : '',
    // The summary gives the differences; the scoring section adds what the board does with them.
    prioritiesStory: summaryStory(prioritiesStory(config, ctx.input.scoring)),
  };
}

/** The summary's part of the priorities story: all of it but the closing paragraph when the two differ. */
function summaryStory(story: string[]): string[] {
  return story.length > 1 ? story.slice(0, -1) : story;
}

/** Up to six figures for the summary: all crime (count and rate), anti-social behaviour, then a few others. */
function keyFacts({ a, byId }: Context): { figure: string; label: string }[] {
  const all = byId.get('recorded-crime.all');
  const asb = byId.get('anti-social-behaviour');
  const facts: { figure: string; label: string }[] = [];
  if (all) facts.push({ figure: fmt.count(all.count, all.suppressed), label: `crimes recorded in ${a.period.label} (excluding anti-social behaviour), ${fmt.signedPercent(all.change?.percent)} on the year before` });
  if (all && all.value !== null) facts.push({ figure: fmt.decimal(all.value), label: `crimes per 1,000 residents; ${all.national ? `${all.national.label} ${fmt.decimal(all.national.value)}` : 'no national figure'}` });
  if (asb) facts.push({ figure: fmt.count(asb.count, asb.suppressed), label: `anti-social behaviour incidents, ${fmt.signedPercent(asb.change?.percent)}` });
  for (const id of ['reoffending.adult', 'fte.youth', 'hidden.domestic-abuse']) {
    const r = byId.get(id);
    if (r && facts.length < 6) facts.push({ figure: fmt.value(r), label: `${lowerFirst(r.label)} (${r.unit.startsWith('%') ? r.unit.replace(/^% /, '') : r.unit}, ${r.period.label})` });
  }
  return facts;
}

/** The eight most notable findings (see `notable`), in the document's order. */
function notableFindings(a: Assessment, leaveOut: ReadonlySet<string>): string[] {
  return [...a.indicators]
    .filter((r) => !leaveOut.has(r.id))
    .map((r, i) => ({ r, i, s: notable(r) }))
    .filter((x) => x.s >= 2)
    .sort((x, y) => y.s - x.s || x.i - y.i)
    .slice(0, 8)
    .sort((x, y) => x.i - y.i)
    .map((x) => x.r.finding);
}

/** The three top-ranked priorities, each with its score, range of ranks and the two criteria that drive it most. */
function recommendedPriorities(scoring: ScoringView | null): { label: string; why: string }[] {
  const criteriaLabel = new Map((scoring?.criteria ?? []).map((c) => [c.id, c.label]));
  return [...(scoring?.priorities ?? [])].sort((x, y) => x.rank - y.rank).slice(0, 3).map((p) => {
    const drivers = [...p.components].filter((c) => c.contribution > 0).sort((x, y) => y.contribution - x.contribution).slice(0, 2);
    return {
      label: p.label,
      why: `score ${p.score.toFixed(2)}, ${rankWords(p.rank, p.rankRange)}; driven most by ${drivers.map((d) => lowerFirst(criteriaLabel.get(d.criterion) ?? d.criterion)).join(' and ')}.`,
    };
  });
}

/** "Crime and anti-social behaviour": the trend of all crime, crime types against England and Wales, harm, places. */
function overviewSection({ input, a, config, byId }: Context) {
  const all = byId.get('recorded-crime.all');
  const indicators = a.indicators.filter((i) => i.group === 'recorded-crime' || i.group === 'anti-social-behaviour');
  const figures: Figure[] = [];
  if (all) {
    const f = input.charts.trend(all);
    if (f) figures.push(f);
  }
  const comparison = input.charts.comparison(indicators.filter((i) => i.id !== 'recorded-crime.all'), `Crime types in ${config.area.name} compared with England and Wales, ${a.period.label}`);
  if (comparison) figures.push(comparison);
  return {
    intro: byId.get('anti-social-behaviour')?.finding ?? '',
    figures,
    table: { caption: `Recorded crime and anti-social behaviour, ${a.period.label}`, rows: indicators.map(indicatorRow) },
    harm: harmSection(input, a, indicators),
    places: placesView(a, config.area.name),
  };
}

/** Where the harm is (Cambridge Crime Harm Index): the crime types with the largest shares of harm against volume. */
function harmSection(input: AssessmentInputs, a: Assessment, indicators: IndicatorResult[]) {
  const harmRows = indicators.filter((i) => i.harm && i.id !== 'recorded-crime.all' && i.harm.shareOfHarm !== null);
  if (!harmRows.length) return null;
  const byHarm = [...harmRows].sort((x, y) => (y.harm!.shareOfHarm ?? 0) - (x.harm!.shareOfHarm ?? 0));
  const percent = (share: number | null | undefined) => Math.round((share ?? 0) * 100);
  return {
    intro: `Counting crimes treats a bicycle theft and a robbery alike. Weighting each crime by the Cambridge Crime Harm Index (days of imprisonment a first offence would attract) shows where the harm is: ${byHarm.slice(0, 3).map((r) => `${lowerFirst(r.label)} (${percent(r.harm!.shareOfHarm)}% of harm, ${percent(r.harm!.shareOfVolume)}% of crimes)`).join('; ')}.`,
    // The chart carries its own data table (crime type, crimes, both shares); no chart, no figure.
    figure: input.charts.harm?.(harmRows, a.period.label) ?? null,
  };
}

/** One strategic priority: its indicators' findings and table, and up to four trend charts. */
function prioritySection({ input, a, byId }: Context, p: Config['strategicPriorities'][number]) {
  const inds = p.indicators.map((id) => byId.get(id)).filter((x): x is IndicatorResult => x !== undefined);
  const figures: Figure[] = [];
  for (const r of inds) {
    const t = input.charts.trend(r);
    if (t && figures.length < 4) figures.push(t);
  }
  return {
    id: `priority-${p.id}`,
    label: p.label,
    lead: p.lead,
    findings: inds.map((r) => r.finding),
    table: { caption: `${p.label}: indicators, ${a.period.label}`, rows: inds.map(indicatorRow) },
    figures,
    empty: inds.length === 0,
  };
}

/** Last year's plan, action by action (none without workspace/plan-review.csv). */
function planReviewSection({ input, config }: Context) {
  if (!input.planReview.length) return null;
  return {
    summary: summarisePlan(input.planReview),
    rows: input.planReview.map((r) => ({ ...r, priority: config.strategicPriorities.find((p) => p.id === r.priority)?.label ?? r.priority, statusWords: STATUS_WORDS[r.status]?.[0] ?? r.status, statusClass: STATUS_WORDS[r.status]?.[1] ?? 'grey' })),
  };
}

/** What residents said, most concerning first (none without a consultation table). */
function consultationSection(rows: ConsultationRow[]) {
  if (!rows.length) return null;
  return {
    summary: summariseConsultation(rows),
    rows: [...rows].sort((x, y) => y.percentConcerned - x.percentConcerned).map((r) => ({ topic: r.topic, percent: r.percentConcerned, respondents: r.respondents, citation: r.citation ?? '' })),
  };
}

/** "How the priorities were chosen": the criteria and weights, the matrix, and each candidate's contributions. */
function scoringSection(input: AssessmentInputs) {
  const scoring = input.scoring;
  const scored = scoring?.priorities ?? [];
  if (!scoring || !scored.length) return null;
  return {
    intro: `Each candidate issue was scored on ${scoring.criteria.length} criteria with the weights agreed by the partnership. A criterion's value is scaled from 0 (least concern) to 1 (most) and multiplied by its weight; the score is the sum. Missing data are never counted as zero.`,
    figure: { caption: 'Priority scores by criterion', svg: input.charts.matrix?.(scored)?.svg ?? '', table: null },
    criteria: scoring.criteria,
    rows: [...scored].sort((x, y) => x.rank - y.rank).map((p) => ({
      rank: p.rank,
      label: p.label,
      score: p.score,
      rankRange: p.rankRange[0] === p.rankRange[1] ? `always ${p.rankRange[0]}` : `${p.rankRange[0]} to ${p.rankRange[1]}`,
      cells: scoring.criteria.map((c) => {
        const comp = p.components.find((x) => x.criterion === c.id);
        return comp && comp.scaled !== null ? comp.contribution.toFixed(2) : 'missing';
      }),
    })),
    statement: scoring.statement,
    story: prioritiesStory(input.config, scoring),
  };
}

/** "Data quality and disclosure": the caller's data notes, small numbers, each indicator's notes, provisional figures. */
function qualityNotes({ input, a, config }: Context): string[] {
  const quality = [...input.dataNotes];
  quality.push(`Small numbers: ${disclosureStatement(config, a.indicators)}`);
  for (const r of a.indicators) for (const n of r.notes) quality.push(`${r.label}: ${n}.`);
  if (a.indicators.some((r) => r.revision === 'provisional')) quality.push('[p] marks provisional figures, which may be revised in later publications.');
  return quality;
}

function summarisePlan(rows: PlanReviewRow[]): string {
  const n = (s: string) => rows.filter((r) => r.status === s).length;
  return `Of ${rows.length} actions in last year's plan, ${n('complete')} are complete, ${n('on-track')} on track, ${n('delayed')} delayed and ${n('not-started')} not started.`;
}

function summariseConsultation(rows: ConsultationRow[]): string {
  const sorted = [...rows].sort((x, y) => y.percentConcerned - x.percentConcerned);
  const top = sorted.slice(0, 3).map((r) => `${lowerFirst(r.topic)} (${fmt.decimal(r.percentConcerned)}%)`);
  return `Residents were most concerned about ${top.join(', ')}.`;
}

/**
 * A benchmark cell of the appendix: the benchmark's figure, then how the area compares with it ("78.1 (worse)"),
 * under a heading that says whose the word is ("Police force area (how we compare)"), so that it is never read as a
 * judgement of the benchmark. Counts are compared as rates, so their benchmark carries its unit.
 */
function benchmarkCell(value: number | null, comparison: IndicatorResult['comparison'] | null, r: IndicatorResult): string {
  if (value === null) return fmt.GSS.notAvailable;
  const figure = `${fmt.decimal(value)}${fmt.isCountUnit(r.unit) ? ' per 1,000' : r.unit.startsWith('%') ? '%' : ''}`;
  if (!comparison || comparison === 'not-compared') return figure;
  return `${figure} (${comparison})`;
}

/** Appendix tables: every indicator's figures, and the yearly series behind the trends. */
function appendixTables(a: Assessment) {
  const figures = {
    caption: `All indicators, ${a.period.label}: numbers behind this assessment`,
    columns: ['Indicator', 'Period', 'Number', 'Base', 'Value', '95% CI', 'England and Wales (how we compare)', 'Police force area (how we compare)', 'Similar areas: average (our rank)', 'Change', 'p-value'],
    rows: a.indicators.map((r) => [
      r.label,
      r.period.label,
      fmt.count(r.count, r.suppressed),
      fmt.count(r.denominator),
      fmt.value(r),
      fmt.interval(r.ci95, r.suppressed, r.unit),
      benchmarkCell(r.national?.value ?? null, r.national ? r.comparison : null, r),
      r.force ? benchmarkCell(r.force.value, r.force.comparison, r) : fmt.GSS.notAvailable,
      r.peers ? `${fmt.decimal(r.peers.average)} (${r.peers.rank ?? '[x]'} of ${r.peers.of})` : fmt.GSS.notAvailable,
      r.suppressed || r.previous?.count === null ? fmt.GSS.suppressed : fmt.change(r),
      r.change ? fmt.pValue(r.change.pValue) : fmt.GSS.notAvailable,
    ]),
  };
  const years = [...new Set(a.indicators.flatMap((r) => r.trend?.points.map((p) => p.period.label) ?? []))].sort();
  const series = {
    caption: 'Yearly numbers by financial year',
    columns: ['Indicator', ...years],
    rows: a.indicators.filter((r) => r.trend).map((r) => [r.label, ...years.map((y) => {
      const p = r.trend!.points.find((x) => x.period.label === y);
      // A year is listed only when it has data: a point without a count was suppressed.
      return p ? fmt.count(p.count, p.count === null) : fmt.GSS.notAvailable;
    })]),
  };
  return [figures, series];
}
