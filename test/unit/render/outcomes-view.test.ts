import { describe, expect, it } from 'vitest';
import { outcomeRows, outcomesInfoOf } from '../../../src/analysis/outcomes.js';
import type { OutcomeCategory } from '../../../src/ingest/formats/police-uk-outcomes.js';
import type { OutcomeCrime, OutcomesInput } from '../../../src/ingest/outcomes.js';
import { CRIME_TYPES } from '../../../src/model/data.js';
import { outcomesSection } from '../../../src/render/outcomes-view.js';
import { chargeRateSection } from '../../../src/render/charge-rate-view.js';
import { chargeRateOf } from '../../../src/analysis/outcomes.js';

const YEAR = { start: '2016-04', end: '2017-03', label: '2016/17' };
const type = (t: string) => CRIME_TYPES.indexOf(t as (typeof CRIME_TYPES)[number]);
const crimes = (n: number, t: string, category: OutcomeCategory, inArea: boolean, month = '2016-06'): OutcomeCrime[] => Array.from({ length: n }, () => ({ month, type: type(t), inArea, category }));
const list = [
  ...crimes(20, 'Burglary', 'charged', true), ...crimes(60, 'Burglary', 'noSuspect', true), ...crimes(20, 'Burglary', 'open', true, '2017-02'),
  ...crimes(30, 'Robbery', 'charged', true), ...crimes(2, 'Robbery', 'outOfCourt', true), ...crimes(18, 'Robbery', 'other', true),
  ...crimes(100, 'Burglary', 'charged', false), ...crimes(300, 'Burglary', 'noSuspect', false), ...crimes(50, 'Robbery', 'charged', false), ...crimes(50, 'Robbery', 'other', false),
];
const input: OutcomesInput = { forces: ['Midshire Police'], months: [], crimes: list, streetFiles: [], outcomesFiles: ['a'], latestOutcomesMonth: '2017-03', unknown: [] };

describe('the outcomes section', () => {
  const rows = outcomeRows(input, YEAR, 5);
  const view = outcomesSection(rows, outcomesInfoOf(input, YEAR, 5), 'Castlebridge', 'fig-outcomes', 5)!;

  it('says the all-crime shares in words and the force share, and gives the settling note with the open count', () => {
    // All crime in Castlebridge: 150 with an outcome, 50 charged (33.3%), 60 no suspect (40.0%), 20 open (13.3%).
    expect(view.paragraphs[0]).toBe('Of the 150 crimes recorded in Castlebridge in 2016/17 that have an outcome on police.uk, 33.3% had been charged or summonsed, 40.0% were closed with no suspect identified, [c] were dealt with out of court and 13.3% were still under investigation.');
    // Force: 200 of 650 charged = 30.8%; the rest of the force 150 of 500 = 30.0%.
    expect(view.paragraphs[1]).toContain('Across Midshire Police the charge or summons share was 30.8%, and 30.0% in the rest of the force (Midshire Police without Castlebridge).');
    expect(view.settling).toContain('20 of the 20 crimes recorded in Castlebridge from January 2017 to March 2017 (100.0%) were still under investigation');
  });

  it('withholds the small out-of-court count of robbery and one more cell of its row and column', () => {
    const robbery = view.table.rows.find((r) => r[0] === 'Robbery')!;
    expect(robbery[4]).toMatch(/^\[c\]/);
    expect(robbery.filter((c) => c.startsWith('[c]')).length).toBeGreaterThanOrEqual(2);
  });

  it('draws the charged shares on one percentage axis, with a text alternative and a data table', () => {
    expect(view.figure!.svg).toContain('role="img"');
    expect(view.figure!.svg).toContain('(%)');
    expect(view.figure!.table!.rows[0]).toEqual(['All crime', '33.3%', expect.stringMatching(/^\d+\.\d% to \d+\.\d%$/), '30.8%', expect.any(String)]);
  });
});

describe("the report's charged share section", () => {
  it('gives the quarter, the year to date and last year for the partnership and the force', () => {
    const p = { q: { start: '2016-04', end: '2016-06', label: 'Q1' }, ytd: { start: '2016-04', end: '2016-06', label: 'YTD' }, qLast: { start: '2015-04', end: '2015-06', label: 'Q1 last year' }, ytdLast: { start: '2015-04', end: '2015-06', label: 'YTD last year' } };
    const c = chargeRateOf({ outcomes: input, config: { disclosure: { threshold: 5 } } }, p).chargeRate!;
    // 2016-06 only: Castlebridge 50 charged of 130 with an outcome (the 20 open ones are from 2017-02).
    expect(c.partnership.quarter).toMatchObject({ charged: 50, total: 130 });
    expect(c.partnership.lastYearQuarter).toMatchObject({ charged: 0, total: 0, share: null });
    const view = chargeRateSection(c, 'Castlebridge')!;
    expect(view.rows[0]!.cells[0]).toEqual({ text: '38.5%', detail: '50 of 130' });
    expect(view.rows[1]!.label).toBe('Midshire Police');
  });
});

describe('the outcomes section without outcomes', () => {
  it('says that no crime of the year has an outcome, with no table or chart', () => {
    const none: OutcomesInput = { ...input, crimes: crimes(3, 'Burglary', 'charged', false).map((c) => ({ ...c, category: null })) };
    const view = outcomesSection(outcomeRows(none, YEAR, 5), outcomesInfoOf(none, YEAR, 5), 'Castlebridge', 'fig-outcomes', 5)!;
    expect(view.paragraphs).toEqual(['None of the crimes recorded in Castlebridge in 2016/17 has an outcome on police.uk.']);
    expect(view.table.rows).toEqual([]);
    expect(view.figure).toBeNull();
  });
});
