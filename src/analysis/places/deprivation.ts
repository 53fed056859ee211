/**
 * Crime and anti-social behaviour by the deprivation decile of the LSOA (IMD 2019 in England, WIMD 2019 in Wales;
 * 1 = the most deprived tenth nationally), as rates per 1,000 residents with PHE confidence limits, and the ratio of
 * the rate in the area's most deprived decile to its least deprived, with the exact conditional interval of a ratio
 * of two Poisson rates (R poisson.test: ../stats/poisson-test.ts). Decile counts add up to the area's total: a
 * linked table for disclosure (../disclosure.ts suppressLinkedTable), crime and ASB each.
 */
import type { Places } from '../../model/contract.js';
import type { PlacesGeography } from '../../model/places.js';
import { suppressLinkedTable } from '../disclosure.js';
import { comparePoissonCounts } from '../stats/poisson-test.js';
import { crudeRate } from '../stats/rates.js';
import { groupTotals, type TypeSelection } from './counts.js';
import { PER } from './wards.js';

type DecileRow = NonNullable<Places['deprivation']>[number];

interface Shown {
  count: number | null;
  value: number | null;
  ci95: { lower: number; upper: number } | null;
}

/** Counts by decile of one selection, published (suppressed as a linked table) with rates. */
function published(deciles: number[], totals: Map<number, { count: number; population: number; missingPopulation: number }>, threshold: number): Shown[] {
  const parts = deciles.map((d) => ({ key: String(d), count: totals.get(d)!.count }));
  const decisions = suppressLinkedTable({ parts, total: parts.reduce((s, p) => s + p.count, 0), threshold }).parts;
  return deciles.map((d, i) => {
    const t = totals.get(d)!;
    if (decisions[i]!.suppressed) return { count: null, value: null, ci95: null };
    if (t.missingPopulation > 0 || t.population === 0) return { count: t.count, value: null, ci95: null };
    const r = crudeRate(t.count, t.population, { multiplier: PER });
    return { count: t.count, value: r.value, ci95: { lower: r.lower, upper: r.upper } };
  });
}

/** The rate ratio most / least deprived decile, or null when either is suppressed or has no rate. */
function ratio(a: Shown, pa: number, b: Shown, pb: number): { value: number; ci95: { lower: number; upper: number } | null } | null {
  if (a.count === null || b.count === null || a.value === null || b.value === null || b.count === 0) return null;
  const t = comparePoissonCounts({ count: b.count, exposure: pb }, { count: a.count, exposure: pa });
  return { value: t.rateRatio!, ci95: Number.isFinite(t.upper) ? { lower: t.lower, upper: t.upper } : null };
}

/** The deprivation table and ratio; undefined without deciles for the area's LSOAs. */
export function deprivationTable(geo: PlacesGeography, counts: Map<string, Float64Array>, threshold: number): Pick<Places, 'deprivation' | 'deprivationRatio'> | undefined {
  const lsoas = [...counts.keys()];
  const totals = (which: TypeSelection) => groupTotals(lsoas, (l) => geo.deprivation.get(l), counts, geo.lsoaPopulation, which);
  const crime = totals('crime');
  const asb = totals('asb');
  const deciles = [...crime.keys()].sort((a, b) => a - b);
  if (deciles.length === 0) return undefined;
  const c = published(deciles, crime, threshold);
  const s = published(deciles, asb, threshold);
  const rows: DecileRow[] = deciles.map((d, i) => {
    const t = crime.get(d)!;
    return { decile: d, lsoas: t.lsoas, count: c[i]!.count, population: t.missingPopulation > 0 ? null : t.population, value: c[i]!.value, ci95: c[i]!.ci95, asbCount: s[i]!.count, asbValue: s[i]!.value, asbCi95: s[i]!.ci95 };
  });
  if (deciles.length < 2) return { deprivation: rows };
  const last = deciles.length - 1;
  const pop = (k: number) => crime.get(deciles[k]!)!.population;
  return {
    deprivation: rows,
    deprivationRatio: { crime: ratio(c[0]!, pop(0), c[last]!, pop(last)), asb: ratio(s[0]!, pop(0), s[last]!, pop(last)), deciles: [deciles[0]!, deciles[last]!] },
  };
}
