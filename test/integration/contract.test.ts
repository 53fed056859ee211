/**
 * The JSON contract on the demo workspace: `swp assess --format json` and `swp report --format json` write documents
 * that validate against the published JSON Schemas, carry figures an independent count confirms, and do not depend
 * on the time zone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assessment, Report } from '../../src/model/contract.js';
import { ROOT, tempDir } from '../helpers.js';
import { DEMO, demoJson } from './demo-json.js';

function validator(name: string) {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema', name), 'utf8'));
  return new Ajv2020({ allErrors: true, strict: false }).compile(schema);
}

/** Lines of the demo's generated street files for a financial year that pass `keep`, by plain text scanning. */
function independentLines(startYear: number, keep: (line: string) => boolean): number {
  let n = 0;
  for (let i = 0; i < 12; i++) {
    const month = `${startYear + Math.floor((3 + i) / 12)}-${String(((3 + i) % 12) + 1).padStart(2, '0')}`;
    for (const force of ['midshire', 'westshire']) {
      const text = readFileSync(join(DEMO, `crime/police-uk/${month}/${month}-${force}-street.csv`), 'utf8');
      for (const line of text.split(/\r?\n/)) if (keep(line)) n++;
    }
  }
  return n;
}

/** Castlebridge rows of one crime type in a financial year. */
const independentCount = (type: string, startYear: number) => independentLines(startYear, (line) => line.includes(',Castlebridge ') && line.includes(`,${type},`));

/** Crimes (not anti-social behaviour) in one LSOA in a financial year. */
const independentLsoaCount = (code: string, startYear: number) => independentLines(startYear, (line) => line.includes(`,${code},`) && !line.includes(',Anti-social behaviour,'));

describe('JSON contract on the demo', () => {
  let dir: string;
  let assessment: Assessment;
  let report: Report;

  beforeAll(async () => {
    ({ dir, assessment, report } = await demoJson());
  });

  it('assessment-2016-17.json validates against schema/assessment.schema.json', () => {
    const validate = validator('assessment.schema.json');
    expect(validate(assessment), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(assessment.schemaVersion).toBe('1.6.0');
    expect(assessment.period).toEqual({ start: '2016-04-01', end: '2017-03-31', label: '2016/17' });
  });

  it('places: the LSOAs add up to all recorded crime, and the first LSOA\'s counts match a count of the files made here', () => {
    const places = assessment.places!;
    const all = assessment.indicators.find((i) => i.id === 'recorded-crime.all')!;
    expect(places.total).toBe(all.count);
    const first = places.top[0]!;
    expect(first.count).toBe(independentLsoaCount(first.code, 2016));
    expect(first.previousCount).toBe(independentLsoaCount(first.code, 2015));
    expect(first.share).toBeCloseTo(first.count! / all.count!, 12);
    expect(places.top.map((p) => p.count!)).toEqual([...places.top.map((p) => p.count!)].sort((a, b) => b - a));
  });

  it('report JSON validates against schema/report.schema.json', () => {
    const validate = validator('report.schema.json');
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(report.period).toMatchObject({ start: '2016-10-01', end: '2016-12-31' });
    expect(report.yearToDate).toMatchObject({ start: '2016-04-01', end: '2016-12-31' });
  });

  it('a schema validator rejects a document that breaks the contract (the check can fail)', () => {
    const validate = validator('assessment.schema.json');
    const broken = structuredClone(assessment) as unknown as { indicators: { comparison: string }[] };
    broken.indicators[0]!.comparison = 'much better';
    expect(validate(broken)).toBe(false);
  });

  it('carries the count an independent scan of the generated files gives', () => {
    for (const [type, id] of [['Violence and sexual offences', 'recorded-crime.violence-and-sexual-offences'], ['Burglary', 'recorded-crime.burglary']] as const) {
      const ind = assessment.indicators.find((i) => i.id === id)!;
      expect(ind.count).toBe(independentCount(type, 2016));
      expect(ind.previous?.count).toBe(independentCount(type, 2015));
    }
  });

  it('has every police.uk indicator and the measures of the demo, with findings', () => {
    const ids = assessment.indicators.map((i) => i.id);
    for (const id of ['recorded-crime.all', 'anti-social-behaviour', 'recorded-crime.violence-and-sexual-offences', 'reoffending.adult', 'fte.youth', 'hidden.domestic-abuse', 'treatment.completions']) {
      expect(ids).toContain(id);
    }
    for (const i of assessment.indicators) expect(i.finding.length).toBeGreaterThan(20);
  });

  it('gives identical JSON in another time zone (TZ=Pacific/Auckland) from the built CLI', () => {
    if (!existsSync(join(ROOT, 'dist/cli/run.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
    const render = (tz: string) => {
      const out = tempDir();
      execFileSync(process.execPath, [join(ROOT, 'bin/swp.js'), 'assess', '-w', DEMO, '--format', 'json', '--out', out, '--quiet'], {
        env: { ...process.env, TZ: tz, SOURCE_DATE_EPOCH: '1498780800' },
      });
      return readFileSync(join(out, 'assessment-2016-17.json'), 'utf8');
    };
    const utc = render('UTC');
    expect(render('Pacific/Auckland')).toBe(utc);
    expect(JSON.parse(utc).dataAsAt).toBe('2017-06-30');
  });
});

describe('published contract schemas', () => {
  it('schema/*.schema.json are the ones generated from the zod schemas (run npm run schemas)', async () => {
    const { contractJsonSchemas } = await import('../../src/model/json-schema.js');
    for (const [name, schema] of Object.entries(contractJsonSchemas())) {
      expect(JSON.parse(readFileSync(join(ROOT, 'schema', name), 'utf8')), name).toEqual(schema);
    }
  });
});
