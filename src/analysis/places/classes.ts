/**
 * Class breaks for a choropleth map: quantiles (equal numbers of areas per class), the usual choice for small-area
 * maps where rates are skewed (ONS and Fingertips maps use quantiles). Breaks are R's default quantile (type 7,
 * Hyndman & Fan 1996), as d3-array's `quantileSorted` computes it; repeated breaks are dropped, so a map of few
 * areas or many equal values has fewer classes rather than empty ones.
 */
import { quantileSorted } from 'd3-array';

/** The inner breaks of `classes` quantile classes of `values` (non-finite values are ignored). */
export function quantileBreaks(values: readonly number[], classes = 5): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const out: number[] = [];
  for (let k = 1; k < classes; k++) {
    const b = quantileSorted(sorted, k / classes)!;
    if (b > sorted[0]! && b < sorted[sorted.length - 1]! && (out.length === 0 || b > out[out.length - 1]!)) out.push(b);
  }
  return out;
}

/** The class (0-based) of a value: how many breaks lie below it (a value equal to a break is in the lower class). */
export function classOf(value: number, breaks: readonly number[]): number {
  let k = 0;
  while (k < breaks.length && value > breaks[k]!) k++;
  return k;
}
