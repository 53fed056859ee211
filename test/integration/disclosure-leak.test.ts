/**
 * Property: whatever the hidden-crime counts, no count from 1 to threshold − 1 of an indicator under disclosure
 * control reaches the assessment or the quarterly report (JSON contract, which every other output is rendered from).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAssessment } from '../../src/analysis/assessment.js';
import { protectionOf } from '../../src/analysis/disclosure-plan.js';
import { buildReport } from '../../src/analysis/report.js';
import type { Workspace } from '../../src/ingest/workspace.js';
import { configSchema } from '../../src/model/config.js';
import type { IndicatorResult, Report } from '../../src/model/contract.js';
import type { MeasureRow } from '../../src/model/data.js';
import { shippedHarmWeights } from '../../src/ingest/formats/harm-weights.js';
import { createChartSet } from '../../src/render/charts-adapter.js';
import { renderAssessmentHtml, renderReportHtml } from '../../src/render/document.js';
import { assessmentTables, reportTables, tableToCsv } from '../../src/render/export/index.js';
import { rank } from '../rank.js';

const QUARTERS = ['04', '07', '10', '01'];
const harmWeights = await shippedHarmWeights();

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
  return { root: '/', configFile: '/swp.config.yaml', config, police: undefined, homeOffice: [], measures, population, planReview: [], consultation: [], scores: [], summaries: [], reference: { harmWeights } };
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

// ---------------------------------------------------------------------------------------------------------------------
// Every output: JSON, the CSV/xlsx data tables, the HTML; and every figure of a year across its four reports.

const COUNT_COLUMNS = new Set(['count', 'previous_count', 'quarter_count', 'last_year_quarter_count', 'ytd_count', 'last_ytd_count']);
// Hidden-crime reports are counts: their value is the count.
const VALUE_COLUMNS = new Set(['value', 'previous_value', 'quarter_value', 'last_year_quarter_value', 'ytd_value', 'last_ytd_value']);

/** The text cells of every HTML table row that mentions `label`. */
function htmlRowsOf(html: string, label: string): string[][] {
  return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
    .map((m) => m[1]!)
    .filter((row) => row.includes(label))
    .map((row) => [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()));
}

describe('no output carries a small count of a protected indicator', () => {
  it('JSON, data tables (CSV and the workbook are written from them), CSV text and HTML, for random quarterly counts', () => {
    const ctx = { config: configSchema.parse({ partnership: { name: 'Test CSP' }, area: { name: 'Testham', code: 'E08099001' }, inputs: { population: ['p.csv'] } }), workspaceRoot: '/nonexistent', displayBase: '/' };
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 9 }), { minLength: 12, maxLength: 12 }), { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 2, max: 8 }),
        fc.constantFrom(1, 2, 3, 4),
        (counts, threshold, quarter) => {
          const ws = workspace(counts, threshold);
          ws.config.strategicPriorities = [{ id: 'hidden', label: 'Hidden harm', indicators: counts.map((_, k) => `hidden.kind-${k}`) }];
          const small = (n: unknown) => typeof n === 'number' && n >= 1 && n < threshold;
          const smallText = (s: string) => /^\d+$/.test(s.replace(/,/g, '')) && small(Number(s.replace(/,/g, '')));
          const a = buildAssessment(ws, 2016, { dataAsAt: '2017-06-30', version: 'test' });
          const r = buildReport(ws, { startYear: 2016, quarter: quarter as 1 | 2 | 3 | 4 }, { dataAsAt: '2017-06-30', version: 'test' });
          const ids = counts.map((_, k) => `hidden.kind-${k}`);
          // JSON: every count-like field.
          for (const ind of [...a.indicators, ...r.indicators]) for (const n of publishedCounts(ind)) expect(small(n), `${ind.id}: ${n}`).toBe(false);
          for (const row of r.rows) for (const c of [row.quarter, row.yearToDate, row.lastYearQuarter, row.lastYearToDate]) expect(small(c.count)).toBe(false);
          // Data tables, and the CSV text written from them.
          for (const table of [...assessmentTables(a), ...reportTables(r)]) {
            const watched = table.columns.flatMap((c, j) => (COUNT_COLUMNS.has(c.key) || VALUE_COLUMNS.has(c.key) ? [j] : []));
            for (const row of table.rows) {
              if (!ids.includes(String(row[0]))) continue;
              for (const j of watched) expect(small(row[j]), `${table.id}.${table.columns[j]!.key}: ${row[j]}`).toBe(false);
            }
            const lines = tableToCsv(table).split(/\r?\n/);
            for (const line of lines) {
              const fields = line.split(',');
              if (!ids.includes(fields[0]!)) continue;
              for (const j of watched) expect(smallText(fields[j] ?? ''), `${table.id} CSV: ${line}`).toBe(false);
            }
          }
          // HTML: no table cell of a protected indicator's rows is a small whole number.
          const charts = createChartSet('Testham');
          const html = [
            renderAssessmentHtml({ assessment: a, config: ws.config, planReview: [], consultation: [], scoring: null, charts, dataNotes: [] }, ctx),
            renderReportHtml({ report: r, config: ws.config, charts: createChartSet('Testham') }, ctx),
          ];
          for (const doc of html) {
            for (const k of counts.keys()) {
              for (const cells of htmlRowsOf(doc, `Kind ${k} reports`)) for (const c of cells) expect(smallText(c), `HTML row ${cells.join(' | ')}`).toBe(false);
            }
          }
          // Findings print counts in words: "Kind 0 reports: 3 in 2016/17", "(5 to 7)".
          for (const ind of [...a.indicators, ...r.indicators]) {
            for (const m of ind.finding.matchAll(/: ([\d,]+) in |\(([\d,]+) to ([\d,]+)\)/g)) for (const g of m.slice(1)) if (g) expect(smallText(g), ind.finding).toBe(false);
          }
        },
      ),
      { seed: 23, numRuns: 40 },
    );
  });

  it('across the four quarterly reports of a year, the next year’s reports and the assessments: no suppressed quarter can be worked out', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat({ max: 6 }), fc.nat({ max: 30 })), { minLength: 12, maxLength: 12 }), fc.integer({ min: 2, max: 8 }), (series, threshold) => {
        const ws = workspace([series], threshold);
        ws.config.strategicPriorities = [{ id: 'hidden', label: 'Hidden harm', indicators: ['hidden.kind-0'] }];
        // published[year][Qk | Yk] (Y4 = the year's total), from every document that prints a figure of that year.
        const published = new Map<number, Map<string, number>>();
        const publish = (year: number, key: string, n: number | null | undefined) => {
          if (n === null || n === undefined) return;
          const m = published.get(year) ?? new Map<string, number>();
          published.set(year, m);
          if (m.has(key)) expect(m.get(key), `${year} ${key}`).toBe(n);
          m.set(key, n);
        };
        const opts = { dataAsAt: '2017-06-30', version: 'test' };
        for (const y of [2015, 2016]) {
          for (const q of [1, 2, 3, 4] as const) {
            const r = buildReport(ws, { startYear: y, quarter: q }, opts);
            const row = r.rows.find((x) => x.id === 'hidden.kind-0')!;
            publish(y, `Q${q}`, row.quarter.count);
            publish(y, `Y${q}`, row.yearToDate.count);
            publish(y - 1, `Q${q}`, row.lastYearQuarter.count);
            publish(y - 1, `Y${q}`, row.lastYearToDate.count);
            const ind = r.indicators.find((x) => x.id === 'hidden.kind-0')!;
            publish(y, `Y${q}`, ind.count);
            publish(y - 1, `Y${q}`, ind.previous?.count);
          }
          const a = buildAssessment(ws, y, opts).indicators.find((x) => x.id === 'hidden.kind-0')!;
          publish(y, 'Y4', a.count);
          publish(y - 1, 'Y4', a.previous?.count);
          for (const p of a.trend?.points ?? []) publish(Number(p.period.start.slice(0, 4)), 'Y4', p.count);
        }
        for (const [y, m] of published) {
          const truth = series.slice((y - 2014) * 4, (y - 2014) * 4 + 4);
          const hidden = [0, 1, 2, 3].filter((i) => !m.has(`Q${i + 1}`));
          for (const [key, n] of m) expect(n >= 1 && n < threshold, `${y} ${key} = ${n} published`).toBe(false);
          const eqs = [1, 2, 3, 4].filter((k) => m.has(`Y${k}`)).map((k) => hidden.map((i) => (i < k ? 1 : 0)));
          const base = eqs.length && hidden.length ? rank(eqs) : 0;
          for (let mask = 1; mask < 1 << hidden.length; mask++) {
            const v = hidden.map((_, j) => ((mask >> j) & 1 ? 1 : 0));
            if (rank([...eqs, v]) !== base) continue;
            const sum = hidden.reduce((s, i, j) => s + (v[j] ? truth[i]! : 0), 0);
            expect(sum >= 1 && sum < threshold, `${y}: quarters ${truth} publish ${JSON.stringify([...m])}; a sum ${sum} can be worked out`).toBe(false);
          }
        }
      }),
      { seed: 29, numRuns: 150 },
    );
  });
});

