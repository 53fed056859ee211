/** The priority matrix: stacked bars by rank, segments proportional to contributions, patterns and a key. */
import { describe, expect, it } from 'vitest';

import { criterionStyle, priorityMatrix, type Priority } from '../../../../src/render/charts/index.js';
import { CRITERION_LABELS, PRIORITIES } from './fixtures.js';
import { all, byClass, parseSvg, textOf, type XmlElement } from './xml.js';

describe('priorityMatrix', () => {
  const chart = priorityMatrix(PRIORITIES, { idPrefix: 'pm', criterionLabels: CRITERION_LABELS });
  const root = parseSvg(chart.svg);
  const bars = byClass(root, 'swp-bar');

  it('draws one bar per candidate, ordered by rank whatever the input order', () => {
    expect(PRIORITIES[0]?.rank).toBe(5); // the fixture is in reverse order
    const byRank = [...PRIORITIES].sort((a, b) => a.rank - b.rank);
    expect(bars.map((b) => b.attrs['data-id'])).toEqual(byRank.map((p) => p.id));
    expect(chart.table.rows.map((r) => r[1])).toEqual(['1', '2', '3', '4', '5']);
  });

  it('splits each bar into one segment per non-zero contribution, widths in proportion', () => {
    for (const bar of bars) {
      const p = PRIORITIES.find((x) => x.id === bar.attrs['data-id']) as Priority;
      const segments = byClass(bar, 'swp-segment');
      const nonZero = p.components.filter((c) => c.contribution !== 0);
      expect(segments.map((s) => s.attrs['data-criterion'])).toEqual(nonZero.map((c) => c.criterion));
      // Width per unit of contribution is the same for every segment (to rounding).
      const perUnit = segments.map((s, i) => Number(s.attrs['width']) / (nonZero[i]?.contribution ?? 1));
      for (const u of perUnit) expect(u).toBeCloseTo(perUnit[0] as number, 0);
      // Segments abut: each starts where the previous ended.
      for (let i = 1; i < segments.length; i++) {
        const prev = segments[i - 1] as XmlElement;
        expect(Number(segments[i]?.attrs['x'])).toBeCloseTo(Number(prev.attrs['x']) + Number(prev.attrs['width']), 1);
      }
    }
  });

  it('gives every criterion its own colour and number, in the key and inside each wide enough segment, and no SVG pattern', () => {
    // Chromium rasterises <pattern> fills when printing to PDF, so the chart must not use them.
    expect(all(root).filter((e) => e.name === 'pattern')).toHaveLength(0);
    const fills = new Set(byClass(root, 'swp-segment').map((s) => s.attrs['fill']));
    expect(fills.size).toBe(6);
    const legend = textOf(byClass(root, 'swp-legend')[0] as XmlElement);
    for (const label of Object.values(CRITERION_LABELS)) expect(legend).toContain(label);
    // The key numbers the criteria 1 to 6, so a reader without colour vision can match segments to criteria.
    for (const k of [1, 2, 3, 4, 5, 6]) expect(legend).toContain(String(k));
    expect(new Set(Array.from({ length: 8 }, (_, k) => criterionStyle(k).colour)).size).toBe(8);
  });

  it('writes the score and the range of ranks at the end of each bar', () => {
    const first = [...PRIORITIES].sort((a, b) => a.rank - b.rank)[0] as Priority;
    const score = textOf(byClass(bars[0] as XmlElement, 'swp-score')[0] as XmlElement);
    expect(score).toBe(`${first.score.toFixed(2)} ranks ${first.rankRange[0]}–${first.rankRange[1]}`);
  });

  it('describes the ranking with scores, the largest contribution and the rank ranges', () => {
    expect(chart.desc).toContain('Scores for 5 candidate priorities, each bar split into the contributions of Volume, Trend, Compared with England and Wales, Harm, Public concern and Partnership influence.');
    expect(chart.desc).toMatch(/1\. Violence and sexual offences: 0\.\d\d, most from Harm \(0\.25\); ranks 1 to 2 when the weights change\./);
  });

  it('tables each contribution, a missing criterion as [x]', () => {
    expect(chart.table.columns).toEqual(['Candidate', 'Rank', 'Volume', 'Trend', 'Compared with England and Wales', 'Harm', 'Public concern', 'Partnership influence', 'Score', 'Range of ranks']);
    const hidden = chart.table.rows.find((r) => r[0]?.startsWith('Hidden crime'));
    expect(hidden).toBeDefined();
    // The fixture's hidden-crime candidate has no scaled value for the comparison criterion: contribution 0, shown.
    expect(hidden?.[4]).toBe('0.00');
    const partial = priorityMatrix([{ ...PRIORITIES[0]!, components: PRIORITIES[0]!.components.slice(0, 2) }, PRIORITIES[1]!]);
    expect(partial.table.rows.find((r) => r[0] === PRIORITIES[0]!.label)?.[4]).toBe('[x]');
  });

  it('stacks a negative contribution left of zero', () => {
    const p: Priority = { id: 'n', label: 'Negative', score: 0.2, rank: 1, rankRange: [1, 1], components: [
      { criterion: 'volume', raw: 1, scaled: 1, weight: 0.3, contribution: 0.3 },
      { criterion: 'capacity', raw: -1, scaled: -1, weight: 0.1, contribution: -0.1 },
    ] };
    const r = parseSvg(priorityMatrix([p]).svg);
    const [pos, neg] = byClass(r, 'swp-segment');
    expect(Number(neg?.attrs['x']) + Number(neg?.attrs['width'])).toBeCloseTo(Number(pos?.attrs['x']), 1);
    expect(textOf(byClass(r, 'swp-score')[0]!)).toBe('0.20 rank 1');
  });

  it('names criteria in words when no labels are given', () => {
    const plain = priorityMatrix(PRIORITIES);
    expect(plain.table.columns).toContain('Vs england and wales');
    expect(plain.table.columns).toContain('Public concern');
  });

  it('says so when there is nothing to rank', () => {
    const empty = priorityMatrix([]);
    expect(empty.desc).toBe('No candidate priorities were scored.');
    expect(() => parseSvg(empty.svg)).not.toThrow();
  });
});
