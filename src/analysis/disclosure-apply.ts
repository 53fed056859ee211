/**
 * Applying disclosure control to computed indicators, so that no small count that could identify a victim or an
 * offender reaches any output (JSON, HTML, PDF, CSV, xlsx: all are rendered from these results). Which figures are
 * suppressed is decided by the document's DisclosurePlan (./disclosure-plan.ts, rules in ./disclosure.ts); this
 * file walks every figure of the contract that holds a count or can be worked back to one: the headline (count,
 * value, interval, interval method, comparisons, harm, RAG), the year before, the change, each trend point and the
 * trend test, and the monthly SPC series.
 */
import type { IndicatorResult } from '../model/contract.js';
import { monthsOf, type DisclosurePlan } from './disclosure-plan.js';

/** Return copies of the indicators with every disclosive figure set to null and `suppressed` set. */
export function applyDisclosure(indicators: readonly IndicatorResult[], plan: DisclosurePlan): IndicatorResult[] {
  return indicators.map((input) => {
    const def = plan.define(input.id);
    if (!plan.protection(def).protected) return input;
    const r: IndicatorResult = structuredClone(input);
    const proportion = def.type === 'proportion';
    const t = plan.threshold;
    const head = plan.decide(def, monthsOf(r.period));
    if (head.suppressed) {
      if (head.reason !== 'source') {
        r.notes.push(
          `not shown ([c]) to protect the people counted: fewer than ${t}${proportion ? ` (or all but fewer than ${t})` : ''}, or a figure from which such a number could be worked out`,
        );
      }
      r.count = null;
      r.value = null;
      r.ci95 = null;
      // The method says whether the count is below 10 (exact Poisson) or not (Byar).
      r.ciMethod = null;
      r.suppressed = true;
      r.rag = { status: 'grey', target: r.rag.target, reason: 'figures suppressed (small numbers)' };
      r.harm = null;
      r.comparison = 'not-compared';
      r.peers = null;
      if (r.peerGroup) r.peerGroup = null;
      if (r.force) r.force = null;
    } else {
      r.rag = plan.coarseRag(def, r.rag);
    }
    const previousSuppressed = r.previous !== null && plan.decide(def, monthsOf(r.previous.period)).suppressed;
    if (r.previous && previousSuppressed) r.previous = { ...r.previous, count: null, value: null };
    // A change, its p-value and its direction can be worked back to the counts: dropped when either is suppressed.
    if (head.suppressed || previousSuppressed) r.change = null;
    if (r.trend) {
      let hidden = false;
      const points = r.trend.points.map((p) => {
        if (!plan.decide(def, monthsOf(p.period)).suppressed) return p;
        hidden = true;
        return { ...p, count: null, value: null, ci95: null };
      });
      // The trend test with the other years' counts would narrow down, or give back, the suppressed year's count.
      r.trend = hidden
        ? { points, direction: 'cannot-be-calculated', pValue: null, method: 'not calculated: a year in the series is not shown (small numbers)' }
        : { ...r.trend, points };
    }
    if (r.spc && !plan.monthlySeriesShown(def, r.spc.points)) {
      r.spc = null;
      r.notes.push('the monthly chart is not shown: a month is fewer than the threshold, or the months would give back a figure that is not shown');
    }
    for (const note of plan.notesFor(r.id)) if (!r.notes.includes(note)) r.notes.push(note);
    return r;
  });
}
