/**
 * Applying disclosure control to computed indicators, so that no small count that could identify a victim or an
 * offender reaches any output (JSON, HTML, PDF, CSV). The rules (primary suppression of counts 1 to threshold − 1,
 * small complements of proportions, and suppression of everything derived from a suppressed count) are those of
 * ./disclosure.ts; this file walks every figure of the contract that holds a count or can be worked back to one.
 */
import type { Config } from '../model/config.js';
import type { IndicatorResult } from '../model/contract.js';
import { appliesTo, isDisclosive } from './disclosure.js';

type Disclosure = Config['disclosure'];

/** A (count, denominator) pair is disclosive if the count, or for a proportion the complement, is small. */
function disclosive(count: number | null, denominator: number | null, proportion: boolean, threshold: number): boolean {
  if (count === null) return false;
  if (isDisclosive(count, threshold)) return true;
  return proportion && denominator !== null && isDisclosive(denominator - count, threshold);
}

/** Return copies of the indicators with every disclosive figure set to null and `suppressed` set. */
export function applyDisclosure(indicators: readonly IndicatorResult[], rules: Disclosure): IndicatorResult[] {
  return indicators.map((input) => {
    if (!appliesTo(input.id, rules.indicators)) return input;
    const r: IndicatorResult = structuredClone(input);
    const proportion = r.unit.startsWith('%');
    const t = rules.threshold;
    let derivedFromSuppressed = false;
    if (disclosive(r.count, r.denominator, proportion, t)) {
      r.count = null;
      r.value = null;
      r.ci95 = null;
      r.ciMethod = null;
      r.suppressed = true;
      r.rag = { status: 'grey', target: r.rag.target, reason: 'figures suppressed (small numbers)' };
      r.harm = null;
      derivedFromSuppressed = true;
      r.notes.push(`suppressed: fewer than ${t}${proportion ? ' (or all but fewer than ' + t + ')' : ''} — not shown to protect the people counted`);
    }
    if (r.previous && disclosive(r.previous.count, null, false, t)) {
      r.previous = { ...r.previous, count: null, value: null };
      derivedFromSuppressed = true;
    }
    // A change, its p-value and a comparison can be worked back to the counts: drop them when either is suppressed.
    if (derivedFromSuppressed) {
      r.change = null;
      if (r.suppressed) {
        r.comparison = 'not-compared';
        r.peers = null;
      }
    }
    if (r.trend) {
      r.trend = {
        ...r.trend,
        points: r.trend.points.map((p) => (disclosive(p.count, null, false, t) ? { ...p, count: null, value: null, ci95: null } : p)),
      };
    }
    if (r.spc) {
      r.spc = { ...r.spc, points: r.spc.points.map((p) => (p.value !== null && isDisclosive(p.value, t) ? { ...p, value: null } : p)) };
    }
    return r;
  });
}
