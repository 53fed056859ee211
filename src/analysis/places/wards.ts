/**
 * Crime by ward: counts from the LSOAs of each ward (ONS lookup), residents from the LSOA mid-year estimates, the
 * rate per 1,000 with its 95% CI (PHE: ../stats/rates.ts), and the comparison with the partnership average by the
 * funnel plot's limits (../stats/funnel.ts). A ward whose LSOAs lack a population has no rate: it is not guessed.
 *
 * Disclosure: ward counts add up to the partnership's total, so they are a linked table: primary and secondary
 * suppression (../disclosure.ts suppressLinkedTable) — a ward with 1–4 crimes is not shown, nor a second ward that
 * would give it back by subtraction.
 */
import type { Places } from '../../model/contract.js';
import type { PlacesGeography } from '../../model/places.js';
import { suppressLinkedTable } from '../disclosure.js';
import { crudeRate } from '../stats/rates.js';
import { funnelLimits } from '../stats/funnel.js';
import { groupTotals, selected, type TypeSelection } from './counts.js';

export type WardRow = NonNullable<Places['wards']>[number];

/** Rates per 1,000 residents, as the documents' other rates. */
export const PER = 1000;

interface WardTotal {
  code: string;
  name: string;
  count: number;
  population: number | null;
}

/** Each ward's count of the selected types and population (null when an LSOA of the ward has no estimate). */
export function wardTotals(geo: PlacesGeography, counts: Map<string, Float64Array>, which: TypeSelection): WardTotal[] {
  const names = new Map([...geo.lookup.values()].map((w) => [w.ward, w.wardName]));
  const totals = groupTotals(geo.lookup.keys(), (l) => geo.lookup.get(l)?.ward, counts, geo.lsoaPopulation, which);
  return [...totals]
    .map(([code, t]) => ({ code, name: names.get(code) ?? code, count: t.count, population: t.missingPopulation === 0 && t.population > 0 ? t.population : null }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.code < b.code ? -1 : 1));
}

/**
 * Each LSOA's crime (excluding ASB) and residents, for the LSOA map (config document.lsoaMap): the LSOAs of the
 * area's police.uk data, named as police.uk names them; no population when the estimates do not give one.
 */
export function lsoaTotals(geo: PlacesGeography, counts: Map<string, Float64Array>, names: ReadonlyMap<string, { name: string }>): WardTotal[] {
  return [...counts]
    .map(([code, c]) => ({ code, name: names.get(code)?.name ?? code, count: selected(c, 'crime'), population: geo.lsoaPopulation.get(code) ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || (a.code < b.code ? -1 : 1));
}

/** The comparison of a ward's rate with the target by the 95% and 99.8% funnel limits. */
function compare(count: number, population: number, target: number): Pick<WardRow, 'comparison' | 'beyond998'> {
  const rate = (count / population) * PER;
  const l95 = funnelLimits(target, population, 0.95, PER);
  const l998 = funnelLimits(target, population, 0.998, PER);
  const comparison = rate > l95.upper ? 'higher' : rate < l95.lower ? 'lower' : 'similar';
  return { comparison, beyond998: rate > l998.upper || rate < l998.lower };
}

/** The ward table and the partnership average; undefined without wards. */
export function wardTable(totals: readonly WardTotal[], threshold: number): { wards: WardRow[]; average?: Places['average'] } | undefined {
  if (totals.length === 0) return undefined;
  const total = totals.reduce((s, w) => s + w.count, 0);
  const published = suppressLinkedTable({ parts: totals.map((w) => ({ key: w.code, count: w.count })), total, threshold });
  const withPop = totals.filter((w) => w.population !== null);
  const popSum = withPop.reduce((s, w) => s + w.population!, 0);
  const countWithPop = withPop.reduce((s, w) => s + w.count, 0);
  const average = popSum > 0 ? { count: countWithPop, population: popSum, value: (countWithPop / popSum) * PER } : undefined;
  const wards = totals.map((w, i): WardRow => {
    const shown = !published.parts[i]!.suppressed;
    const base = { code: w.code, name: w.name, population: w.population, suppressed: !shown };
    if (!shown || w.population === null || !average) {
      return { ...base, count: shown ? w.count : null, value: null, ci95: null, comparison: 'not-compared', beyond998: false };
    }
    const r = crudeRate(w.count, w.population, { multiplier: PER });
    return { ...base, count: w.count, value: r.value, ci95: { lower: r.lower, upper: r.upper }, ...compare(w.count, w.population, average.value) };
  });
  return average ? { wards, average } : { wards };
}
