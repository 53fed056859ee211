/**
 * The "Where crime happens" figures of the demo assessment against an independent count of the demo's files: the
 * ward lookup, LSOA populations and IMD deciles (data/demo/geography) and the police.uk street files of 2016/17,
 * parsed here with csv-parse, not with swp's readers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/model/contract.js';
import { DEMO, demoJson } from './demo-json.js';

const rows = (file: string) => parse(readFileSync(join(DEMO, file)), { columns: true, bom: true }) as Record<string, string>[];

/** Crimes (no ASB) and ASB incidents by LSOA in Castlebridge's LSOAs over 2016-04 … 2017-03. */
function countStreetFiles(lsoas: Set<string>): { crime: Map<string, number>; asb: Map<string, number> } {
  const crime = new Map<string, number>();
  const asb = new Map<string, number>();
  const root = join(DEMO, 'crime/police-uk');
  for (const month of readdirSync(root).filter((m) => m >= '2016-04' && m <= '2017-03')) {
    for (const f of readdirSync(join(root, month)).filter((x) => x.endsWith('-street.csv'))) {
      for (const r of parse(readFileSync(join(root, month, f)), { columns: true, bom: true }) as Record<string, string>[]) {
        const code = r['LSOA code']!;
        if (!lsoas.has(code)) continue;
        const m = r['Crime type'] === 'Anti-social behaviour' ? asb : crime;
        m.set(code, (m.get(code) ?? 0) + 1);
      }
    }
  }
  return { crime, asb };
}

let a: Assessment;
let lookup: Record<string, string>[];
let pop: Map<string, number>;
let decile: Map<string, number>;
let counts: ReturnType<typeof countStreetFiles>;

beforeAll(async () => {
  a = (await demoJson()).assessment;
  lookup = rows('geography/lsoa11-ward17-lad17-lookup.csv').filter((r) => r['LAD17CD'] === 'E08099001');
  pop = new Map(rows('geography/lsoa-population-mid-2016.csv').map((r) => [r['LSOA Code']!, Number(r['All Ages'])]));
  decile = new Map(rows('geography/imd2019-file7.csv').map((r) => [r['LSOA code (2011)']!, Number(r['Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)'])]));
  counts = countStreetFiles(new Set(lookup.map((r) => r['LSOA11CD']!)));
}, 240_000);

const sum = (codes: string[], m: Map<string, number>) => codes.reduce((s, c) => s + (m.get(c) ?? 0), 0);

describe('demo: where crime happens', () => {
  it('every ward of the lookup, with its count, population and rate per 1,000 as counted here', () => {
    const wards = new Map<string, string[]>();
    for (const r of lookup) wards.set(r['WD17CD']!, [...(wards.get(r['WD17CD']!) ?? []), r['LSOA11CD']!]);
    const got = a.places!.wards!;
    expect(got.map((w) => w.code).sort()).toEqual([...wards.keys()].sort());
    for (const w of got) {
      const lsoas = wards.get(w.code)!;
      const n = sum(lsoas, counts.crime);
      const p = sum(lsoas, pop);
      expect(w.population).toBe(p);
      // Every demo ward has hundreds of crimes: none is suppressed.
      expect(w.suppressed).toBe(false);
      expect(w.count).toBe(n);
      expect(w.value!).toBeCloseTo((n / p) * 1000, 9);
      expect(w.ci95!.lower).toBeLessThan(w.value!);
      expect(w.ci95!.upper).toBeGreaterThan(w.value!);
    }
    const total = sum(lookup.map((r) => r['LSOA11CD']!), counts.crime);
    expect(a.places!.average!.value).toBeCloseTo((total / sum(lookup.map((r) => r['LSOA11CD']!), pop)) * 1000, 9);
  });

  it('crime and ASB by IMD decile, as counted here, and the most/least deprived ratio', () => {
    const byDecile = new Map<number, string[]>();
    for (const r of lookup) {
      const d = decile.get(r['LSOA11CD']!)!;
      byDecile.set(d, [...(byDecile.get(d) ?? []), r['LSOA11CD']!]);
    }
    const got = a.places!.deprivation!;
    expect(got.map((d) => d.decile)).toEqual([...byDecile.keys()].sort((x, y) => x - y));
    for (const d of got) {
      const lsoas = byDecile.get(d.decile)!;
      expect(d.lsoas).toBe(lsoas.length);
      expect(d.population).toBe(sum(lsoas, pop));
      expect(d.count).toBe(sum(lsoas, counts.crime));
      expect(d.asbCount).toBe(sum(lsoas, counts.asb));
      expect(d.value!).toBeCloseTo((d.count! / d.population!) * 1000, 9);
    }
    const first = got[0]!;
    const last = got[got.length - 1]!;
    expect(a.places!.deprivationRatio!.crime!.value).toBeCloseTo(first.value! / last.value!, 9);
  });

  it('the attractor list: counts of "On or near …" points, most first, none below the threshold', () => {
    const locs = a.places!.locations!;
    expect(locs.length).toBeGreaterThan(0);
    expect(locs.every((l) => l.count >= 5 && l.location.startsWith('On or near '))).toBe(true);
    expect(locs.map((l) => l.count)).toEqual([...locs.map((l) => l.count)].sort((x, y) => y - x));
    // The first location's count, counted here.
    const root = join(DEMO, 'crime/police-uk');
    let n = 0;
    for (const month of readdirSync(root).filter((m) => m >= '2016-04' && m <= '2017-03')) {
      for (const f of readdirSync(join(root, month)).filter((x) => x.endsWith('-street.csv'))) {
        for (const r of parse(readFileSync(join(root, month, f)), { columns: true }) as Record<string, string>[]) {
          if (r['LSOA code'] === locs[0]!.lsoa && r['Location'] === locs[0]!.location && r['Crime type'] !== 'Anti-social behaviour') n++;
        }
      }
    }
    expect(locs[0]!.count).toBe(n);
  });

  it('the maps are listed with a text alternative that names the wards with the highest rates', () => {
    const maps = a.places!.maps!;
    expect(maps.map((m) => m.id)).toEqual(expect.arrayContaining(['ward-rates', 'hotspots']));
    const top = [...a.places!.wards!].filter((w) => w.value !== null).sort((x, y) => y.value! - x.value!)[0]!;
    expect(maps.find((m) => m.id === 'ward-rates')!.alt).toContain(`highest rates in ${top.name}`);
  });
});
