/**
 * The public summary's view model: two to four pages for residents, built from the same assessment as the full
 * document. Plain English (short sentences, everyday words: "about the same as last year", not significance
 * tests), a few headline figures as big numbers with a small chart or a decorative icon, what the partnership will
 * focus on and why, and how residents can report crime and get help. It leaves out the methods, the scoring table,
 * the indicator tables and every name of an owner or lead. Figures come from the assessment after disclosure
 * control (src/analysis/disclosure*.ts), so a suppressed count prints as [c] here as everywhere.
 */
import type { Config } from '../model/config.js';
import type { Assessment, IndicatorResult } from '../model/contract.js';
import type { ActionPlanRow, ConsultationRow } from '../ingest/workspace.js';
import { escapeXml } from './charts/svg.js';
import * as fmt from './format.js';
import { assessmentTitle } from './assessment-view.js';
import { yearAhead } from './assessment-voice.js';

export interface PublicInputs {
  assessment: Assessment;
  config: Config;
  consultation: ConsultationRow[];
  actionPlan?: ActionPlanRow[] | undefined;
  /** Relative address of the full assessment, written beside the summary. */
  fullDocumentHref: string;
  css: string;
  logo?: string;
}

/** Why a priority was chosen, in everyday words, for each scoring criterion (src/priorities/criteria.ts). */
const PLAIN_REASONS: Record<string, string> = {
  volume: 'there is a lot of it',
  trend: 'it has been going up',
  'national-comparison': 'it is more common here than in England and Wales as a whole',
  harm: 'it does serious harm to victims',
  'public-concern': 'residents told us it worries them',
  vulnerability: 'it often hurts people who are already vulnerable',
  'capacity-to-influence': 'the partners can make a real difference to it',
};

/** "up 4% on the year before", "about the same as the year before" (a change that could be chance is not news). */
function changeWords(r: IndicatorResult): string {
  if (!r.change || r.change.percent === null || r.suppressed) return '';
  if (r.change.direction === 'no-significant-change') return 'About the same as the year before.';
  const pct = Math.abs(Math.round(r.change.percent));
  return r.change.direction === 'increase' ? `Up ${pct}% on the year before.` : `Down ${pct}% on the year before.`;
}

/** A small bar chart of the yearly counts, readable by a screen reader from its label. */
function yearlyBars(r: IndicatorResult, what: string): string | undefined {
  const points = (r.trend?.points ?? []).filter((p) => p.count !== null);
  if (points.length < 2) return undefined;
  const max = Math.max(...points.map((p) => p.count!));
  const w = 240;
  const h = 72;
  const bw = w / points.length;
  const label = `${what} each year: ${points.map((p) => `${p.period.label}: ${fmt.count(p.count)}`).join('; ')}.`;
  const bars = points
    .map((p, i) => {
      const bh = Math.max(2, Math.round((p.count! / max) * (h - 14)));
      const last = i === points.length - 1;
      return `<rect x="${(i * bw + 3).toFixed(1)}" y="${h - 12 - bh}" width="${(bw - 6).toFixed(1)}" height="${bh}" class="${last ? 'bar-now' : 'bar'}"/><text x="${(i * bw + bw / 2).toFixed(1)}" y="${h - 1}" text-anchor="middle" class="tick">${escapeXml(p.period.label.slice(2))}</text>`;
    })
    .join('');
  return `<svg class="mini" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeXml(label)}">${bars}</svg>`;
}

/** Two bars: the area's rate and England and Wales'. */
function comparisonBars(r: IndicatorResult, area: string): string | undefined {
  if (!r.national || r.national.value === null || r.value === null || r.suppressed) return undefined;
  const max = Math.max(r.value, r.national.value);
  const row = (y: number, name: string, v: number, cls: string) =>
    `<text x="0" y="${y + 13}" class="tick">${escapeXml(name)}</text><rect x="100" y="${y}" width="${Math.max(2, Math.round((v / max) * 90))}" height="18" class="${cls}"/>`;
  const label = `Crimes for every 1,000 people: ${area} ${fmt.decimal(r.value)}, England and Wales ${fmt.decimal(r.national.value)}.`;
  return `<svg class="mini" viewBox="0 0 200 48" width="200" height="48" role="img" aria-label="${escapeXml(label)}">${row(2, area, r.value, 'bar-now')}${row(26, 'England and Wales', r.national.value, 'bar')}</svg>`;
}

/** Decorative icons (the figure beside them says it all): hidden from screen readers and from the PDF's tags. */
const ICONS: Record<string, string> = {
  people: '<svg class="icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><circle cx="16" cy="14" r="7"/><circle cx="33" cy="14" r="7"/><path d="M3 42c0-9 6-15 13-15s13 6 13 15z"/><path d="M20 42c0-9 6-15 13-15s13 6 13 15z"/></svg>',
  speech: '<svg class="icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><path d="M6 8h36v24H20l-10 9v-9H6z"/></svg>',
  arrow: '<svg class="icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><path d="M24 6a18 18 0 1 0 17 12h-6a12 12 0 1 1-11-6v7l11-10L24 0z"/></svg>',
  scales: '<svg class="icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><path d="M22 6h4v32h10v4H12v-4h10z"/><path d="M8 14h32v3H8z"/><path d="M10 17l-6 12h12zM38 17l-6 12h12z"/></svg>',
  search: '<svg class="icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><circle cx="20" cy="20" r="12" fill="none" stroke="currentColor" stroke-width="5"/><path d="M29 31l4-4 12 12-4 4z"/></svg>',
};

/**
 * What happened to reported crimes, in one line: how many in 100 of the year's crimes with an outcome ended in a
 * charge or summons (the assessment's "All crime" row), with the caveat that recent months are still open.
 */
function outcomesHeadline(a: Assessment) {
  const all = a.outcomes?.find((r) => r.crimeType === 'All crime');
  const share = all?.charged.share;
  if (share === null || share === undefined) return [];
  return [{ figure: `${Math.round(share)} in 100`, label: `crimes recorded in ${a.period.label} have so far ended in a charge or a summons to court`, words: 'Some are still being investigated.', icon: ICONS.scales! }];
}

/**
 * Stop and search, in plain words: the searches in the year, how often the officer found what they were looking for,
 * and, when the difference is clear (the rate ratio's 95% interval above 1), how much more often Black residents are
 * searched than White residents. Force-level figures say so.
 */
function stopSearchHeadline(a: Assessment, area: string) {
  const s = a.stopSearch;
  if (!s || s.searches === null) return [];
  const where = s.level === 'partnership' ? `in ${area}` : `by ${s.force} (the whole force area)`;
  const found = s.linked.share !== null ? `In ${Math.round(s.linked.share)} in 100 the officer found what they were looking for.` : '';
  const black = s.byEthnicity.find((g) => g.group === 'Black');
  const ratio = black?.rateRatio != null && black.rateRatioCi95 && black.rateRatioCi95[0] > 1 ? ` Black people living here were about ${fmt.decimal(black.rateRatio)} times as likely as White people to be searched.` : '';
  return [{ figure: fmt.count(s.searches), label: `stop and searches were carried out ${where} in ${a.period.label}`, words: `${found}${ratio}`.trim(), icon: ICONS.search! }];
}

/** The headline figures: all crime (and its rate against England and Wales), anti-social behaviour, adult reoffending, outcomes, stop and search. */
function headlines(a: Assessment, config: Config) {
  const byId = new Map(a.indicators.map((i) => [i.id, i]));
  const out: { figure: string; label: string; words: string; chart?: string; icon?: string }[] = [];
  const all = byId.get('recorded-crime.all');
  if (all) {
    const chart = yearlyBars(all, 'Crimes recorded');
    out.push({ figure: fmt.count(all.count, all.suppressed), label: `crimes recorded by the police in ${a.period.label} (not counting anti-social behaviour)`, words: changeWords(all), ...(chart ? { chart } : { icon: ICONS.people! }) });
    const chart2 = comparisonBars(all, config.area.name);
    if (chart2 && all.national) {
      const side = all.value! > all.national.value! ? 'more than' : all.value! < all.national.value! ? 'fewer than' : 'the same as';
      out.push({ figure: fmt.decimal(all.value), label: 'crimes for every 1,000 people who live here', words: `That is ${side} across England and Wales (${fmt.decimal(all.national.value)}).`, chart: chart2 });
    }
  }
  const asb = byId.get('anti-social-behaviour');
  if (asb) out.push({ figure: fmt.count(asb.count, asb.suppressed), label: 'reports of anti-social behaviour, such as noise, nuisance and vandalism', words: changeWords(asb), icon: ICONS.speech! });
  const re = byId.get('reoffending.adult');
  if (re && re.value !== null && !re.suppressed && re.unit.startsWith('%')) {
    out.push({ figure: `${Math.round(re.value)} in 100`, label: `adult offenders were convicted of another crime within a year (${re.period.label})`, words: 'Stopping people from offending again is one of our legal duties.', icon: ICONS.arrow! });
  }
  out.push(...outcomesHeadline(a), ...stopSearchHeadline(a, config.area.name));
  return out;
}

/** The partnership's focus: the top three of the scoring, each with why in plain words and, if agreed, what will be done. */
function focus(a: Assessment, config: Config, plan: ActionPlanRow[]) {
  return [...a.priorities].sort((x, y) => x.rank - y.rank).slice(0, 3).map((p) => {
    const reasons = [...p.components].filter((c) => c.contribution > 0).sort((x, y) => y.contribution - x.contribution).slice(0, 2).map((c) => PLAIN_REASONS[c.criterion]).filter((x): x is string => !!x);
    const strategic = config.strategicPriorities.find((s) => s.label.toLowerCase() === p.label.toLowerCase());
    const mine = (r: ActionPlanRow) => [p.id, p.label.toLowerCase(), strategic?.id].includes(r.priority.toLowerCase()) || r.priority === p.label;
    return {
      label: p.label,
      why: reasons.length ? `We chose it because ${reasons.join(', and ')}.` : '',
      actions: plan.filter(mine).map((r) => r.action),
    };
  });
}

/** What residents said most often: the three topics that concern the most people. */
function residents(rows: ConsultationRow[]) {
  const top = [...rows].sort((x, y) => y.percentConcerned - x.percentConcerned).slice(0, 3);
  if (!top.length) return null;
  const people = Math.max(...top.map((r) => r.respondents));
  return {
    intro: `We asked residents what worries them. ${fmt.count(people)} people answered.`,
    // The topic as the survey wrote it (a heading of its own, so its capital letter stays).
    rows: top.map((r) => ({ topic: r.topic, figure: `${Math.round(r.percentConcerned)}%`, label: 'of the people who answered are worried about this' })),
  };
}

/** Build the public summary's view model. */
export function publicView(input: PublicInputs) {
  const { assessment: a, config } = input;
  return {
    title: assessmentTitle(a, true),
    description: `A short, plain-English summary of the ${a.period.label} community safety assessment for ${config.area.name}: what we found and what we will do.`,
    css: input.css,
    brandName: config.branding.name ?? config.partnership.name,
    logo: input.logo,
    marking: config.document.protectiveMarking,
    heading: `Keeping ${config.area.name} safe: what we found and what we will do`,
    period: `April ${a.period.start.slice(0, 4)} to March ${a.period.end.slice(0, 4)}`,
    date: a.dataAsAt,
    intro: [
      `Every year the police, the council, health, fire and probation services in ${config.area.name} look at crime together. They work as the ${config.partnership.name}.`,
      `This summary says what we found in ${a.period.label} and what we will work on in ${yearAhead(a)}.`,
    ],
    headlines: headlines(a, config),
    focus: focus(a, config, input.actionPlan ?? []),
    yearAhead: yearAhead(a),
    residents: residents(input.consultation),
    fullDocumentHref: input.fullDocumentHref,
  };
}
