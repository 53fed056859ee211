/**
 * The trust property of issue 11: a random workspace, assembled the messy ways real folders are — force-months
 * removed, street files downloaded twice, LSOAs renamed (2011 → 2021 codes) — never yields a figure that differs
 * from the clean workspace's without a word saying why. Each figure of the perturbed assessment is either
 *   - the clean figure (same count and value), or
 *   - absent (null: not computed) with a note on the indicator saying the period is incomplete, or
 *   - refused: the whole run stops with a typed error (exit code 3 or 4, never 1);
 * and a month that was removed is always named, in a warning or in the JSON's coverage.
 *
 * The clean figure is counted here independently (from the generator's own rows), not taken from swp, so the
 * property also checks that the clean run is right.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAssessment } from '../../src/analysis/assessment.js';
import { loadWorkspace } from '../../src/ingest/workspace.js';
import { CRIME_TYPES, crimeTypeIndicatorId } from '../../src/model/data.js';
import { SwpError, type Warning } from '../../src/model/errors.js';
import { tempDir } from '../helpers.js';

const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const AREA = 'Castlebridge';
const CODE = 'E08099001';
const LSOAS = 8;
/** Two financial years: 2015/16 and the assessed 2016/17. */
const MONTHS = Array.from({ length: 24 }, (_, i) => {
  const m = 4 + i;
  return `${2015 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}`;
});
const YEAR_MONTHS = MONTHS.slice(12);
const TYPES = ['Anti-social behaviour', 'Burglary', 'Violence and sexual offences', 'Shoplifting', 'Criminal damage and arson'] as const;

interface Row {
  id: string;
  month: string;
  force: string;
  lsoa: number;
  type: (typeof TYPES)[number];
}

const lsoaCode = (k: number, renamed = false) => `E0${renamed ? '2' : '1'}099${String(k + 1).padStart(3, '0')}`;
const lsoaName = (k: number) => `${AREA} ${String(k + 1).padStart(3, '0')}A`;
let serial = 0;
const crimeId = () => (++serial).toString(16).padStart(64, '0');

/** One force-month's rows: `n` rows spread over LSOAs and types by a seeded walk (deterministic per seed). */
function rows(force: string, month: string, n: number, seed: number): Row[] {
  const out: Row[] = [];
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    const type = TYPES[s % TYPES.length]!;
    out.push({ id: type === 'Anti-social behaviour' ? '' : crimeId(), month, force, lsoa: (s >>> 8) % LSOAS, type });
  }
  return out;
}

function csv(list: Row[], renamedFrom?: string): string {
  const lines = list.map((r) => {
    const code = lsoaCode(r.lsoa, renamedFrom !== undefined && r.month >= renamedFrom && r.lsoa % 2 === 0);
    return `${r.id},${r.month},${r.force},${r.force},-1.0,52.0,On or near High Street,${code},${lsoaName(r.lsoa)},${r.type},,`;
  });
  return `${HEADER}\r\n${lines.join('\r\n')}\r\n`;
}

interface Scenario {
  seed: number;
  /** Rows per Midshire force-month (the force that covers the area). */
  volume: number;
  /** Midshire months removed from the tree (indexes into MONTHS). */
  removed: number[];
  /** Months in which British Transport Police also has rows in the area's LSOAs. */
  btp: number[];
  /** A Midshire month whose file is also kept in a second folder (a second download of the same month). */
  duplicated: number | null;
  /** From this month on, even-numbered LSOAs carry new (2021) codes under the same names. */
  renamedFrom: number | null;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  volume: fc.integer({ min: 40, max: 120 }),
  removed: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { maxLength: 3 }),
  btp: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { maxLength: 6 }),
  duplicated: fc.option(fc.integer({ min: 0, max: 23 }), { nil: null }),
  renamedFrom: fc.option(fc.integer({ min: 1, max: 23 }), { nil: null }),
});

/** Write the workspace; returns its folder and every row (of the clean assembly). */
function workspace(s: Scenario, perturbed: boolean): { dir: string; rows: Row[] } {
  const dir = tempDir('swp-prop-');
  const all: Row[] = [];
  serial = s.seed * 10_000;
  MONTHS.forEach((month, i) => {
    const mid = rows('Midshire Police', month, s.volume, s.seed + i);
    all.push(...mid);
    const folder = join(dir, 'crime', month);
    mkdirSync(folder, { recursive: true });
    const renamedFrom = perturbed && s.renamedFrom !== null ? MONTHS[s.renamedFrom] : undefined;
    if (!(perturbed && s.removed.includes(i))) writeFileSync(join(folder, `${month}-midshire-street.csv`), csv(mid, renamedFrom));
    if (s.btp.includes(i)) {
      const btp = rows('British Transport Police', month, 3, s.seed * 7 + i);
      all.push(...btp);
      writeFileSync(join(folder, `${month}-btp-street.csv`), csv(btp, renamedFrom));
    }
  });
  if (perturbed && s.duplicated !== null && !s.removed.includes(s.duplicated)) {
    const month = MONTHS[s.duplicated]!;
    mkdirSync(join(dir, 'crime-again', month), { recursive: true });
    cpSync(join(dir, 'crime', month, `${month}-midshire-street.csv`), join(dir, 'crime-again', month, `${month}-midshire-street.csv`));
  }
  writeFileSync(
    join(dir, 'population.csv'),
    `area_code,area_name,year,age_band,population\n${CODE},${AREA},2015,all,250000\n${CODE},${AREA},2016,all,252000\n`,
  );
  writeFileSync(
    join(dir, 'swp.config.yaml'),
    [
      'version: 1',
      `partnership: { name: ${AREA} Community Safety Partnership }`,
      `area: { name: ${AREA}, code: ${CODE} }`,
      'inputs:',
      `  policeUk: [crime${perturbed && s.duplicated !== null && !s.removed.includes(s.duplicated) ? ', crime-again' : ''}]`,
      '  population: [population.csv]',
      '',
    ].join('\n'),
  );
  return { dir, rows: all };
}

interface Outcome {
  refused?: SwpError;
  figures?: Map<string, { count: number | null; notes: string[] }>;
  coverage?: unknown;
  warnings: Warning[];
}

async function assess(dir: string): Promise<Outcome> {
  const warnings: Warning[] = [];
  try {
    const ws = await loadWorkspace(dir, { onWarning: (w) => warnings.push(w), latestMonth: '2026-11', displayBase: dir });
    const a = buildAssessment(ws, 2016, { dataAsAt: '2017-06-30', version: 'test' });
    const figures = new Map(a.indicators.map((i) => [i.id, { count: i.count, notes: i.notes }]));
    return { figures, coverage: (a as unknown as { coverage?: unknown }).coverage, warnings: [...warnings, ...a.warnings.map((m) => ({ message: m }))] };
  } catch (e) {
    if (e instanceof SwpError) return { refused: e, warnings };
    throw e;
  }
}

/** The independent count of an indicator over 2016/17 from the generator's rows. */
function expectedCount(all: Row[], id: string): number {
  const types = id === 'recorded-crime.all' ? TYPES.filter((t) => t !== 'Anti-social behaviour') : TYPES.filter((t) => crimeTypeIndicatorId(t as (typeof CRIME_TYPES)[number]) === id);
  return all.filter((r) => YEAR_MONTHS.includes(r.month) && (types as readonly string[]).includes(r.type)).length;
}

describe('property: a messy assembly never changes a figure without saying why', () => {
  it('removed force-months, second downloads and renamed LSOAs: same figure, or no figure with a note, or a typed refusal', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const clean = workspace(s, false);
        const messy = workspace(s, true);
        try {
          const a = await assess(clean.dir);
          expect(a.refused, a.refused?.message).toBeUndefined();
          // The clean assembly's figures are right (counted here from the generated rows).
          for (const id of ['recorded-crime.all', 'recorded-crime.burglary', 'anti-social-behaviour']) {
            expect(a.figures!.get(id)?.count, id).toBe(expectedCount(clean.rows, id));
          }
          const b = await assess(messy.dir);
          if (b.refused) {
            expect([3, 4]).toContain(b.refused.code);
            return;
          }
          const removedInYear = s.removed.filter((i) => i >= 12).map((i) => MONTHS[i]!);
          for (const [id, want] of a.figures!) {
            const got = b.figures!.get(id);
            if (got && got.count === want.count) continue;
            // A figure that changed must be absent, with a note on the indicator that says the period is incomplete.
            expect(got?.count ?? null, `${id}: ${want.count} became ${got?.count} with notes ${JSON.stringify(got?.notes)}`).toBeNull();
            expect(got?.notes.join(' ') ?? '', id).toMatch(/missing|incomplete|no police\.uk data/i);
          }
          // Every removed month of the year is named somewhere the reader sees: a warning or the JSON's coverage.
          const said = JSON.stringify(b.warnings) + JSON.stringify(b.coverage ?? null);
          for (const m of removedInYear) expect(said, `removed ${m}`).toContain(m);
        } finally {
          rmSync(clean.dir, { recursive: true, force: true });
          rmSync(messy.dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40, seed: 20261204, examples: [[{ seed: 7, volume: 60, removed: [15], btp: [15], duplicated: null, renamedFrom: null }]] },
    );
  }, 240_000);
});
