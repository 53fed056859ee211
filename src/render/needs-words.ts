/**
 * The needs assessment's sentences and tables (words chosen here; the template only lays out): the profile table
 * of the police.uk types, the Home Office offence table, hospital admissions against England, the draft
 * recommendations when the analyst has written none.
 */
import { isProactive, lowerFirst } from '../analysis/findings.js';
import type { IndicatorResult } from '../model/contract.js';
import type { NeedsAssessment } from '../model/contract-needs.js';
import { peerGroupSentence } from './charts/index.js';
import * as fmt from './format.js';

const COMPARISON: Record<string, string> = { better: 'lower (better)', worse: 'higher (worse)', similar: 'similar', higher: 'higher', lower: 'lower', 'not-compared': 'not compared' };

/** Rows of the police.uk profile table: the total first, then each type. */
export function profileRows(n: NeedsAssessment): string[][] {
  const list = [...(n.violence.total ? [n.violence.total] : []), ...n.violence.byType];
  return list.map((i) => [
    i.label,
    fmt.count(i.count, i.suppressed),
    fmt.decimal(i.value, i.suppressed),
    fmt.interval(i.ci95, i.suppressed),
    i.national?.value != null ? fmt.decimal(i.national.value) : fmt.GSS.notAvailable,
    COMPARISON[i.comparison] ?? i.comparison,
    i.change ? `${fmt.signedPercent(i.change.percent)}${i.change.direction === 'no-significant-change' ? ' (not significant)' : ''}` : fmt.GSS.notAvailable,
  ]);
}

type Offence = NonNullable<NeedsAssessment['homeOffice']>['offences'][number];

/** Rows of the Home Office offence table. */
export function offenceRows(offences: readonly Offence[]): string[][] {
  return offences.map((o) => [
    o.name,
    o.subgroups.length ? fmt.count(o.count, o.suppressed) : fmt.GSS.notAvailable,
    fmt.count(o.previous, false),
    fmt.decimal(o.value, o.suppressed),
    fmt.interval(o.ci95, o.suppressed),
    o.peerAverage !== null ? fmt.decimal(o.peerAverage) : fmt.GSS.notAvailable,
    o.rank !== null ? `${o.rank} of ${o.of}` : fmt.GSS.notAvailable,
  ]);
}

/** A sentence on the latest hospital admissions period against England. */
export function hospitalSentence(h: NonNullable<NeedsAssessment['hospitalAdmissions']>, area: string): string {
  const last = h.points[h.points.length - 1]!;
  if (last.value === null) return `${area}'s figure for ${last.period.label} is not shown (small numbers or not published).`;
  const eng = last.england ? ` England's was ${fmt.decimal(last.england.value)}.` : '';
  const cmp = last.comparison === 'higher' ? ` ${area}'s rate is higher than England's: the difference is statistically significant (95% level).` : last.comparison === 'lower' ? ` ${area}'s rate is lower than England's: the difference is statistically significant (95% level).` : last.comparison === 'similar' ? ` ${area}'s rate is not significantly different from England's.` : '';
  const peers = h.peers ? ` Of ${area} and the ${h.peers.of - 1} similar partnerships in the file, ${area} has ${place(h.peers.rank, h.peers.of)} rate; their average rate is ${fmt.decimal(h.peers.average)}.` : '';
  const basis = last.basis === 'published' ? ', age-standardised as OHID publishes it' : ' (a crude rate: the file gives no published rate)';
  const ci = last.ci95 ? ` (95% confidence interval ${fmt.interval(last.ci95)})` : '';
  return `In ${last.period.label}, ${fmt.count(last.count)} people from ${area} were admitted to hospital for violence: ${fmt.decimal(last.value)} per 100,000 residents a year${basis}${ci}.${eng}${cmp}${peers}`;
}

/** The key facts of the summary box. */
export function keyFacts(n: NeedsAssessment): { figure: string; label: string }[] {
  const facts: { figure: string; label: string }[] = [];
  const t = n.violence.total;
  if (t) {
    facts.push({ figure: fmt.count(t.count, t.suppressed), label: `serious violence crimes recorded by the police in ${n.period.label} (our definition)` });
    facts.push({ figure: fmt.decimal(t.value, t.suppressed), label: `per 1,000 residents${t.national?.value != null ? `; England and Wales ${fmt.decimal(t.national.value)}` : ''}` });
    if (n.violence.shareOfAllCrime !== null) facts.push({ figure: `${Math.round(n.violence.shareOfAllCrime * 100)}%`, label: `of all crime recorded in ${n.period.label} (anti-social behaviour excluded)` });
    if (t.change?.percent != null) facts.push({ figure: fmt.signedPercent(t.change.percent), label: `on ${t.previous?.period.label ?? 'the year before'}${t.change.direction === 'no-significant-change' ? ' (not a significant change)' : ''}` });
  }
  const last = n.hospitalAdmissions?.points[n.hospitalAdmissions.points.length - 1];
  if (last && last.value !== null) facts.push({ figure: fmt.decimal(last.value), label: `hospital admissions for violence per 100,000 a year${last.basis === 'published' ? ' (age-standardised)' : ''}, ${last.period.label}${last.england ? `; England ${fmt.decimal(last.england.value)}` : ''}` });
  return facts;
}

/** The headline findings: the total's and each type's own sentence, then hospital admissions. */
export function findings(n: NeedsAssessment, area: string): string[] {
  const out = [n.violence.total, ...n.violence.byType].filter((i): i is IndicatorResult => !!i && i.finding !== '').map((i) => i.finding);
  if (n.hospitalAdmissions) out.push(hospitalSentence(n.hospitalAdmissions, area));
  const ranked = n.violence.byType.filter((i) => i.peerGroup && i.value !== null);
  for (const i of ranked) out.push(peerGroupSentence(area, lowerFirst(i.label), i.peerGroup!));
  return out;
}

/** "the lowest", "the highest", "the 3rd lowest" (rank 1 = lowest). */
const place = (rank: number, of: number) => (rank === 1 ? 'the lowest' : rank === of ? 'the highest' : `the ${ordinalWord(rank)} lowest`);

const ordinalWord = (k: number) => `${k}${k % 100 >= 11 && k % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th')}`;

/**
 * A draft of recommendations from the figures, shown only when the analyst has written none and labelled as a
 * draft: each type worse than England and Wales or significantly up, the wards above the average, the gaps.
 */
export function draftRecommendations(n: NeedsAssessment, area: string): string[] {
  const out: string[] = [];
  for (const i of n.violence.byType) {
    if (i.comparison === 'worse') out.push(`Make ${lowerFirst(i.label)} a focus of the strategy: ${area}'s rate is higher than England and Wales's.`);
    else if (i.change?.direction === 'increase') out.push(`Look into the rise in ${lowerFirst(i.label)} (${fmt.signedPercent(i.change.percent)} on the year before, a significant change)${isProactive(i) ? ', remembering that these offences are found mostly by police activity' : ''}.`);
  }
  const high = n.places?.wards.filter((w) => w.comparison === 'higher').map((w) => w.name) ?? [];
  if (high.length) out.push(`Direct prevention work to the wards with rates of serious violence above the partnership average: ${high.join(', ')}.`);
  const last = n.hospitalAdmissions?.points[n.hospitalAdmissions.points.length - 1];
  if (last?.comparison === 'higher') out.push('Work with the NHS on hospital admissions for violence, which are above the England rate (for example, a violence reduction navigator in the emergency department).');
  const fill = n.gaps.filter((g) => !g.topic.startsWith('Partners')).length;
  if (fill) out.push(`Fill the ${fill} data gap${fill === 1 ? '' : 's'} listed above before the next needs assessment.`);
  out.push('Agree data-sharing with health, education, youth justice and probation partners, so the next assessment includes their data.');
  return out;
}

/** Which crime types make up the total: "Violence and sexual offences make up 94% of it, robbery 3% …". */
export function compositionSentence(n: NeedsAssessment): string {
  const total = n.violence.total?.count;
  const parts = n.violence.byType.filter((i) => i.count !== null);
  if (!total || parts.length < 2 || parts.length !== n.violence.byType.length) return '';
  const pct = (c: number) => `${Math.round((c / total) * 100)}%`;
  const sorted = [...parts].sort((a, b) => b.count! - a.count!);
  const first = sorted[0]!;
  const rest = sorted.slice(1).map((i) => `${lowerFirst(i.label)} ${pct(i.count!)}`);
  const share = n.violence.shareOfAllCrime !== null ? ` Serious violence was ${Math.round(n.violence.shareOfAllCrime * 100)}% of all crime recorded in ${n.period.label}.` : '';
  return `${first.label} make${/s$/.test(first.label) ? '' : 's'} up ${pct(first.count!)} of serious violence as defined here, ${rest.join(' and ')}.${share}`;
}

type Ward = NonNullable<NeedsAssessment['places']>['wards'][number];

/** How concentrated serious violence is: the share in the three wards with the most (when no ward count is withheld). */
export function concentrationSentence(wards: readonly Ward[]): string {
  if (wards.length < 6 || wards.some((w) => w.count === null)) return '';
  const total = wards.reduce((a, w) => a + w.count!, 0);
  const top = [...wards].sort((a, b) => b.count! - a.count!).slice(0, 3);
  const share = Math.round((top.reduce((a, w) => a + w.count!, 0) / total) * 100);
  return `The three wards with the most serious violence (${top.map((w) => w.name).join(', ')}) saw ${share}% of it; they are ${Math.round((3 / wards.length) * 100)}% of the partnership's ${wards.length} wards.`;
}
