/**
 * The most similar group chart (src/render/charts/peer-group.ts) on a small hand-made group: bars sorted by rate,
 * lowest first; the partnership's bar hatched, outlined and labelled "(us)" (not colour alone); the text alternative
 * and the data table carry the sentence, the average and the limits.
 */
import { describe, expect, it } from 'vitest';
import { peerGroupChart, peerGroupSentence } from '../../../../src/render/charts/index.js';
import { indicator } from './fixtures.js';

const group = {
  peers: [
    { code: 'E1', name: 'Alpha', count: 300, population: 100_000, value: 3 },
    { code: 'E2', name: 'Beta', count: 100, population: 100_000, value: 1 },
    { code: 'E3', name: 'Gamma', count: 500, population: 100_000, value: 5 },
  ],
  partnership: { count: 400, population: 200_000, value: 2 },
  average: 3,
  pooled: 1300 / 500_000 * 1000,
  rank: 2,
  of: 4,
  limits95: [2.39, 2.83] as [number, number],
  limits998: [2.26, 2.98] as [number, number],
  position: 'below' as const,
};

describe('most similar group chart', () => {
  const ind = indicator({ id: 'recorded-crime.burglary', label: 'Burglary', unit: 'per 1,000 residents', peerGroup: group });
  const chart = peerGroupChart(ind, { idPrefix: 'fig-peers-1', title: 'Burglary: Here and its most similar partnerships', areaLabel: 'Here' })!;

  it('draws the members lowest first, ours hatched, outlined and labelled', () => {
    const labels = [...chart.svg.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]).filter((t) => /[A-Za-z]/.test(t!));
    expect(labels).toEqual(['Beta', 'Here (us)', 'Alpha', 'Gamma']);
    expect(chart.svg).toContain('<pattern id="fig-peers-1-hatch"');
    expect(chart.svg).toMatch(/class="swp-bar swp-ours"><text[^>]*font-weight="700"[^>]*>Here \(us\)<\/text><rect[^>]*fill="url\(#fig-peers-1-hatch\)"[^>]*stroke="#0b0c0c"/);
  });

  it('says the rank with 1 = lowest and the position against the limits, in words', () => {
    const s = 'Here had the 2nd lowest rate of burglary of 4 partnerships: itself and its 3 most similar partnerships; its rate is lower than expected for a partnership of its size (below the group\'s 99.8% control limits).';
    expect(peerGroupSentence('Here', 'burglary', group)).toBe(s);
    expect(chart.desc).toContain(s);
    expect(chart.table.rows.map((r) => r[0])).toEqual(['Beta', 'Here (us)', 'Alpha', 'Gamma', "Peers' average", '95% limits', '99.8% limits']);
    expect(chart.table.rows[6]![3]).toBe('2.26 to 2.98');
  });
});
