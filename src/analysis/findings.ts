/**
 * Plain-English findings: one or two sentences per indicator, generated from the numbers, in words a board member
 * reads without a statistics course. A sentence claims a rise, a fall or a difference only when the test behind
 * it supports it; otherwise it says the change is not statistically significant or the figure is similar.
 */
import type { IndicatorResult } from '../model/contract.js';

/**
 * The fewest years with a figure from which a long-term trend is tested or stated. The Methods ("Fewer than three
 * years: no trend is given") and the trend test (src/analysis/indicator.ts) use this same number.
 */
export const MIN_TREND_YEARS = 3;

/**
 * Offence types that are mostly found by police activity (stop and search, warrants, patrols) rather than reported
 * by victims: police.uk "Drugs" and "Possession of weapons" (and the Home Office offence groups allocated to them).
 * Their recorded numbers follow how hard the police look, so a higher or lower figure is not called better or worse
 * (Home Office, "User guide to police recorded crime statistics": proactive offences; ONS, Crime in England and
 * Wales, on drug offences and possession of weapons as indicators of police activity).
 */
export const PROACTIVE_INDICATORS: readonly string[] = ['recorded-crime.drugs', 'recorded-crime.possession-of-weapons'];

/** Is the indicator one of the offence types found mainly by police activity (see PROACTIVE_INDICATORS)? */
export function isProactive(r: Pick<IndicatorResult, 'id'>): boolean {
  return PROACTIVE_INDICATORS.includes(r.id);
}

/** The sentence that says why a proactive offence type is compared without "better" or "worse". */
export const PROACTIVE_SENTENCE =
  'These offences are mostly found by police activity (stop and search, warrants), so their numbers follow how much the police look for them: higher or lower is not better or worse.';

/** The years of a trend that have a figure (a suppressed or missing year has none). */
export function trendYears(r: Pick<IndicatorResult, 'trend'>): number {
  return r.trend ? r.trend.points.filter((p) => p.count !== null && p.value !== null).length : 0;
}

/** Is there a long-term trend to state: tested, significant or not, on at least MIN_TREND_YEARS years with figures? */
export function hasTrend(r: Pick<IndicatorResult, 'trend'>): boolean {
  return !!r.trend && r.trend.direction !== 'cannot-be-calculated' && trendYears(r) >= MIN_TREND_YEARS;
}

/** "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st". */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** "ranked 1st under every weighting tried" / "ranked 2nd (between 1st and 3rd as the weights vary)". */
export function rankWords(rank: number, range: readonly [number, number]): string {
  const [best, worst] = range;
  if (best === worst && best === rank) return `ranked ${ordinal(rank)} under every weighting tried`;
  if (best === worst) return `ranked ${ordinal(rank)} (${ordinal(best)} under every other weighting tried)`;
  return `ranked ${ordinal(rank)} (between ${ordinal(best)} and ${ordinal(worst)} as the weights vary)`;
}

const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "1,234" */
function formatCount(n: number): string {
  return int.format(n);
}

/** A value in its unit: "25.6 per 1,000 residents", "28.4%". */
export function formatValue(r: Pick<IndicatorResult, 'unit'>, value: number): string {
  if (r.unit.startsWith('%')) return `${one.format(value)}%`;
  if (r.unit === 'reports' || r.unit === 'count') return int.format(value);
  return `${one.format(value)} ${r.unit}`;
}

/** "8%" from 7.96; "less than 1%" for tiny changes. */
function percent(p: number): string {
  const a = Math.abs(p);
  if (a < 0.5) return 'less than 1%';
  return `${int.format(a)}%`;
}

/**
 * A label inside a sentence: its first letter lower-cased, the rest as written, so that names keep their capitals
 * ("Compared with England and Wales" → "compared with England and Wales"); a label that starts with an acronym
 * ("ASB …") stays as it is.
 */
function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** The change clause: "rose 8% (5,210 to 5,627), a statistically significant increase". */
function changeClause(r: IndicatorResult): string | null {
  if (!r.change || !r.previous || r.previous.count === null || r.count === null) return null;
  const pct = r.change.percent;
  const significant = r.change.direction !== 'no-significant-change';
  const tail = significant ? `, a statistically significant ${r.change.direction}` : ', which is not a statistically significant change';
  if (r.unit.startsWith('%')) {
    // Proportions change in percentage points: "28.8% to 30.1%", not a percentage of a percentage.
    if (r.previous.value === null || r.value === null) return null;
    const points = r.value - r.previous.value;
    if (Math.abs(points) < 0.05) return `was unchanged at ${formatValue(r, r.value)}`;
    return `${points > 0 ? 'rose' : 'fell'} from ${formatValue(r, r.previous.value)} to ${formatValue(r, r.value)} (${one.format(Math.abs(points))} percentage points)${tail}`;
  }
  const from = formatCount(r.previous.count);
  const to = formatCount(r.count);
  if (pct === null) return `${r.count > r.previous.count ? 'rose' : 'changed'} from ${from} to ${to}${tail}`;
  if (!significant && Math.abs(pct) < 0.5) return `was almost unchanged (${from} to ${to})`;
  return `${pct > 0 ? 'rose' : 'fell'} ${percent(pct)} (${from} to ${to})${tail}`;
}

/** The comparison sentence with England and Wales. */
function nationalClause(r: IndicatorResult): string | null {
  if (!r.national || r.national.value === null || r.comparison === 'not-compared') return null;
  const nat = r.unit === 'reports' ? `${one.format(r.national.value)} per 1,000 residents` : formatValue(r, r.national.value);
  const who = r.national.label;
  switch (r.comparison) {
    case 'similar':
      return `similar to ${who} (${nat})`;
    case 'better':
    case 'worse':
      return `significantly ${r.comparison} than ${who} (${nat})`;
    case 'higher':
      return `significantly higher than ${who} (${nat})`;
    case 'lower':
      return `significantly lower than ${who} (${nat})`;
    default:
      return null;
  }
}

/** One or two sentences for an indicator. */
export function finding(r: IndicatorResult): string {
  if (r.suppressed) {
    return `${r.label}: figures are not shown because the numbers are small enough to risk identifying people, or would let such a number be worked out.`;
  }
  if (r.count === null) return `${r.label}: no data for ${r.period.label}.`;
  const subject = r.label;
  const sentences: string[] = [];
  const change = changeClause(r);
  const nat = nationalClause(r);
  const provisional = r.revision === 'provisional' ? ' (provisional figures)' : '';
  if (r.unit.startsWith('%')) {
    const level = r.value === null ? '' : `${formatValue(r, r.value)} (${formatCount(r.count)} of ${formatCount(r.denominator ?? 0)})`;
    sentences.push(`${subject}: ${level}${provisional}${nat ? `, ${nat}` : ''}.`);
    if (change) sentences.push(`Compared with the year before it ${change}.`);
  } else if (r.unit === 'reports' || r.unit === 'count') {
    sentences.push(`${subject}: ${formatCount(r.count)} in ${r.period.label}${provisional}${change ? `; the number ${change}` : ''}.`);
    if (nat) sentences.push(`As a rate per 1,000 residents it is ${nat}.`);
  } else {
    sentences.push(change ? `${subject} ${change}${provisional}.` : `${subject}: ${formatCount(r.count)} in ${r.period.label}${provisional}.`);
    if (r.value !== null) {
      sentences.push(`The rate, ${formatValue(r, r.value)}, is ${nat ?? 'not compared with England and Wales (no benchmark in the data)'}.`);
    }
  }
  if (hasTrend(r) && r.trend!.direction !== 'no-significant-change') {
    const first = r.trend!.points.find((p) => p.count !== null && p.value !== null)!.period.label;
    sentences.push(`Since ${first} the long-term trend is ${r.trend!.direction}.`);
  }
  if (isProactive(r) && r.polarity === 'no-judgement') sentences.push(PROACTIVE_SENTENCE);
  return sentences.map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join(' ').replace(/ {2,}/g, ' ');
}

/**
 * The report's finding: the year-to-date change, then the comparison with England and Wales over the latest
 * complete financial year (a part-year rate is never compared with an annual benchmark).
 */
export function reportFinding(ytd: IndicatorResult, fy: IndicatorResult | null): string {
  if (ytd.suppressed) return finding(ytd);
  if (ytd.count === null) return `${ytd.label}: no data for ${ytd.period.label}.`;
  const change = changeClause(ytd);
  const sentences = [change ? `Year to date, ${lowerFirst(ytd.label)} ${change}.` : `${ytd.label}: ${formatCount(ytd.count)} in ${ytd.period.label}.`];
  if (fy && !fy.suppressed && fy.value !== null) {
    const nat = nationalClause(fy);
    if (nat) sentences.push(`In ${fy.period.label} the ${ytd.unit.startsWith('%') ? 'figure' : 'rate'}, ${fy.unit === 'reports' ? `${formatCount(fy.value)} reports` : formatValue(fy, fy.value)}, was ${nat}.`);
  }
  return sentences.join(' ');
}

export { lowerFirst };
