/**
 * Outcomes end to end: the demo assessment's `outcomes` and `outcomesInfo` (through the shared demo run) against an
 * independent count of the demo's files: csv-parse over the Midshire street files of 2016/17 and every Midshire
 * outcomes file from April 2016, joined here on Crime ID (latest month wins, then the later row), outcome names
 * grouped by patterns written here, Castlebridge by its LSOA names.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers.js';
import { demoJson } from '../demo-json.js';

const TREE = join(ROOT, 'data/demo/crime/police-uk');
type Row = Record<string, string>;
const csv = (path: string): Row[] => parse(readFileSync(path), { columns: true, bom: true });
const CATS = ['charged', 'noSuspect', 'outOfCourt', 'open', 'other'] as const;

/** The category of an outcome name, by the rules of issue 14 written as patterns (not swp's table). */
function category(name: string): (typeof CATS)[number] | null {
  if (name === '') return null;
  if (name === 'Under investigation') return 'open';
  if (name === 'Investigation complete; no suspect identified') return 'noSuspect';
  if (/caution|resolution|penalty notice|possession warning|cannabis/i.test(name)) return 'outOfCourt';
  if (/charged|court|^Defendant|^Offender (sent|fined|ordered|deprived|otherwise|given (suspended|community|conditional|absolute))/i.test(name)) return 'charged';
  return 'other';
}

interface Crime {
  type: string;
  month: string;
  area: boolean;
  cat: string | null;
  from: string;
}

/** The Midshire crimes of months `first` to `last` with their latest outcome, joined here. */
function joined(first: string, last: string): Crime[] {
  const months = readdirSync(TREE).filter((m) => m >= first && m <= last).sort();
  const crimes = new Map<string, Crime>();
  for (const m of months) {
    for (const r of csv(join(TREE, m, `${m}-midshire-street.csv`))) {
      if (r['Crime type'] === 'Anti-social behaviour' || crimes.has(r['Crime ID']!)) continue;
      crimes.set(r['Crime ID']!, { type: r['Crime type']!, month: m, area: /^Castlebridge \d{3}[A-Z]$/.test(r['LSOA name']!), cat: category(r['Last outcome category']!), from: '' });
    }
  }
  for (const m of readdirSync(TREE).filter((x) => x >= first).sort()) {
    for (const r of csv(join(TREE, m, `${m}-midshire-outcomes.csv`))) {
      const c = crimes.get(r['Crime ID']!);
      if (!c || r['Month']! < c.from) continue;
      c.cat = category(r['Outcome type']!);
      c.from = r['Month']!;
    }
  }
  return [...crimes.values()];
}

/** Independent counts: type → [charged, noSuspect, outOfCourt, open, other, total], for Castlebridge and for Midshire. */
function independentCounts(): { area: Map<string, number[]>; force: Map<string, number[]>; recentOpen: number; recentTotal: number } {
  const crimes = joined('2016-04', '2017-03');
  const area = new Map<string, number[]>();
  const force = new Map<string, number[]>();
  let recentOpen = 0;
  let recentTotal = 0;
  for (const c of crimes) {
    if (c.cat === null) continue;
    for (const [map, keep] of [[force, true], [area, c.area]] as const) {
      if (!keep) continue;
      for (const type of [c.type, 'All crime']) {
        const t = map.get(type) ?? [0, 0, 0, 0, 0, 0];
        t[CATS.indexOf(c.cat as (typeof CATS)[number])]!++;
        t[5]!++;
        map.set(type, t);
      }
    }
    if (c.area && c.month >= '2017-01') {
      recentTotal++;
      if (c.cat === 'open') recentOpen++;
    }
  }
  return { area, force, recentOpen, recentTotal };
}

describe('outcomes of the demo assessment', () => {
  it('equal an independent join and count of the demo street and outcomes files, for Castlebridge and Midshire', async () => {
    const { assessment } = await demoJson();
    const rows = assessment.outcomes!;
    const expected = independentCounts();
    expect(assessment.outcomesInfo!.forces).toEqual(['Midshire Police']);
    expect(rows[0]!.crimeType).toBe('All crime');
    expect(rows.map((r) => r.crimeType).slice(1).sort()).toEqual([...expected.force.keys()].filter((k) => k !== 'All crime').sort());
    let shown = 0;
    for (const r of rows) {
      for (const [level, counts] of [[r, expected.area.get(r.crimeType)!], [r.force, expected.force.get(r.crimeType)!]] as const) {
        if (level.total !== null) expect(level.total).toBe(counts[5]);
        CATS.forEach((c, i) => {
          const got = level[c];
          if (got.count === null) return;
          shown++;
          expect(got.count, `${r.crimeType} ${c}`).toBe(counts[i]);
          expect(got.share!).toBeCloseTo((counts[i]! / counts[5]!) * 100, 9);
        });
      }
    }
    // Most cells are published; the all-crime row in full.
    expect(shown).toBeGreaterThan(rows.length * 2 * 5 * 0.8);
    CATS.forEach((c, i) => expect(rows[0]![c].count).toBe(expected.area.get('All crime')![i]));
    expect(assessment.outcomesInfo!.recent.total).toBe(expected.recentTotal);
    expect(assessment.outcomesInfo!.recent.open.count).toBe(expected.recentOpen);
  });
});

describe("the demo report's charged share", () => {
  it('equals an independent count for 2016/17 Q3, the year to date and the same periods of 2015/16, for Castlebridge and Midshire', async () => {
    const { report } = await demoJson();
    const c = report.chargeRate!;
    const crimes = joined('2015-04', '2016-12');
    const count = (start: string, end: string, area: boolean) => {
      const kept = crimes.filter((x) => x.month >= start && x.month <= end && x.cat !== null && (!area || x.area));
      return { charged: kept.filter((x) => x.cat === 'charged').length, total: kept.length };
    };
    const periods = { quarter: ['2016-10', '2016-12'], yearToDate: ['2016-04', '2016-12'], lastYearQuarter: ['2015-10', '2015-12'], lastYearToDate: ['2015-04', '2015-12'] } as const;
    for (const [level, area] of [['partnership', true], ['force', false]] as const) {
      for (const [k, [start, end]] of Object.entries(periods) as Array<[keyof typeof periods, readonly [string, string]]>) {
        const want = count(start, end, area);
        const got = c[level][k];
        expect([got.charged, got.total], `${level} ${k}`).toEqual([want.charged, want.total]);
        expect(got.share!).toBeCloseTo((want.charged / want.total) * 100, 9);
      }
    }
    expect(c.polarity).toBe('higher-is-better');
  });
});
