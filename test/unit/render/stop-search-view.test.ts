/**
 * The stop and search section's words, chart and table from a hand-made section: the Black rate ratio sentence with
 * its interval, a withheld group shown as [c] and left out of the chart, and the force-level wording.
 */
import { describe, expect, it } from 'vitest';
import type { StopSearchSection } from '../../../src/model/contract.js';
import { stopSearchSection } from '../../../src/render/stop-search-view.js';

const section = (over: Partial<StopSearchSection> = {}): StopSearchSection => ({
  level: 'partnership',
  force: 'Midshire Police',
  period: { start: '2016-04-01', end: '2017-03-31', label: '2016/17' },
  searches: 600,
  arrests: { count: 90, share: 15, ci95: [12.4, 18.1] },
  linked: { count: 120, share: 20, ci95: [17, 23.4] },
  byEthnicity: [
    { group: 'White', searches: 400, population: 200000, rate: 2, ci95: [1.8, 2.2], rateRatio: null, rateRatioCi95: null },
    { group: 'Black', searches: 60, population: 10000, rate: 6, ci95: [4.6, 7.7], rateRatio: 3, rateRatioCi95: [2.28, 3.94] },
    { group: 'Asian', searches: 40, population: 16000, rate: 2.5, ci95: [1.8, 3.4], rateRatio: 1.25, rateRatioCi95: [0.9, 1.74] },
    { group: 'Mixed', searches: 20, population: 6000, rate: 3.33, ci95: [2, 5.1], rateRatio: 1.67, rateRatioCi95: [1.06, 2.6] },
    { group: 'Other', searches: null, population: 4000, rate: null, ci95: null, rateRatio: null, rateRatioCi95: null },
  ],
  notStated: 30,
  noLocation: 12,
  notes: ['a note'],
  ...over,
});

describe('the stop and search section', () => {
  it('says how many times as likely a Black resident was to be searched, with the interval', () => {
    const v = stopSearchSection(section(), 'Castlebridge', 'fig-ss', 5)!;
    expect(v.paragraphs[0]).toBe('In 2016/17 police carried out 600 stop and searches in Castlebridge.');
    expect(v.paragraphs.join(' ')).toContain('A Black resident of Castlebridge was 3.0 times as likely to be stopped and searched as a White resident (95% interval 2.3 to 3.9 times).');
    expect(v.method).toContain('Counts from 1 to 4 are not shown ([c])');
  });

  it('shows a withheld group as [c] in the table and leaves it out of the chart', () => {
    const v = stopSearchSection(section(), 'Castlebridge', 'fig-ss', 5)!;
    const other = v.figure!.table!.rows.find((r) => r[0] === 'Other ethnic group')!;
    expect(other[1]).toBe('[c]');
    expect(v.figure!.svg).not.toContain('>Other ethnic group<');
    expect(v.figure!.svg).toContain('>Black<');
  });

  it('speaks of the force when the searches could not be placed', () => {
    const v = stopSearchSection(section({ level: 'force' }), 'Castlebridge', 'fig-ss', 5)!;
    expect(v.paragraphs[0]).toBe('In 2016/17 police carried out 600 stop and searches across Midshire Police.');
  });

  it('adds the officer-defined comparison: a sentence, the method, a second series (no Mixed) and table rows', () => {
    const officer: StopSearchSection['byOfficerEthnicity'] = [
      { group: 'White', searches: 410, population: 200000, rate: 2.05, ci95: [1.86, 2.26], rateRatio: null, rateRatioCi95: null },
      { group: 'Black', searches: 80, population: 10000, rate: 8, ci95: [6.3, 10], rateRatio: 3.9, rateRatioCi95: [3.07, 4.96] },
      { group: 'Asian', searches: 45, population: 16000, rate: 2.81, ci95: [2.05, 3.76], rateRatio: 1.37, rateRatioCi95: [1.01, 1.87] },
      { group: 'Other', searches: null, population: 4000, rate: null, ci95: null, rateRatio: null, rateRatioCi95: null },
    ];
    const v = stopSearchSection(section({ byOfficerEthnicity: officer }), 'Castlebridge', 'fig-ss', 5)!;
    expect(v.paragraphs.join(' ')).toContain('By the ethnicity the officer recorded, the figure was 3.9 times (95% interval 3.1 to 5.0 times).');
    expect(v.method).toContain('It has no Mixed group, so Mixed residents are left out of it.');
    const svg = v.figure!.svg;
    // One hollow diamond per officer-defined group with a ratio (Black, Asian; Other is withheld), plus the key's.
    expect(svg.match(/<path d="M[^"]*Z" fill="#ffffff" stroke="#d45d00"/g)!.length).toBe(2 + 1);
    expect(svg).toContain('Officer-defined ethnicity (no Mixed group)');
    expect(svg).toContain('By the ethnicity officers recorded (no Mixed group): Black 3.9 times (95% interval 3.1 to 5.0); Asian 1.4 times (95% interval 1.0 to 1.9).');
    const t = v.figure!.table!;
    expect(t.columns[1]).toBe('Ethnicity recorded as');
    expect(t.rows.map((r) => `${r[0]}/${r[1]}`)).toEqual([
      'White/Self-defined', 'Black/Self-defined', 'Asian/Self-defined', 'Mixed/Self-defined', 'Other ethnic group/Self-defined',
      'White/Officer-defined', 'Black/Officer-defined', 'Asian/Officer-defined', 'Other ethnic group/Officer-defined',
    ]);
    expect(t.rows[8]![2]).toBe('[c]');
    // Without the officer-defined rows the chart is the self-defined one alone (no key, no diamonds).
    const plain = stopSearchSection(section(), 'Castlebridge', 'fig-ss', 5)!;
    expect(plain.figure!.svg).not.toContain('#d45d00');
    expect(plain.figure!.table!.columns[1]).toBe('Searches');
  });

  it('is absent without stop-and-search data', () => {
    expect(stopSearchSection(null, 'Castlebridge', 'fig-ss', 5)).toBeNull();
  });
});
