/**
 * Targets and RAG: one function for every document, so that an indicator's status against its target is the same in
 * the strategic assessment and the quarterly report (issue 12). Red, amber and green compare a figure with the
 * partnership's own target (config `rag`), not with other areas, and are separate from statistical significance.
 */
import type { Config } from '../model/config.js';
import type { IndicatorResult } from '../model/contract.js';

type Rag = IndicatorResult['rag'];

/**
 * RAG against a target: green met, amber worse by up to `rag.amberWithinPercent`, red worse by more than
 * `rag.redBeyondPercent`; grey without a target, without data, or when the indicator has no polarity.
 * `period` (e.g. "2015/16, the latest available") is added to the reason when the figure is not the document's own.
 */
export function targetStatus(value: number | null, target: number | null, polarity: IndicatorResult['polarity'], rag: Config['rag'], period?: string): Rag {
  const from = period ? ` (${period})` : '';
  if (target === null) return { status: 'grey', target: null, reason: 'no target set' };
  if (value === null) return { status: 'grey', target, reason: 'no data for the period' };
  if (polarity === 'no-judgement') return { status: 'grey', target, reason: 'no polarity: a target cannot be met or missed' };
  const worseBy = polarity === 'lower-is-better' ? (value - target) / Math.abs(target) : (target - value) / Math.abs(target);
  if (worseBy <= 0) return { status: 'green', target, reason: `target met${from}` };
  const pct = worseBy * 100;
  if (pct > rag.redBeyondPercent) return { status: 'red', target, reason: `${pct.toFixed(1)}% worse than target (red beyond ${rag.redBeyondPercent}%)${from}` };
  return { status: 'amber', target, reason: `${pct.toFixed(1)}% worse than target (amber within ${rag.amberWithinPercent}%)${from}` };
}

/** The RAG counts of a set of indicators: what page 1 of a document prints beside its tables. */
export function ragCounts(indicators: readonly Pick<IndicatorResult, 'rag'>[]): { green: number; amber: number; red: number; noData: number; noTarget: number } {
  const n = (f: (r: Rag) => boolean) => indicators.filter((i) => f(i.rag)).length;
  return {
    green: n((r) => r.status === 'green'),
    amber: n((r) => r.status === 'amber'),
    red: n((r) => r.status === 'red'),
    noData: n((r) => r.status === 'grey' && r.target !== null),
    noTarget: n((r) => r.target === null),
  };
}
