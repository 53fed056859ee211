/**
 * The serious violence needs assessment's view model (templates/needs/layout.hbs): a cover, a summary box, then
 * the sections of the Home Office statutory guidance's needs assessment (definition, profile, where it happens,
 * trends and comparisons, data gaps, recommendations) and the methods and sources. Words and figures are chosen
 * here and in ./needs-words.ts; the template only lays out.
 */
import type { PlacesDrawing } from '../analysis/places/index.js';
import type { AnalystText } from '../ingest/analyst-text.js';
import type { Config } from '../model/config.js';
import type { IndicatorResult } from '../model/contract.js';
import type { NeedsAssessment } from '../model/contract-needs.js';
import { analystHtml } from './analyst-text.js';
import type { ChartSet, Figure } from './charts-adapter.js';
import { trendChart } from './charts/index.js';
import { wardChoropleth } from './maps/choropleth.js';
import { compositionSentence, concentrationSentence, draftRecommendations, findings, hospitalSentence, keyFacts, offenceRows, profileRows } from './needs-words.js';

export interface NeedsInputs {
  needs: NeedsAssessment;
  config: Config;
  charts: ChartSet;
  analystText?: AnalystText;
  /** The ward map's layer and boundaries, when the places analysis ran. */
  drawing?: { layer: PlacesDrawing['layers'][number]; features: PlacesDrawing['wardFeatures'] };
  css: string;
  logo?: string;
}

/** "Serious violence needs assessment 2016/17: Castlebridge Community Safety Partnership". */
export function needsTitle(n: NeedsAssessment): string {
  return `Serious violence strategic needs assessment ${n.period.label}: ${n.partnership.name}`;
}

const CONTENTS = [
  { id: 'summary', title: 'Summary' },
  { id: 'definition', title: 'Our definition of serious violence' },
  { id: 'profile', title: 'Profile of violence' },
  { id: 'where', title: 'Where it happens' },
  { id: 'trends', title: 'Trends and comparisons' },
  { id: 'gaps', title: 'Data gaps' },
  { id: 'recommendations', title: 'Recommendations' },
  { id: 'methods', title: 'Methods and sources' },
];

export function needsView(input: NeedsInputs) {
  const { needs: n, config } = input;
  const area = config.area.name;
  const title = needsTitle(n);
  return {
    title,
    description: `The Serious Violence Duty strategic needs assessment of ${config.partnership.name} for ${n.period.label}: how much serious violence there is, where, the trends, and what data are missing.`,
    css: input.css,
    cover: coverOf(input),
    control: { title, partnership: config.partnership.name, area, areaCode: config.area.code, period: n.period.label, version: config.document.version, marking: config.document.protectiveMarking, author: config.document.author, dataAsAt: n.dataAsAt, generatorVersion: n.generator.version, schemaVersion: n.schemaVersion },
    contents: CONTENTS,
    introduction: analystHtml(input.analystText?.needs?.introduction),
    summary: { keyFacts: keyFacts(n), findings: findings(n, area) },
    definition: definitionOf(n),
    profile: profileOf(input),
    where: whereOf(input),
    trends: trendsOf(input),
    gaps: n.gaps,
    recommendations: recommendationsOf(input),
    methods: methodsOf(n),
  };
}

function coverOf({ needs: n, config, logo }: NeedsInputs) {
  return {
    marking: config.document.protectiveMarking,
    brandName: config.branding.name ?? config.partnership.name,
    logo,
    heading: 'Serious violence strategic needs assessment',
    period: `Financial year ${n.period.label} (April ${n.period.start.slice(0, 4)} to March ${n.period.end.slice(0, 4)})`,
    area: `${config.area.name} (${config.area.code})`,
    version: config.document.version,
    date: n.dataAsAt,
  };
}

function definitionOf(n: NeedsAssessment) {
  return {
    intro: n.definition.from === 'config'
      ? 'The partnership has agreed the following definition of serious violence for this assessment.'
      : 'The partnership has not yet set its own definition of serious violence, so this assessment uses a default that follows the examples in the Home Office statutory guidance: public-space violence, homicide, violence causing injury, robbery and weapon offences. The analyst can set the partnership\'s own definition in the workspace configuration.',
    policeUk: n.definition.policeUk,
    homeOffice: n.definition.homeOffice,
  };
}

function profileOf({ needs: n, config, charts }: NeedsInputs) {
  const area = config.area.name;
  const h = n.hospitalAdmissions;
  return {
    hasPolice: n.violence.byType.length > 0,
    rows: profileRows(n),
    composition: compositionSentence(n),
    comparison: charts.comparison(n.violence.byType, `Serious violence by crime type: ${area} and England and Wales, ${n.period.label}`),
    homeOffice: n.homeOffice ? { csp: n.homeOffice.csp, rows: offenceRows(n.homeOffice.offences), notes: [...n.homeOffice.notes, ...n.homeOffice.offences.filter((o) => o.note).map((o) => `${o.name}: ${o.note}`)] } : null,
    hospital: h ? { sentence: hospitalSentence(h, area), figure: hospitalFigure(h, area), notes: h.notes } : null,
  };
}

/** Hospital admissions drawn as a trend: one point per pooled period, England's latest rate as the reference line. */
function hospitalFigure(h: NonNullable<NeedsAssessment['hospitalAdmissions']>, area: string): Figure | null {
  const shown = h.points.filter((p) => p.value !== null);
  const last = h.points[h.points.length - 1]!;
  if (shown.length < 2) return null;
  const pseudo = {
    label: `Hospital admissions for violence in ${area}`,
    unit: h.unit,
    value: last.value,
    national: last.england ? { areaCode: 'E92000001', label: 'England', value: last.england.value, ci95: last.england.ci95, period: last.period } : null,
    trend: { points: h.points.map((p) => ({ period: p.period, count: p.count, value: p.value, ci95: p.ci95, national: p.england?.value ?? null })), direction: 'cannot-be-calculated', pValue: null, method: 'three-year pooled periods overlap: no trend test' },
  } as unknown as IndicatorResult;
  // The chart's own title: "2012/13 to 2014/15 to 2014/15 to 2016/17" reads badly for pooled periods.
  const ending = (label: string) => label.split(' to ').pop()!;
  const title = `Hospital admissions for violence in ${area}, ${h.unit}, three-year periods ending ${ending(h.points[0]!.period.label)} to ${ending(last.period.label)}`;
  const r = trendChart(pseudo, { idPrefix: 'needs-hospital', areaLabel: area, title });
  return { caption: title, svg: r.svg, table: { caption: title, columns: r.table.columns, rows: r.table.rows } };
}

function whereOf({ needs: n, config, drawing }: NeedsInputs) {
  if (!n.places || !drawing) return { map: null, words: '', note: 'No map: no ward boundaries and lookup of neighbourhoods to wards were given, so serious violence cannot be placed in wards. See "Data gaps".' };
  const r = wardChoropleth(drawing.layer, drawing.features, { idPrefix: 'needs-ward-map' });
  const high = n.places.wards.filter((w) => w.comparison === 'higher').map((w) => w.name);
  const words = high.length
    ? `${high.join(', ')} ${high.length === 1 ? 'has a rate' : 'have rates'} of serious violence above ${config.area.name}'s average, beyond what chance would explain for wards of their size (95% funnel limits).`
    : `No ward's rate of serious violence is above ${config.area.name}'s average beyond what chance would explain (95% funnel limits).`;
  const concentration = concentrationSentence(n.places.wards);
  return { map: { caption: r.title, svg: r.svg, table: { caption: r.table.caption, columns: r.table.columns, rows: r.table.rows } }, words: concentration ? `${words} ${concentration}` : words, note: '' };
}

function trendsOf({ needs: n, config, charts }: NeedsInputs) {
  const list = [...(n.violence.total ? [n.violence.total] : []), ...n.violence.byType];
  const trends = list.map((i) => charts.trend(i) ?? null).filter((f): f is Figure => f !== null);
  const peers = n.violence.byType.filter((i) => i.peerGroup && i.value !== null).map((i) => charts.peerGroup?.(i, `${i.label}: ${config.area.name} and its most similar partnerships, ${n.period.label}`)).filter((f): f is Figure => !!f);
  const words = list.filter((i) => i.trend).map((i) => `${i.label}: ${trendWords(i)}`);
  // The month-by-month picture of the total: an XmR chart (NHS Making Data Count), as the board report draws.
  const spc = n.violence.total ? charts.spc(n.violence.total, 'large') : null;
  return { trends, peers, words, spc, spcWords: n.violence.total?.spc ? spcWords(n.violence.total.spc) : '' };
}

const SPC_RULES: Record<string, string> = {
  outside_limits: 'a month outside the limits',
  trend: 'a run of months rising or falling',
  two_in_three: 'two of three months close to a limit',
  shift: 'a run of months on one side of the average',
};

/** What the monthly chart shows, in words: the latest month's signals or common-cause variation only. */
function spcWords(spc: NonNullable<IndicatorResult['spc']>): string {
  const last = spc.points[spc.points.length - 1]?.period;
  const recent = spc.signals.filter((x) => x.period === last);
  if (recent.length > 0) return `The latest month shows a signal (${recent.map((x) => SPC_RULES[x.rule]).join('; ')}): more than chance variation.`;
  return spc.signals.length > 0 ? 'Some months show signals of more than chance variation (marked on the chart); the latest month does not.' : 'Every month lies within the limits expected from chance variation: no signal.';
}

function trendWords(i: IndicatorResult): string {
  const t = i.trend!;
  const years = t.points.filter((p) => p.value !== null).length;
  if (t.direction === 'cannot-be-calculated') return `${years} year${years === 1 ? '' : 's'} of data: no trend test (${t.method}).`;
  return t.direction === 'no-significant-change' ? `no significant trend over ${years} years.` : `${t.direction} over ${years} years (a statistically significant trend).`;
}

function recommendationsOf({ needs: n, config, analystText }: NeedsInputs) {
  const html = analystHtml(analystText?.needs?.recommendations);
  return html ? { html, draft: [] } : { html: undefined, draft: draftRecommendations(n, config.area.name) };
}

function methodsOf(n: NeedsAssessment) {
  return {
    guidance: n.guidance,
    items: [
      'Rates per 1,000 residents use the ONS mid-year population of the year the financial year starts in. 95% confidence intervals: exact Poisson below 10 events, Byar\'s method from 10 (Public Health England, Technical Guide: Confidence Intervals).',
      'Comparisons with England and Wales (and, for hospital admissions, England) are "higher" or "lower" only when the whole confidence interval lies on one side of the national value (the Fingertips method).',
      'Change on the year before: exact test of two Poisson counts; trend over up to five years: score test for linear trend in Poisson rates (Breslow and Day 1987); significance at the 95% level.',
      'Most similar group: the Home Office CSP table for the quarters every member has in full; rank 1 = lowest rate; group average = the mean of the peers\' rates; control limits are 99.8% exact Poisson funnel limits (as iQuanta).',
      'Hospital admissions for violence: OHID Fingertips indicator 11201, three-year pooled periods. The rates and their 95% limits are the directly age-standardised figures OHID publishes (they cannot be worked out from the count and population alone); a file without them falls back to the crude rate, and says so.',
      'Disclosure control: counts from 1 to 4, and figures from which they could be worked out, are not shown ([c]).',
    ],
    sources: [
      'Police recorded crime, street-level data: data.police.uk (Open Government Licence).',
      'Police recorded crime by Community Safety Partnership area: Home Office (Open Government Licence).',
      'Hospital admissions for violence (including sexual violence): OHID Fingertips, Public Health Outcomes Framework indicator 11201.',
      'Population: ONS mid-year estimates. Boundaries: ONS Open Geography Portal.',
    ],
  };
}
