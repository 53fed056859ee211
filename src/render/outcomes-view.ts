/**
 * The assessment's "What happened to reported crimes" section: for the crimes of the year, the share charged or
 * summonsed, with no suspect identified, dealt with out of court, still under investigation and other outcomes, by
 * crime type, against the force; a chart of the charged shares; and how unsettled the latest months still are.
 * Words are chosen here; templates/shared/partials/outcomes.hbs lays out.
 */
import type { OutcomeRow, OutcomeShare, OutcomesInfo } from '../model/contract.js';
import type { Figure } from './charts-adapter.js';
import { chargedShareChart } from './charts/outcomes.js';
import * as fmt from './format.js';

const CATEGORIES = [
  ['charged', 'Charged or summonsed'],
  ['noSuspect', 'No suspect identified'],
  ['outOfCourt', 'Dealt with out of court'],
  ['open', 'Still under investigation'],
  ['other', 'Other outcome'],
] as const;

const pct = (s: OutcomeShare) => (s.share === null ? (s.count === null ? fmt.GSS.suppressed : fmt.GSS.notAvailable) : `${fmt.decimal(s.share)}%`);
const monthWords = (iso: string) => new Date(`${iso.slice(0, 7)}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export interface OutcomesView {
  paragraphs: string[];
  table: { caption: string; columns: string[]; rows: string[][] };
  figure: Figure | null;
  settling: string;
  method: string;
  notes: string[];
}

/** The opening sentences: all crime, and how the charge share compares with the force's. */
function headline(all: OutcomeRow, info: OutcomesInfo, area: string, force: string): string[] {
  const total = all.total === null ? 'the crimes' : `the ${fmt.count(all.total)} crimes`;
  const out = [`Of ${total} recorded in ${area} in ${info.period.label} that have an outcome on police.uk, ${pct(all.charged)} had been charged or summonsed, ${pct(all.noSuspect)} were closed with no suspect identified, ${pct(all.outOfCourt)} were dealt with out of court and ${pct(all.open)} were still under investigation.`];
  const c = all.comparison;
  if (c && all.force.charged.share !== null) {
    const versus = `Across ${force} the charge or summons share was ${pct(all.force.charged)}, and ${fmt.decimal(c.restOfForceShare)}% in the rest of the force (${force} without ${area}).`;
    const diff = `${fmt.decimal(Math.abs(c.difference))} percentage points`;
    const verdict = c.result === 'similar' ? `${area}'s share is not clearly different from the rest of the force's (a difference of ${diff}, which chance could explain).` : `${area}'s share is ${diff} ${c.result} than the rest of the force's, more than chance alone would explain.`;
    out.push(`${versus} ${verdict}`);
  }
  return out;
}

/** The settling note: outcomes of recent months are still coming in. */
function settlingWords(info: OutcomesInfo, area: string): string {
  const months = `${monthWords(info.recent.period.start)} to ${monthWords(info.recent.period.end)}`;
  const open = info.recent.open;
  const howMany = open.count === null || info.recent.total === null ? `Some of ${area}'s crimes of ${months}` : `${fmt.count(open.count)} of the ${fmt.count(info.recent.total)} crimes recorded in ${area} from ${months} (${pct(open)})`;
  const asAt = info.latestOutcomesMonth ? ` when the latest outcomes (${monthWords(info.latestOutcomesMonth)}) were published` : '';
  return `Outcomes settle over months: an investigation, a charging decision and a court case take time. ${howMany} were still under investigation${asAt}. The shares for the latest months will change as their outcomes are recorded, and the share charged will usually rise.`;
}

/** The section's view model, or null when the assessment has no outcome figures. */
export function outcomesSection(rows: readonly OutcomeRow[] | null | undefined, info: OutcomesInfo | null | undefined, area: string, idPrefix: string, threshold: number): OutcomesView | null {
  if (!rows || !info || rows.length === 0) return null;
  const force = info.forces.join(' and ') || 'the force';
  const all = rows[0]!;
  if (all.total === 0) {
    const none = `None of the crimes recorded in ${area} in ${info.period.label} has an outcome on police.uk.`;
    return { paragraphs: [none], table: { caption: '', columns: [], rows: [] }, figure: null, settling: '', method: '', notes: info.notes };
  }
  const table = {
    caption: `What happened to crimes recorded in ${area} in ${info.period.label}, by crime type (share of crimes with an outcome; ${force} in brackets)`,
    columns: ['Crime type', 'Crimes with an outcome', ...CATEGORIES.map(([, label]) => label)],
    rows: rows.map((r) => [r.crimeType, r.total === null ? fmt.GSS.suppressed : fmt.count(r.total), ...CATEGORIES.map(([k]) => `${pct(r[k])} (${pct(r.force[k])})`)]),
  };
  const chart = chargedShareChart(rows, { idPrefix, area, force, period: info.period.label });
  const figure: Figure | null = chart ? { caption: chart.title, svg: chart.svg, table: { caption: chart.table.caption, columns: chart.table.columns, rows: chart.table.rows } } : null;
  const method =
    'Each crime counts once, with its latest outcome: the latest entry in the police.uk outcomes files, else the last outcome category of the street file. "Charged or summonsed" includes crimes awaiting a court outcome and every court result, whatever the verdict. ' +
    `Shares are of the crimes with an outcome, with 95% intervals (Wilson score). ${area} is compared with the rest of ${force} by a two-proportion test (Pearson's chi-squared). Counts from 1 to ${threshold - 1}, and any figure from which one could be worked out, are not shown ([c]).`;
  const notes = [...info.notes];
  if (info.noStatus !== null && info.noStatus > 0) notes.push(`${fmt.count(info.noStatus)} crimes had no outcome at all on police.uk and are left out of the shares.`);
  return { paragraphs: headline(all, info, area, force), table, figure, settling: settlingWords(info, area), method, notes };
}
