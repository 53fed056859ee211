/**
 * The most similar group (issue 14, point 3) on the demo's Home Office table and population file: the peers'
 * figures, the average, the rank with 1 = lowest and the 95% / 99.8% limits, each against an independent count of
 * the CSV files (./demo-msg.ts) and an independent chi-squared quantile (Wilson–Hilferty); a peer missing a quarter
 * is left out and named; more than 15 peers are refused at their config line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineIndicator } from '../../../src/analysis/catalogue.js';
import { computeIndicator } from '../../../src/analysis/indicator.js';
import { financialYear } from '../../../src/analysis/periods.js';
import { DataSource } from '../../../src/analysis/sources.js';
import { loadWorkspace } from '../../../src/ingest/workspace.js';
import { rejection, tempDir, writeTree } from '../../helpers.js';
import { DEMO_DIR, DEMO_PEERS, demoViolence2016 } from './demo-msg.js';

const VIOLENCE = 'recorded-crime.violence-and-sexual-offences';

function config(peers: string[]): string {
  return [
    'version: 1',
    'partnership:',
    '  name: Castlebridge Community Safety Partnership',
    'area:',
    '  name: Castlebridge',
    '  code: E08099001',
    `  peers: [${peers.map((p) => `"${p}"`).join(', ')}]`,
    'inputs:',
    '  homeOffice: [home-office/csp.csv]',
    '  population: [population/population.csv]',
    '',
  ].join('\n');
}

/** A workspace of the demo's Home Office table (optionally edited) and population file, with the given peers. */
async function violence(peers: string[], editTable: (csv: string) => string = (s) => s) {
  const dir = tempDir('swp-msg-');
  writeTree(dir, {
    'swp.config.yaml': config(peers),
    'home-office/csp.csv': editTable(readFileSync(join(DEMO_DIR, 'home-office/prc-csp-2013-2017.csv'), 'utf8')),
    'population/population.csv': readFileSync(join(DEMO_DIR, 'population/population.csv'), 'utf8'),
  });
  const ws = await loadWorkspace(dir, { displayBase: dir, onWarning: () => {}, latestMonth: '2017-06' });
  const def = defineIndicator(VIOLENCE, ws.config);
  return computeIndicator(def, financialYear(2016), { config: ws.config, source: new DataSource(ws), startYear: 2016 });
}

/** Chi-squared quantile by Wilson and Hilferty (1931): accurate to ~1e-6 relative for the thousands of degrees here. */
function qchisqWH(z: number, df: number): number {
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}
// Standard normal quantiles (published tables): 0.975, 0.999.
const Z975 = 1.959963984540054;
const Z999 = 3.090232306167813;

describe('most similar group: the demo, against an independent count of its files', () => {
  it('gives each peer, the average of the peers\' rates, the rank with 1 = lowest and the funnel limits', async () => {
    const r = await violence(DEMO_PEERS);
    const g = r.peerGroup!;
    const members = demoViolence2016();
    const ours = members.get('Castlebridge')!;
    const peers = DEMO_PEERS.map((p) => members.get(p)!);
    expect(g.peers.map((p) => p.name)).toEqual(DEMO_PEERS);
    g.peers.forEach((p, k) => {
      expect(p.count).toBe(peers[k]!.count);
      expect(p.population).toBe(peers[k]!.population);
      expect(p.value).toBeCloseTo(peers[k]!.rate, 10);
    });
    expect(g.peers.map((p) => p.code)).toEqual(['E08099002', 'E08099003', 'E08099004', 'E08099005', 'E08099006', 'E08099007', 'E08099008', 'E08099009']);
    expect(g.partnership).toEqual({ count: ours.count, population: ours.population, value: expect.closeTo(ours.rate, 10) });
    const average = peers.reduce((a, p) => a + p.rate, 0) / peers.length;
    expect(g.average).toBeCloseTo(average, 10);
    // The existing field keeps its meaning (rank 1 = highest) and the same average.
    expect(r.peers!.average).toBeCloseTo(average, 10);
    expect(r.peers!.rank).toBe(1 + peers.filter((p) => p.rate > ours.rate).length);
    expect(g.rank).toBe(1 + peers.filter((p) => p.rate < ours.rate).length);
    expect(g.of).toBe(9);
    // Pooled rate of all nine, then exact Poisson limits for Castlebridge's population (APHO TB2).
    const all = [ours, ...peers];
    const pooled = all.reduce((a, p) => a + p.count, 0) / all.reduce((a, p) => a + p.population, 0);
    const e = pooled * ours.population;
    const toRate = (c: number) => (c / ours.population) * 1000;
    const lo95 = toRate(qchisqWH(-Z975, 2 * e) / 2);
    const hi95 = toRate(qchisqWH(Z975, 2 * e + 2) / 2);
    const lo998 = toRate(qchisqWH(-Z999, 2 * e) / 2);
    const hi998 = toRate(qchisqWH(Z999, 2 * e + 2) / 2);
    expect(g.pooled).toBeCloseTo(pooled * 1000, 10);
    expect(g.limits95[0]).toBeCloseTo(lo95, 4);
    expect(g.limits998[0]).toBeCloseTo(lo998, 4);
    // The upper limits to 4 decimals as the lower: @stdlib's quantile used to put the 95% upper limit at 25.26978 per
    // 1,000 (CDF 0.97512 at ~13,000 degrees of freedom); scipy and Wilson–Hilferty give 25.26917.
    expect(g.limits95[1]).toBeCloseTo(hi95, 4);
    expect(g.limits998[1]).toBeCloseTo(hi998, 4);
    expect(g.position).toBe(ours.rate > hi998 ? 'above' : ours.rate < lo998 ? 'below' : 'within');
  });

  it('leaves out a peer that lacks a quarter of the year (Kingsferry without January to March), and names it', async () => {
    const r = await violence(DEMO_PEERS, (csv) => csv.split('\n').filter((l) => !l.startsWith('2016/17,4,Southmoor,Kingsferry,')).join('\n'));
    const g = r.peerGroup!;
    expect(g.peers.map((p) => p.name)).toEqual(DEMO_PEERS.filter((p) => p !== 'Kingsferry'));
    expect(g.of).toBe(8);
    const members = demoViolence2016();
    const kept = DEMO_PEERS.filter((p) => p !== 'Kingsferry').map((p) => members.get(p)!);
    expect(g.average).toBeCloseTo(kept.reduce((a, p) => a + p.rate, 0) / kept.length, 10);
    expect(r.notes.some((n) => n.startsWith('Kingsferry left out of the most similar group') && n.includes('April to December'))).toBe(true);
  });

  it('refuses more than 15 peers, at the line of area.peers', async () => {
    const sixteen = Array.from({ length: 16 }, (_, k) => `Peer ${k + 1}`);
    const err = await rejection(violence(sixteen));
    expect(err.code).toBe(4);
    const text = JSON.stringify({ message: err.message, problems: (err as unknown as { problems?: unknown }).problems, file: (err as unknown as { file?: unknown }).file, line: (err as unknown as { line?: unknown }).line });
    expect(text).toContain('at most 15 peers');
    // area.peers is line 7 of the config written above.
    expect(text).toMatch(/"line":7|:7\b/);
  });
});
