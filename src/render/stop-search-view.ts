/**
 * The assessment's "Stop and search" section: how many searches, what share found what was searched for, how many
 * ended in arrest, and how many times more likely residents of each ethnic group were to be searched than White
 * residents (self-defined ethnicity against the 2021 Census, as the Home Office's "Police powers and procedures:
 * stop and search" statistics do), then the same by the ethnicity the officer recorded. Words are chosen here;
 * templates/shared/partials/stop-search.hbs lays out.
 */
import type { StopSearchSection } from '../model/contract.js';
import type { Figure } from './charts-adapter.js';
import { rateRatioChart } from './charts/rate-ratio.js';
import * as fmt from './format.js';

const pct = (v: number | null) => (v === null ? null : `${fmt.decimal(v)}%`);
const range = (c: [number, number] | null, d = 1) => (c ? `${c[0].toFixed(d)} to ${c[1].toFixed(d)}` : '');

/** The sentences of the section's opening paragraph. */
function headline(s: StopSearchSection, area: string): string[] {
  const where = s.level === 'partnership' ? `in ${area}` : `across ${s.force}`;
  const searches = s.searches === null ? 'a small number of' : fmt.count(s.searches);
  const out = [`In ${s.period.label} police carried out ${searches} stop and searches ${where}.`];
  const linked = pct(s.linked.share);
  if (linked) out.push(`In ${linked} of them (95% interval ${range(s.linked.ci95)}%) the outcome was linked to what was searched for: the officer found what they were looking for, or something related to it.`);
  const arrests = pct(s.arrests.share);
  if (arrests) out.push(`${arrests} ended in an arrest (95% interval ${range(s.arrests.ci95)}%).`);
  return out;
}

/** The sentence on disproportionality: Black residents first, as the Home Office leads with it. */
function ratioWords(s: StopSearchSection, area: string): string | null {
  const black = s.byEthnicity.find((r) => r.group === 'Black');
  if (!black || black.rateRatio === null || !black.rateRatioCi95) return null;
  const [lo, hi] = black.rateRatioCi95;
  const times = black.rateRatio.toFixed(1);
  const certain = lo > 1 ? 'The difference is larger than chance alone would explain.' : hi < 1 ? '' : 'The interval includes 1, so this could be chance.';
  const who = s.level === 'partnership' ? `a Black resident of ${area}` : 'a Black resident';
  return `${who.charAt(0).toUpperCase()}${who.slice(1)} was ${times} times as likely to be stopped and searched as a White resident (95% interval ${lo.toFixed(1)} to ${hi.toFixed(1)} times). ${certain}`.trim();
}

/** The same comparison by the ethnicity the officer recorded, when the section has it. */
function officerWords(s: StopSearchSection): string | null {
  const black = s.byOfficerEthnicity?.find((r) => r.group === 'Black');
  if (!black || black.rateRatio === null || !black.rateRatioCi95) return null;
  const [lo, hi] = black.rateRatioCi95;
  return `By the ethnicity the officer recorded, the figure was ${black.rateRatio.toFixed(1)} times (95% interval ${lo.toFixed(1)} to ${hi.toFixed(1)} times).`;
}

export interface StopSearchView {
  paragraphs: string[];
  method: string;
  figure: Figure | null;
  notes: string[];
}

const OFFICER_METHOD =
  ' The same comparison is made with the ethnicity the officer recorded (officer-defined: White, Black, Asian or Other). It has no Mixed group, so Mixed residents are left out of it.';

/** The section's view model, or null when the assessment has no stop-and-search data. */
export function stopSearchSection(s: StopSearchSection | null | undefined, area: string, idPrefix: string, threshold: number): StopSearchView | null {
  if (!s) return null;
  const paragraphs = headline(s, area);
  const ratio = ratioWords(s, area);
  const officer = officerWords(s);
  if (ratio) paragraphs.push(officer ? `${ratio} ${officer}` : ratio);
  if (s.notStated !== null && s.notStated > 0) paragraphs.push(`${fmt.count(s.notStated)} of the people searched did not state their ethnicity; they are left out of the rates.`);
  const chart = rateRatioChart(s, { idPrefix, area: s.level === 'partnership' ? area : s.force });
  const figure: Figure | null = chart ? { caption: chart.title, svg: chart.svg, table: { caption: chart.table.caption, columns: chart.table.columns, rows: chart.table.rows } } : null;
  const method =
    'The rates use the ethnicity people gave themselves (self-defined), grouped into the five broad groups of the 2021 Census, and the 2021 Census count of residents of each group, as the Home Office does. ' +
    `Rates are searches per 1,000 residents; a rate ratio is a group's rate divided by the White group's, with a 95% interval (log method). Counts from 1 to ${threshold - 1} are not shown ([c]).` +
    (s.byOfficerEthnicity?.length ? OFFICER_METHOD : '');
  return { paragraphs, method, figure, notes: s.notes };
}
