/**
 * `swp assess --all-areas --format csv` also writes each table stacked over every area, analysis-ready: the CSVs
 * load in DuckDB's read_csv_auto with numbers typed as numbers and dates as dates (issue 15), and their figures
 * are the areas' own JSON figures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Assessment } from '../../src/model/contract.js';
import { ROOT, tempDir } from '../helpers.js';

const DEMO = join(ROOT, 'data/demo');
const AREAS = ['castlebridge', 'hollinbury', 'westbrook'];

async function batch(extra: string[]): Promise<string> {
  const out = tempDir();
  const err: string[] = [];
  const code = await run(['assess', '-w', DEMO, '--all-areas', '--format', 'json,csv', '--out', out, '--date', '2017-06-30', ...extra], {
    stdout: { write: () => true },
    stderr: { write: (s: string) => err.push(s) },
    env: {},
    cwd: out,
  });
  expect(code, err.join('')).toBe(0);
  return out;
}

/** Column name → DuckDB type, as read_csv_auto sniffs them. */
async function columnTypes(path: string, options = ''): Promise<{ types: Map<string, string>; rows: Record<string, unknown>[] }> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    const described = await con.runAndReadAll(`DESCRIBE SELECT * FROM read_csv_auto('${path}'${options})`);
    const types = new Map(described.getRowObjectsJS().map((r) => [String(r.column_name), String(r.column_type)]));
    const rows = (await con.runAndReadAll(`SELECT * FROM read_csv_auto('${path}'${options})`)).getRowObjectsJS();
    return { types, rows };
  } finally {
    con.closeSync();
  }
}

describe('--all-areas: every table stacked over the areas', () => {
  let out: string;
  let blanks: string;
  beforeAll(async () => {
    [out, blanks] = [await batch([]), await batch(['--csv-blanks'])];
  }, 240_000);

  it('writes one folder of stacked tables with tables.json beside them', () => {
    const folder = join(out, 'assessment-2016-17-all-areas-data');
    const files = readdirSync(folder);
    expect(files).toContain('indicators.csv');
    expect(files).toContain('tables.json');
    const pkg = JSON.parse(readFileSync(join(folder, 'tables.json'), 'utf8'));
    expect(pkg.resources.map((r: { path: string }) => r.path).sort()).toEqual(files.filter((f) => f.endsWith('.csv')).sort());
  });

  it('loads in DuckDB with counts as integers, rates as doubles and periods as dates (GSS symbols as nulls)', async () => {
    const { types, rows } = await columnTypes(join(out, 'assessment-2016-17-all-areas-data', 'indicators.csv'), ", nullstr=['[c]','[x]','[z]']");
    expect(types.get('Area code')).toBe('VARCHAR');
    expect(types.get('Count')).toBe('BIGINT');
    expect(types.get('Value (unrounded)')).toBe('DOUBLE');
    expect(types.get('Period start')).toBe('DATE');
    // Every area's indicators, with the area's own JSON figures.
    for (const folder of AREAS) {
      const a: Assessment = JSON.parse(readFileSync(join(out, folder, 'assessment-2016-17.json'), 'utf8'));
      const mine = rows.filter((r) => r['Area code'] === a.area.code);
      expect(mine.length).toBe(a.indicators.length);
      for (const i of a.indicators) {
        const row = mine.find((r) => r['Indicator ID'] === i.id)!;
        expect(row['Count'] === null ? null : Number(row['Count']), `${folder} ${i.id}`).toBe(i.suppressed ? null : i.count);
      }
    }
  });

  it('with --csv-blanks, loads with the right types and no options at all, the symbols in status columns', async () => {
    const { types, rows } = await columnTypes(join(blanks, 'assessment-2016-17-all-areas-data', 'indicators.csv'));
    expect(types.get('Count')).toBe('BIGINT');
    expect(types.get('Value')).toBe('DOUBLE');
    expect(types.get('Period start')).toBe('DATE');
    expect(types.get('Count status')).toBe('VARCHAR');
    // Indicators without a target: the target empty, [z] (not applicable) in its status column; and the reverse.
    expect(types.get('Target')).toBe('DOUBLE');
    const marked = rows.filter((r) => r['Target status'] !== null);
    expect(marked.length).toBeGreaterThan(0);
    for (const r of marked) {
      expect(r['Target status']).toBe('[z]');
      expect(r['Target']).toBeNull();
    }
    for (const r of rows.filter((x) => x['Target'] === null)) expect(r['Target status']).not.toBeNull();
    for (const r of rows.filter((x) => x['Count'] === null)) expect(r['Count status']).not.toBeNull();
    const monthly = await columnTypes(join(blanks, 'assessment-2016-17-all-areas-data', 'spc_monthly.csv'));
    expect(monthly.types.get('Month start')).toBe('DATE');
    expect(monthly.types.get('Count')).toBe('BIGINT');
  });
});
