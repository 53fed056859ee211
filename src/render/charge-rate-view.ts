/**
 * The report's "Crimes charged or summonsed" section: the share of crimes with an outcome that were charged or
 * summonsed (police.uk outcomes), this quarter and year to date against the same periods last year, for the
 * partnership and its force. Higher is better; it settles over months. Words here; templates/shared/partials/
 * charge-rate.hbs lays out.
 */
import type { ChargeRate } from '../model/contract.js';
import * as fmt from './format.js';

type Cell = ChargeRate['partnership']['quarter'];

const cellText = (c: Cell) => (c.share === null ? (c.total === null || c.charged === null ? fmt.GSS.suppressed : fmt.GSS.notAvailable) : `${fmt.decimal(c.share)}%`);
const cellDetail = (c: Cell) => (c.share === null || c.charged === null || c.total === null ? '' : `${fmt.count(c.charged)} of ${fmt.count(c.total)}`);

export interface ChargeRateView {
  caption: string;
  rows: Array<{ label: string; cells: Array<{ text: string; detail: string }> }>;
  sentence: string;
  notes: string[];
}

/** The section's view model, or null when the report has no outcome figures. */
export function chargeRateSection(c: ChargeRate | null | undefined, area: string): ChargeRateView | null {
  if (!c) return null;
  const force = c.forces.join(' and ') || 'Force';
  const row = (label: string, x: ChargeRate['partnership']) => ({ label, cells: [x.quarter, x.lastYearQuarter, x.yearToDate, x.lastYearToDate].map((k) => ({ text: cellText(k), detail: cellDetail(k) })) });
  const ytd = c.partnership.yearToDate;
  const last = c.partnership.lastYearToDate;
  const sentence =
    ytd.share !== null && last.share !== null
      ? `So far this year ${fmt.decimal(ytd.share)}% of ${area}'s crimes with an outcome have been charged or summonsed, against ${fmt.decimal(last.share)}% in the same period last year (higher is better; this year's figure will rise as outcomes come in).`
      : `The share of ${area}'s crimes charged or summonsed cannot be given for the year to date (small numbers or no data).`;
  return { caption: `Crimes charged or summonsed (share of crimes with an outcome): ${area} and ${force}`, rows: [row(area, c.partnership), row(force, c.force)], sentence, notes: c.notes };
}
