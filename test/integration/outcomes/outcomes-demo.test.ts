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

/** Independent counts: type → [charged, noSuspect, outOfCourt, open, other, total], for Castlebridge and for Midshire. */
function independentCounts(): { area: Map<string, number[]>; force: Map<string, number[]>; recentOpen: number; recentTotal: number } {
  const months = readdirSync(TREE).filter((m) => m >= '2016-04' && m <= '2017-03').sort();
  const crimes = new Map<string, { type: string; month: string; area: boolean; cat: string | null; from: string }>();
  for (const m of months) {
    for (const r of csv(join(TREE, m, `${m}-midshire-street.csv`))) {
      if (r['Crime type'] === 'Anti-social behaviour' || crimes.has(r['Crime ID']!)) continue;
      crimes.set(r['Crime ID']!, { type: r['Crime type']!, month: m, area: /^Castlebridge \d{3}[A-Z]$/.test(r['LSOA name']!), cat: category(r['Last outcome category']!), from: '' });
    }
  }
  const outcomeMonths = readdirSync(TREE).filter((m) => m >= '2016-04').sort();
  for (const m of outcomeMonths) {
    for (const r of csv(join(TREE, m, `${m}-midshire-outcomes.csv`))) {
      const c = crimes.get(r['Crime ID']!);
      if (!c || r['Month']! < c.from) continue;
      c.cat = category(r['Outcome type']!);
      c.from = r['Month']!;
    }
  }
  const area = new Map<string, number[]>();
  const force = new Map<string, number[]>();
  let recentOpen = 0;
  let recentTotal = 0;
  for (const c of crimes.values()) {
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
