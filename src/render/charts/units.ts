/**
 * One unit per axis: every series a chart draws on a value axis declares its unit, and the chart refuses to put two
 * units on one axis (issue 12: an England and Wales rate per 1,000 residents was drawn on an axis of counts).
 */

/** A series drawn on a value axis, with the unit of its values ("reports", "per 1,000 residents", "%"). */
export interface AxisSeries {
  name: string;
  unit: string;
}

/** Thrown when a chart is asked to draw series of different units on one axis: a bug in the caller, not user input. */
export class MixedUnitsError extends Error {
  constructor(readonly axis: string, readonly series: readonly AxisSeries[]) {
    super(`one axis, one unit: ${axis} would mix ${[...new Set(series.map((s) => `"${s.unit}"`))].join(' and ')} (${series.map((s) => `${s.name}: ${s.unit}`).join('; ')})`);
    this.name = 'MixedUnitsError';
  }
}

/** The axis's one unit; throws MixedUnitsError when the series differ (or there are none). */
export function axisUnit(axis: string, series: readonly AxisSeries[]): string {
  const units = new Set(series.map((s) => s.unit));
  if (units.size !== 1) throw new MixedUnitsError(axis, series);
  return series[0]!.unit;
}

/**
 * The unit of an indicator's England and Wales figure: its own unit, except for counts (reports, cases), whose
 * benchmark is a rate per 1,000 residents (src/analysis/indicator.ts compares counts as rates).
 */
export function nationalUnit(indicator: { unit: string }): string {
  return indicator.unit === 'reports' || indicator.unit === 'count' ? 'per 1,000 residents' : indicator.unit;
}
