/**
 * Counts by LSOA and crime type over the months of a year, from the police.uk data as read (src/ingest), and the
 * sums over groups of LSOAs (wards, deprivation deciles) the chapter needs.
 */
import { ASB_INDEX, CRIME_TYPES, monthComplete, type PoliceUkData } from '../../model/data.js';

const N = CRIME_TYPES.length;

/** Each LSOA's counts by crime type (index as CRIME_TYPES) over `months`; undefined if a month is not complete. */
export function lsoaTypeCounts(data: PoliceUkData, months: readonly string[]): Map<string, Float64Array> | undefined {
  if (!months.every((m) => monthComplete(data, m))) return undefined;
  const rows = months.map((m) => data.lsoaMonths.indexOf(m)).filter((k) => k >= 0);
  const out = new Map<string, Float64Array>();
  for (const [code, l] of data.byLsoa) {
    const c = new Float64Array(N);
    for (const k of rows) for (let t = 0; t < N; t++) c[t]! += l.counts[k * N + t] ?? 0;
    out.set(code, c);
  }
  return out;
}

/** Which crime types a figure counts: all crime (no ASB), ASB alone, or a list of types. */
export type TypeSelection = 'crime' | 'asb' | readonly number[];

/** The count of the selected types in one LSOA's counts. */
export function selected(counts: Float64Array | undefined, which: TypeSelection): number {
  if (!counts) return 0;
  if (which === 'asb') return counts[ASB_INDEX]!;
  if (which === 'crime') return counts.reduce((s, v, t) => (t === ASB_INDEX ? s : s + v), 0);
  return which.reduce((s, t) => s + counts[t]!, 0);
}

/** Sum a selection of types and the populations over groups of LSOAs (`groupOf` gives each LSOA's group or undefined). */
export function groupTotals<K>(
  lsoas: Iterable<string>,
  groupOf: (lsoa: string) => K | undefined,
  counts: Map<string, Float64Array>,
  population: Map<string, number>,
  which: TypeSelection,
): Map<K, { count: number; population: number; lsoas: number; missingPopulation: number }> {
  const out = new Map<K, { count: number; population: number; lsoas: number; missingPopulation: number }>();
  for (const lsoa of lsoas) {
    const g = groupOf(lsoa);
    if (g === undefined) continue;
    let t = out.get(g);
    if (!t) out.set(g, (t = { count: 0, population: 0, lsoas: 0, missingPopulation: 0 }));
    t.count += selected(counts.get(lsoa), which);
    t.lsoas++;
    const p = population.get(lsoa);
    if (p === undefined) t.missingPopulation++;
    else t.population += p;
  }
  return out;
}
