import { describe, expect, it } from 'vitest';

import { assessmentTables, reportTables, type DataTable } from '../../../../src/render/export/index.js';
import { smallAssessment, smallReport } from './fixtures.js';

/** Every row starts with the area code, area name and document period; a table's own first column follows. */
const OWN = 3;

/** The row's cells after the area and period that lead every row. */
const own = (t: DataTable) => t.rows.map((r) => r.slice(OWN));

/** The cell of a table as a reader sees it: the value, or the symbol. A row is found by its own first cell. */
function cell(t: DataTable, rowKey: string | number, columnKey: string): string | number {
  const c = t.columns.findIndex((x) => x.key === columnKey);
  expect(c, `column ${columnKey} in ${t.id}`).toBeGreaterThanOrEqual(0);
  const r = typeof rowKey === 'number' ? rowKey : t.rows.findIndex((row) => row[OWN] === rowKey);
  expect(r, `row ${rowKey} in ${t.id}`).toBeGreaterThanOrEqual(0);
  const v = t.rows[r]![c]!;
  return v === null ? t.symbols[r]![c]! : v;
}

function table(tables: DataTable[], id: string): DataTable {
  const t = tables.find((x) => x.id === id);
  expect(t, `table ${id}`).toBeDefined();
  return t!;
}

/** Every table is well formed: sheet-safe unique ids, rectangular rows, a symbol exactly where a value is null. */
function expectWellFormed(tables: DataTable[]): void {
  const ids = tables.map((t) => t.id.toLowerCase());
  expect(new Set(ids).size).toBe(ids.length);
  for (const t of tables) {
    expect(t.id).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,30}$/);
    expect(t.title.length).toBeGreaterThan(0);
    expect(t.description.length).toBeGreaterThan(0);
    expect(t.rows.length).toBeGreaterThan(0);
    expect(new Set(t.columns.map((c) => c.key)).size).toBe(t.columns.length);
    expect(t.symbols.length).toBe(t.rows.length);
    t.rows.forEach((row, r) => {
      expect(row.length).toBe(t.columns.length);
      row.forEach((v, c) => {
        const s = t.symbols[r]![c];
        if (v === null) expect(['[c]', '[x]', '[z]']).toContain(s);
        else expect(s).toBeNull();
        if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      });
    });
  }
}

describe('assessmentTables', () => {
  const tables = assessmentTables(smallAssessment());

  it('derives every table the assessment needs, well formed', () => {
    expect(tables.map((t) => t.id)).toEqual(['indicators', 'trend_by_year', 'spc_monthly', 'spc_limits', 'spc_signals', 'harm', 'priority_scores', 'priority_criteria']);
    expectWellFormed(tables);
  });

  it('leads every row of every table with the area code, area name and period', () => {
    for (const t of tables) {
      expect(t.columns.slice(0, OWN).map((c) => c.key)).toEqual(['area_code', 'area_name', 'document_period']);
      for (const row of t.rows) expect(row.slice(0, OWN)).toEqual(['E08099001', 'Castlebridge', '2016/17']);
    }
  });

  it('gives rates at the published precision (1 decimal) with the unrounded value beside them', () => {
    const t = table(tables, 'indicators');
    // 84.657… published as 84.7, 83.549… as 83.5, 85.776… as 85.8, 83.028… as 83.0 (round half away from zero).
    expect(cell(t, 'recorded-crime.all', 'value')).toBe(84.7);
    expect(cell(t, 'recorded-crime.all', 'value_unrounded')).toBe(84.65727085842829);
    expect(cell(t, 'recorded-crime.all', 'ci_lower')).toBe(83.5);
    expect(cell(t, 'recorded-crime.all', 'ci_lower_unrounded')).toBe(83.54923300941705);
    expect(cell(t, 'recorded-crime.all', 'ci_upper')).toBe(85.8);
    expect(cell(t, 'recorded-crime.all', 'benchmark_value')).toBe(83);
    expect(cell(t, 'recorded-crime.all', 'benchmark_value_unrounded')).toBe(83.02806470850459);
    const keys = t.columns.map((c) => c.key);
    expect(keys.indexOf('value_unrounded')).toBe(keys.indexOf('value') + 1);
    expect(t.columns.find((c) => c.key === 'value_unrounded')?.decimals).toBeUndefined();
  });

  it('keeps other numbers raw, at full precision', () => {
    const t = table(tables, 'indicators');
    expect(cell(t, 'recorded-crime.all', 'count')).toBe(22279);
    expect(cell(t, 'recorded-crime.all', 'change_p_value')).toBe(0.03548835250221442);
    expect(cell(t, 'recorded-crime.all', 'trend_p_value')).toBe(7.012485597403128e-15);
    expect(cell(t, 'recorded-crime.all', 'comparison')).toBe('worse');
    expect(cell(t, 'recorded-crime.all', 'target')).toBe(80);
    expect(cell(t, 'recorded-crime.all', 'force_area')).toBe('Midshire Police');
    expect(cell(t, 'recorded-crime.all', 'force_value')).toBe(79.5);
    expect(cell(t, 'recorded-crime.all', 'force_comparison')).toBe('worse');
    expect(cell(t, 'treatment.completions', 'force_area')).toBe('[x]');
    expect(cell(t, 'hidden.forced-marriage', 'force_value')).toBe('[c]');
  });

  it('shows a suppressed figure as [c], never 0', () => {
    const t = table(tables, 'indicators');
    for (const key of ['count', 'value', 'ci_lower', 'ci_upper', 'previous_count', 'previous_value', 'change_percent', 'change_p_value', 'change_direction']) {
      expect(cell(t, 'hidden.forced-marriage', key), key).toBe('[c]');
    }
    expect(cell(t, 'hidden.forced-marriage', 'suppressed')).toBe('yes');
    // The population behind the rate is not disclosive and stays.
    expect(cell(t, 'hidden.forced-marriage', 'denominator')).toBe(263167);
    const trend = table(tables, 'trend_by_year');
    const rows = trend.rows.map((row, r) => r).filter((r) => trend.rows[r]![OWN] === 'hidden.forced-marriage');
    expect(rows.length).toBe(2);
    for (const r of rows) {
      expect(cell(trend, r, 'count')).toBe('[c]');
      expect(cell(trend, r, 'value')).toBe('[c]');
    }
    for (const t2 of tables) for (const row of t2.rows) for (const v of row) expect(v).not.toBeUndefined();
  });

  it('shows a missing figure as [x] and one that does not apply as [z]', () => {
    const t = table(tables, 'indicators');
    for (const key of ['count', 'denominator', 'value', 'ci_lower', 'benchmark_value', 'previous_count', 'change_percent', 'trend_direction']) {
      expect(cell(t, 'treatment.completions', key), key).toBe('[x]');
    }
    expect(cell(t, 'treatment.completions', 'target')).toBe('[z]');
    expect(cell(t, 'recorded-crime.all', 'series_break')).toBe('[z]');
    expect(cell(t, 'treatment.completions', 'revision')).toBe('[r]');
    expect(cell(t, 'hidden.forced-marriage', 'revision')).toBe('[p]');
    expect(cell(t, 'recorded-crime.all', 'revision')).toBe('[z]');
  });

  it('gives the monthly series one row per indicator and month, and tells a withheld month from a gap', () => {
    const t = table(tables, 'spc_monthly');
    expect(t.columns.map((c) => c.key)).toEqual(['area_code', 'area_name', 'document_period', 'indicator_id', 'indicator', 'month', 'month_start', 'count']);
    const at = (id: string, month: string) => {
      const r = t.rows.findIndex((row) => row[OWN] === id && row[OWN + 2] === month);
      return r < 0 ? undefined : cell(t, r, 'count');
    };
    expect(at('recorded-crime.all', '2016-12')).toBeUndefined(); // before its series starts: no row
    expect(at('hidden.forced-marriage', '2016-12')).toBe(7);
    expect(at('hidden.forced-marriage', '2017-01')).toBe('[c]'); // another indicator has data that month
    expect(at('hidden.forced-marriage', '2017-02')).toBe('[x]'); // no indicator has data: a gap
    expect(at('recorded-crime.all', '2017-02')).toBe('[x]');
    expect(at('hidden.forced-marriage', '2017-03')).toBe(0); // a real zero stays 0
    expect(cell(t, t.rows.findIndex((row) => row[OWN + 2] === '2017-03'), 'month_start')).toBe('2017-03-01');
    const limits = table(tables, 'spc_limits');
    expect(cell(limits, 'recorded-crime.all', 'upper_limit')).toBe(1997.1853333333333);
    expect(cell(limits, 'recorded-crime.all', 'assurance')).toBe('[z]');
    expect(cell(limits, 'recorded-crime.all', 'latest_signal')).toBe('2017-03');
    expect(cell(table(tables, 'spc_signals'), 'recorded-crime.all', 'rule')).toBe('shift');
  });

  it('breaks the priority scores down by criterion', () => {
    const scores = table(tables, 'priority_scores');
    expect(own(scores)).toEqual([[1, 'violence', 'Violence Prevention', 0.8201649458574667, 1, 2]]);
    const t = table(tables, 'priority_criteria');
    expect(t.rows.length).toBe(3);
    expect(cell(t, 0, 'raw_value')).toBe(26.13929558037292);
    expect(cell(t, 0, 'raw_evidence')).toBe('[z]');
    expect(cell(t, 1, 'raw_value')).toBe('[z]');
    expect(cell(t, 1, 'raw_evidence')).toBe('4 — workshop, 19 January 2017');
    expect(cell(t, 2, 'raw_value')).toBe('[x]');
    expect(cell(t, 2, 'scaled')).toBe('[x]');
    expect(cell(t, 2, 'contribution')).toBe(0);
  });

  it('lists harm only for the indicators that have it', () => {
    const t = table(tables, 'harm');
    expect(t.rows.map((r) => r[OWN])).toEqual(['recorded-crime.all']);
    expect(cell(t, 0, 'harm_score')).toBe(1928366.67);
  });

  it('leaves out tables with no rows', () => {
    const a = smallAssessment();
    a.priorities = [];
    a.indicators = a.indicators.map((i) => ({ ...i, harm: null }));
    const ids = assessmentTables(a).map((t) => t.id);
    expect(ids).not.toContain('priority_scores');
    expect(ids).not.toContain('harm');
  });
});

describe('reportTables', () => {
  const tables = reportTables(smallReport());

  it('derives the quarter summary, exceptions, indicators and SPC tables, well formed', () => {
    expect(tables.map((t) => t.id)).toEqual(['quarter_summary', 'exceptions', 'indicators', 'spc_monthly', 'spc_limits', 'spc_signals']);
    expectWellFormed(tables);
  });

  it('prints each period of a row, [c] where suppressed and [x] where missing', () => {
    const t = table(tables, 'quarter_summary');
    expect(cell(t, 'recorded-crime.all', 'quarter_count')).toBe(5691);
    expect(cell(t, 'recorded-crime.all', 'ytd_value')).toBe(64.04298411274969);
    expect(cell(t, 'recorded-crime.all', 'last_ytd_count')).toBe(16388);
    expect(cell(t, 'recorded-crime.all', 'exception')).toBe('yes');
    expect(cell(t, 'hidden.forced-marriage', 'quarter_count')).toBe('[c]');
    expect(cell(t, 'hidden.forced-marriage', 'quarter_value')).toBe('[c]');
    expect(cell(t, 'hidden.forced-marriage', 'last_year_quarter_count')).toBe('[c]');
    expect(cell(t, 'hidden.forced-marriage', 'ytd_count')).toBe(9);
    expect(cell(t, 'hidden.forced-marriage', 'last_ytd_count')).toBe(0);
    expect(cell(t, 'hidden.forced-marriage', 'change_percent')).toBe('[c]');
    expect(cell(t, 'hidden.forced-marriage', 'exception')).toBe('no');
    for (const key of ['quarter_count', 'quarter_value', 'ytd_count', 'last_ytd_value', 'change_percent', 'benchmark_value']) {
      expect(cell(t, 'treatment.completions', key), key).toBe('[x]');
    }
  });

  it('lists the exceptions with their reasons', () => {
    const t = table(tables, 'exceptions');
    expect(own(t)).toEqual([['recorded-crime.all', 'All recorded crime, "excluding" ASB, £ and commas', 'special-cause concern in 2016-10 (shift), with a comma']]);
  });
});

describe('places tables', () => {
  const ci = { lower: 1, upper: 3 };
  const a = smallAssessment();
  a.places = {
    lsoas: 4, total: 30, topTenthLsoas: 1, topTenthShare: 0.5, top: [],
    wards: [
      { code: 'E05000001', name: 'Abbey', count: 26, population: 2000, value: 13, ci95: ci, comparison: 'higher', beyond998: true, suppressed: false },
      { code: 'E05000002', name: 'Brook', count: null, population: 1500, value: null, ci95: null, comparison: 'not-compared', beyond998: false, suppressed: true },
      { code: 'E05000003', name: 'Castle', count: 7, population: null, value: null, ci95: null, comparison: 'not-compared', beyond998: false, suppressed: false },
    ],
    average: { count: 26, population: 2000, value: 13 },
    deprivation: [
      { decile: 1, lsoas: 2, count: 27, population: 3000, value: 9, ci95: ci, asbCount: null, asbValue: null, asbCi95: null },
      { decile: 9, lsoas: 2, count: null, population: 2500, value: null, ci95: null, asbCount: 12, asbValue: 4.8, asbCi95: ci },
    ],
    locations: [{ location: 'On or near Market Street', lsoa: 'E01000001', lsoaName: 'Castlebridge 001A', count: 9 }],
  };
  const tables = assessmentTables(a);

  it('adds the ward, decile and location tables after the LSOA list, well formed', () => {
    expect(tables.map((t) => t.id)).toEqual(['indicators', 'trend_by_year', 'spc_monthly', 'spc_limits', 'spc_signals', 'harm', 'places_wards', 'places_deprivation', 'places_locations', 'priority_scores', 'priority_criteria']);
    expectWellFormed(tables);
  });

  it('withholds a suppressed ward ([c]) and marks a rate without residents not available ([x])', () => {
    const w = table(tables, 'places_wards');
    expect(['crimes', 'rate', 'rate_unrounded', 'ci_lower', 'funnel_position', 'beyond_99_8'].map((k) => cell(w, 'E05000002', k))).toEqual(['[c]', '[c]', '[c]', '[c]', '[c]', '[c]']);
    expect(cell(w, 'E05000002', 'residents')).toBe(1500);
    expect(['crimes', 'residents', 'rate', 'funnel_position', 'beyond_99_8'].map((k) => cell(w, 'E05000003', k))).toEqual([7, '[x]', '[x]', 'not compared', '[x]']);
    expect(['crimes', 'rate', 'ci_upper', 'funnel_position', 'beyond_99_8'].map((k) => cell(w, 'E05000001', k))).toEqual([26, 13, 3, 'higher than average', 'yes']);
  });

  it('withholds crime and anti-social behaviour of a decile separately', () => {
    // Rows by index: decile 1, then decile 9.
    const d = table(tables, 'places_deprivation');
    expect(['crimes', 'crime_rate', 'asb_incidents', 'asb_rate', 'asb_ci_lower'].map((k) => cell(d, 0, k))).toEqual([27, 9, '[c]', '[c]', '[c]']);
    expect(['crimes', 'crime_rate', 'asb_incidents', 'asb_rate', 'asb_ci_lower'].map((k) => cell(d, 1, k))).toEqual(['[c]', '[c]', 12, 4.8, 1]);
    expect(cell(table(tables, 'places_locations'), 0, 'location')).toBe('On or near Market Street');
  });
});

