/**
 * `swp needs-assessment` on the demo, rendered once (pdf, html, json, csv, xlsx): exit 0, file names with the
 * year, the JSON valid against the published schema/needs-assessment.schema.json, figures checked against
 * independent counts over the demo's own files (police.uk street files, the Fingertips export), and the PDF read
 * back: tagged, every section, every /Figure with alternative text, no placeholder or "undefined" left in.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeedsAssessment } from '../../../src/model/contract-needs.js';
import { ROOT } from '../../helpers.js';
import { nodesWithRole, structTrees, type StructNode } from './layout-support.js';
import { DEMO, explain, pdfinfo, pdfText, SLOW, squash, swp, temp, type RunResult } from './support.js';

const NAME = 'needs-assessment-2016-17';
let dir: string;
let result: RunResult;
let needs: NeedsAssessment;
let text: string;
let trees: StructNode[];

beforeAll(async () => {
  dir = temp('swp-needs-');
  result = await swp(['needs-assessment', '-w', DEMO, '--out', dir, '--format', 'pdf,html,json,csv,xlsx', '--date', '2017-06-30', '--quiet']);
  if (result.code !== 0) return;
  needs = JSON.parse(readFileSync(join(dir, `${NAME}.json`), 'utf8')) as NeedsAssessment;
  text = squash(pdfText(join(dir, `${NAME}.pdf`)));
  trees = await structTrees(join(dir, `${NAME}.pdf`));
}, SLOW);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** police.uk street-level rows of Castlebridge's LSOAs in 2016/17 by crime type, counted straight from the files. */
function demoStreetCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  const root = join(DEMO, 'crime/police-uk');
  for (const month of readdirSync(root).filter((m) => m >= '2016-04' && m <= '2017-03')) {
    for (const f of readdirSync(join(root, month)).filter((x) => x.endsWith('-street.csv'))) {
      const rows = parseCsv(readFileSync(join(root, month, f)), { columns: true }) as Record<string, string>[];
      for (const r of rows) if (/^Castlebridge \d{3}[A-Z]$/.test(r['LSOA name'] ?? '')) counts.set(r['Crime type']!, (counts.get(r['Crime type']!) ?? 0) + 1);
    }
  }
  return counts;
}

describe('swp needs-assessment on the demo', () => {
  it('exits 0 and writes every format, named with the year', () => {
    expect(result.code, explain(result)).toBe(0);
    for (const f of [`${NAME}.pdf`, `${NAME}.html`, `${NAME}.json`, `${NAME}.xlsx`, `${NAME}-data/hospital_admissions.csv`, `${NAME}-data/data_gaps.csv`]) expect(existsSync(join(dir, f)), f).toBe(true);
  });

  it('writes JSON that validates against schema/needs-assessment.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/needs-assessment.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validate(needs), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The check can fail: a document without its definition is refused.
    expect(validate({ ...needs, definition: undefined })).toBe(false);
  });

  it('counts serious violence as the street files do (the demo definition: three police.uk types)', () => {
    const counts = demoStreetCounts();
    const types = ['Violence and sexual offences', 'Robbery', 'Possession of weapons'];
    expect(needs.definition).toMatchObject({ from: 'config', policeUk: types });
    expect(needs.violence.byType.map((i) => i.count)).toEqual(types.map((t) => counts.get(t)));
    expect(needs.violence.total!.count).toBe(types.reduce((a, t) => a + counts.get(t)!, 0));
  });

  it('takes hospital admissions from the Fingertips export as downloaded, with England from the same file', () => {
    const rows = parseCsv(readFileSync(join(DEMO, 'measures/fingertips-hospital-admissions-violence.csv')), { columns: true }) as Record<string, string>[];
    const own = rows.filter((r) => r['Area Code'] === 'E08099001');
    const eng = rows.filter((r) => r['Area Code'] === 'E92000001');
    const h = needs.hospitalAdmissions!;
    expect(h.points.map((p) => p.count)).toEqual(own.map((r) => Number(r.Count)));
    const last = h.points[h.points.length - 1]!;
    // The published, age-standardised figures, as the export gives them.
    expect(last.basis).toBe('published');
    expect(last.value).toBe(Number(own[2]!.Value));
    expect(last.ci95).toEqual([Number(own[2]!['Lower CI 95.0 limit']), Number(own[2]!['Upper CI 95.0 limit'])]);
    expect(last.england!.value).toBe(Number(eng[2]!.Value));
    const expected = Number(own[2]!['Lower CI 95.0 limit']) > Number(eng[2]!.Value) ? 'higher' : Number(own[2]!['Upper CI 95.0 limit']) < Number(eng[2]!.Value) ? 'lower' : 'similar';
    expect(last.comparison).toBe(expected);
    expect(text).toContain(`${last.value!.toFixed(1)} per 100,000 residents a year`);
  });

  it('is a tagged PDF with every section of the needs assessment, and no placeholder left', () => {
    expect(pdfinfo(join(dir, `${NAME}.pdf`)).Tagged).toBe('yes');
    for (const h of ['Summary', 'Our definition of serious violence', 'Profile of violence', 'Where it happens', 'Trends and comparisons', 'Data gaps', 'Recommendations', 'Methods and sources']) expect(text).toContain(h);
    expect(text).toContain('Serious Violence Duty: statutory guidance');
    expect(text).toContain('Draft: for the analyst to review');
    expect(text).not.toMatch(/undefined|NaN|\[object|\{\{|null per/);
  });

  it('gives every figure alternative text that says what it shows', () => {
    const figures = trees.flatMap((t) => nodesWithRole(t, 'Figure'));
    // A comparison chart, a hospital admissions chart, the ward map, four trends and three most similar groups.
    expect(figures.length).toBeGreaterThanOrEqual(8);
    for (const f of figures) expect((f.alt ?? '').length, JSON.stringify(f.alt)).toBeGreaterThan(20);
  });

  it('never shows a count of 1 to 4 in the JSON figures', () => {
    const counts = [needs.violence.total?.count, ...needs.violence.byType.map((i) => i.count), ...needs.homeOffice!.offences.map((o) => o.count), ...needs.hospitalAdmissions!.points.map((p) => p.count), ...needs.places!.wards.map((w) => w.count)];
    expect(counts.filter((c) => c !== null && c !== undefined && c >= 1 && c <= 4)).toEqual([]);
  });
});
