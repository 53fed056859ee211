/**
 * The partnership among its most similar group (MSG) of partnerships, as the Home Office's iQuanta shows it: each
 * peer's rate, the group average, the partnership's rank with 1 = the lowest rate (iQuanta ranks the least crime
 * first), and whether the partnership is outside the group's control limits.
 *
 * Definitions (README, Methods: "Most similar group"):
 * - The rates are over the quarters every member has in full (src/analysis/home-office.ts leaves the others out,
 *   with a note), from the Home Office CSP table and the population file: count / population × multiplier.
 * - The group average is the arithmetic mean of the peers' rates, the partnership excluded: the same figure as
 *   `peers.average` (compareWithPeers, ./stats/compare.ts). iQuanta's MSG average is likewise an average of the
 *   members' rates, not a pooled rate (Home Office, "iQuanta guidance: most similar groups").
 * - The control limits are funnel limits (./stats/funnel.ts: exact Poisson limits around a target rate, APHO
 *   Technical Briefing 2, Flowers 2007; Spiegelhalter 2005) at 95% and 99.8%, around the group's pooled rate
 *   (Σ counts / Σ populations of the partnership and its peers kept) for a population the size of the
 *   partnership's. The position is read against the 99.8% limits (about 3 standard errors, as control limits are).
 */
import type { IndicatorResult } from '../model/contract.js';
import { funnelLimits } from './stats/funnel.js';

/** A member of the group with its figures over the compared quarters. */
export interface PeerFigure {
  code: string;
  name: string;
  count: number;
  population: number;
  value: number;
}

export type PeerGroup = NonNullable<IndicatorResult['peerGroup']>;

/** Arithmetic mean (the group average: an average of rates, as iQuanta's). */
const mean = (values: readonly number[]) => values.reduce((a, v) => a + v, 0) / values.length;

/**
 * The group for one indicator: the peers kept (in config order), the average of their rates, our rank with
 * 1 = lowest (ties share the best rank: 1 + the peers strictly lower), and the funnel limits for our population.
 * Null when no peer is kept.
 */
export function buildPeerGroup(own: { count: number; population: number }, peers: readonly PeerFigure[], multiplier: number): PeerGroup | null {
  if (peers.length === 0) return null;
  const ours = (own.count / own.population) * multiplier;
  const pooled = ((own.count + peers.reduce((a, p) => a + p.count, 0)) / (own.population + peers.reduce((a, p) => a + p.population, 0))) * multiplier;
  const l95 = funnelLimits(pooled, own.population, 0.95, multiplier);
  const l998 = funnelLimits(pooled, own.population, 0.998, multiplier);
  const position = ours > l998.upper ? 'above' : ours < l998.lower ? 'below' : 'within';
  return {
    peers: peers.map((p) => ({ code: p.code, name: p.name, count: p.count, population: p.population, value: p.value })),
    partnership: { count: own.count, population: own.population, value: ours },
    average: mean(peers.map((p) => p.value)),
    pooled,
    rank: 1 + peers.filter((p) => p.value < ours).length,
    of: 1 + peers.length,
    limits95: [l95.lower, l95.upper],
    limits998: [l998.lower, l998.upper],
    position,
  };
}
