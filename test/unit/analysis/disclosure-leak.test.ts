/**
 * Property: whatever the hidden-crime counts, no count from 1 to threshold − 1 of an indicator under disclosure
 * control reaches the assessment or the quarterly report (JSON contract, which every other output is rendered from).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAssessment } from '../../../src/analysis/assessment.js';
import { protectionOf } from '../../../src/analysis/disclosure-plan.js';
import { buildReport } from '../../../src/analysis/report.js';
import type { Workspace } from '../../../src/ingest/workspace.js';
import { configSchema } from '../../../src/model/config.js';
import type { IndicatorResult, Report } from '../../../src/model/contract.js';
import type { MeasureRow } from '../../../src/model/data.js';

const QUARTERS = ['04', '07', '10', '01'];

/** A workspace with quarterly hidden-crime counts for three financial years, and nothing else. */
function workspace(counts: number[][], threshold: number): Workspace {
  const config = configSchema.parse({
    partnership: { name: 'Test CSP' },
    area: { name: 'Testham', code: 'E08099001' },
    inputs: { population: ['p.csv'] },
    disclosure: { threshold },
  });
  const measures: MeasureRow[] = [];
  counts.forEach((series, k) => {
    series.forEach((n, i) => {
      const fy = 2014 + Math.floor(i / 4);
      const q = QUARTERS[i % 4]!;
      const year = q === '01' ? fy + 1 : fy;
      const endMonth = Number(q) + 2;
      const end = new Date(Date.UTC(year, endMonth, 0)).toISOString().slice(0, 10);
      measures.push({
        indicator: `hidden.kind-${k}`, areaCode: 'E08099001', areaName: 'Testham', periodStart: `${year}-${q}-01`, periodEnd: end,
        numerator: n, denominator: null, reoffences: null, source: { file: 'm.csv', line: i + 2 },
      });
    });
  });
  const population = [2013, 2014, 2015, 2016].map((year) => ({ areaCode: 'E08099001', areaName: 'Testham', year, ageBand: 'all', population: 100_000, source: { file: 'p.csv', line: 2 } }));
  return { root: '/', configFile: '/swp.config.yaml', config, police: undefined, homeOffice: [], measures, population, planReview: [], consultation: [], scores: [], summaries: [] };
}

/** Every count-like number an indicator publishes. */
function publishedCounts(r: IndicatorResult): (number | null)[] {
  return [r.count, r.previous?.count ?? null, ...(r.trend?.points.map((p) => p.count) ?? []), ...(r.spc?.points.map((p) => p.value) ?? [])];
}

describe('disclosure control never leaks a small count', () => {
  it('holds for random quarterly counts (assessment and report)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 12 }), { minLength: 12, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 2, max: 10 }),
        (counts, threshold) => {
          const ws = workspace(counts, threshold);
          const small = (n: number | null) => n !== null && n >= 1 && n < threshold;
          const a = buildAssessment(ws, 2016, { dataAsAt: '2017-06-30', version: 'test' });
          const r: Report = buildReport(ws, { startYear: 2016, quarter: 3 }, { dataAsAt: '2017-06-30', version: 'test' });
          for (const ind of [...a.indicators, ...r.indicators]) {
            // Protected without being named in the config: every measures indicator is.
            expect(protectionOf(ind.id, 'measures', ws.config.disclosure).protected).toBe(true);
            for (const n of publishedCounts(ind)) expect(small(n), `${ind.id}: ${n}`).toBe(false);
            // A suppressed count takes its derived figures with it.
            if (ind.count === null && ind.suppressed) expect([ind.value, ind.ci95, ind.change]).toEqual([null, null, null]);
          }
          for (const row of r.rows) {
            for (const cell of [row.quarter, row.yearToDate, row.lastYearQuarter, row.lastYearToDate]) expect(small(cell.count)).toBe(false);
          }
        },
      ),
      { seed: 7, numRuns: 150 },
    );
  });
});
