/**
 * Stop and search end to end: the Census 2021 TS021 reader against a file in the published layout, the demo's
 * figures against an independent count of the demo's files (csv-parse, UK local months by the BST rule worked out
 * here, a plain even-odd point-in-polygon against the demo's LSOA boundaries, rates and ratios by hand), and the
 * real Greater Manchester Police file through the whole pipeline at force level.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readCensusEthnicity } from '../../../src/ingest/formats/census-ethnicity.js';
import { loadWorkspace } from '../../../src/ingest/workspace.js';
import { buildAssessment } from '../../../src/analysis/assessment.js';
import { prepareStopSearch } from '../../../src/pipeline/stop-search.js';
import { run } from '../../../src/cli/run.js';
import { SwpError } from '../../../src/model/errors.js';
import { FIXTURES, REAL_DATA, ROOT, tempDir, writeTree } from '../../helpers.js';

const TS021 = join(FIXTURES, 'census/census2021-ts021-ltla-layout.csv');
const DEMO = join(ROOT, 'data/demo');
type Row = Record<string, string>;
const csv = (path: string): Row[] => parse(readFileSync(path), { columns: true, bom: true });

describe('Census 2021 TS021 ethnic group reader', () => {
  it('reads the five broad groups of each area: each the sum of its detailed columns in the file', async () => {
    const raw = csv(TS021);
    const { rows } = await readCensusEthnicity(TS021);
    expect(rows.map((r) => r.code)).toEqual(['E06000001', 'E06000002']);
    const broad = { White: 'Ethnic group: White', Black: 'Ethnic group: Black, Black British, Black Welsh, Caribbean or African', Asian: 'Ethnic group: Asian, Asian British or Asian Welsh', Mixed: 'Ethnic group: Mixed or Multiple ethnic groups', Other: 'Ethnic group: Other ethnic group' } as const;
    raw.forEach((r, i) => {
      for (const [g, col] of Object.entries(broad)) {
        const detail = Object.keys(r).filter((k) => k.startsWith(`${col}: `)).reduce((s, k) => s + Number(r[k]), 0);
        expect(rows[i]![g as keyof typeof broad]).toBe(detail);
      }
      expect(rows[i]!.total).toBe(Number(r['Ethnic group: Total: All usual residents']));
    });
  });

  it('refuses a total that is not the sum of the broad groups, naming the file, line and column', async () => {
    const lines = readFileSync(TS021, 'utf8').split('\r\n');
    lines[2] = lines[2]!.replace(/^(2021,Middlesbrough,E06000002,)(\d+)/, (_, a, t) => `${a}${Number(t) + 1}`);
    const dir = tempDir();
    writeTree(dir, { 'ts021.csv': lines.join('\r\n') });
    const err = await readCensusEthnicity(join(dir, 'ts021.csv'), { displayPath: 'ts021.csv' }).catch((e) => e);
    expect(err).toBeInstanceOf(SwpError);
    expect((err as SwpError).problems[0]).toMatchObject({ file: 'ts021.csv', line: 3, columnName: 'Ethnic group: Total: All usual residents' });
  });
});

/** UK local month of a police.uk date (UTC with +00:00): BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
function ukMonthByHand(date: string): string {
  const t = Date.parse(date);
  const y = new Date(t).getUTCFullYear();
  const lastSunday = (m: number) => {
    const d = new Date(Date.UTC(y, m + 1, 0));
    return Date.UTC(y, m, d.getUTCDate() - d.getUTCDay(), 1);
  };
  const local = new Date(t + (t >= lastSunday(2) && t < lastSunday(9) ? 3600_000 : 0));
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Even-odd ray casting on the plane over every ring of a GeoJSON (Multi)Polygon. */
function inside(geometry: { type: string; coordinates: any }, x: number, y: number): boolean {
  const polygons: number[][][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let odd = false;
  for (const ring of polygons.flat()) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) odd = !odd;
    }
  }
  return odd;
}

describe('the demo: Castlebridge stop and search, 2016/17', () => {
  it('matches a count of the demo files made here', async () => {
    const ws = await loadWorkspace(DEMO, { latestMonth: '2017-06' });
    await prepareStopSearch(ws, 2016);
    const s = buildAssessment(ws, 2016, { dataAsAt: '2017-06-30', version: 'test' }).stopSearch!;

    const geo = JSON.parse(readFileSync(join(DEMO, 'geography/lsoa-2011-boundaries-bgc.geojson'), 'utf8'));
    const castlebridge = geo.features.filter((f: any) => /^Castlebridge \d{3}[A-Z]$/.test(f.properties.LSOA11NM));
    expect(castlebridge.length).toBe(160);
    const tree = join(DEMO, 'crime/police-uk');
    const all: Row[] = [];
    for (const m of readdirSync(tree)) for (const f of readdirSync(join(tree, m))) if (f.endsWith('-midshire-stop-and-search.csv')) all.push(...csv(join(tree, m, f)));
    const year = all.filter((r) => { const m = ukMonthByHand(r['Date']!); return m >= '2016-04' && m <= '2017-03'; });
    const here = year.filter((r) => r['Latitude'] !== '' && castlebridge.some((f: any) => inside(f.geometry, Number(r['Longitude']), Number(r['Latitude']))));

    expect(s.level).toBe('partnership');
    expect(s.force).toBe('Midshire Police');
    expect(s.searches).toBe(here.length);
    expect(s.noLocation).toBe(year.filter((r) => r['Latitude'] === '').length);
    expect(s.arrests.count).toBe(here.filter((r) => r['Outcome'] === 'Arrest').length);
    expect(s.linked.count).toBe(here.filter((r) => r['Outcome linked to object of search'] === 'True').length);

    const pop = csv(join(DEMO, 'ethnicity/census2021-ts021-ltla.csv')).find((r) => r['geography code'] === 'E08099001')!;
    const black = here.filter((r) => r['Self-defined ethnicity']!.startsWith('Black/')).length;
    const white = here.filter((r) => r['Self-defined ethnicity']!.startsWith('White - ')).length;
    const pb = Number(pop['Ethnic group: Black, Black British, Black Welsh, Caribbean or African']);
    const pw = Number(pop['Ethnic group: White']);
    const rr = black / pb / (white / pw);
    const se = Math.sqrt(1 / black + 1 / white); // log method (Rothman): SE of ln RR
    const row = s.byEthnicity.find((e) => e.group === 'Black')!;
    expect(row.searches).toBe(black);
    expect(row.population).toBe(pb);
    expect(row.rate).toBeCloseTo((1000 * black) / pb, 9);
    expect(row.rateRatio).toBeCloseTo(rr, 9);
    expect(row.rateRatioCi95![0]).toBeCloseTo(rr * Math.exp(-1.959964 * se), 4);
    expect(row.rateRatioCi95![1]).toBeCloseTo(rr * Math.exp(1.959964 * se), 4);

    // Officer-defined: Black against White by the officer's column, the same residents; no Mixed row, and the note.
    const oBlack = here.filter((r) => r['Officer-defined ethnicity'] === 'Black').length;
    const oWhite = here.filter((r) => r['Officer-defined ethnicity'] === 'White').length;
    const oRr = oBlack / pb / (oWhite / pw);
    const oSe = Math.sqrt(1 / oBlack + 1 / oWhite);
    expect(s.byOfficerEthnicity!.map((e) => e.group)).toEqual(['White', 'Black', 'Asian', 'Other']);
    expect(s.byOfficerEthnicity!.map((e) => e.searches)).toEqual(['White', 'Black', 'Asian', 'Other'].map((g) => here.filter((r) => r['Officer-defined ethnicity'] === g).length));
    const oRow = s.byOfficerEthnicity!.find((e) => e.group === 'Black')!;
    expect(oRow.population).toBe(pb);
    expect(oRow.rateRatio).toBeCloseTo(oRr, 9);
    expect(oRow.rateRatioCi95![0]).toBeCloseTo(oRr * Math.exp(-1.959964 * oSe), 4);
    expect(oRow.rateRatioCi95![1]).toBeCloseTo(oRr * Math.exp(1.959964 * oSe), 4);
    const notRecorded = here.filter((r) => r['Officer-defined ethnicity'] === '').length;
    const t = ws.config.disclosure.threshold;
    expect(s.officerNotRecorded).toBe(notRecorded > 0 && notRecorded < t ? null : notRecorded);
    expect(s.notes.some((n) => n.includes('no Mixed group, so Mixed residents are left out of that comparison'))).toBe(true);
  }, 120_000);
});

describe('the real Greater Manchester Police file through the pipeline', () => {
  it('is reported for the whole force, with the note, when no boundaries are given', async () => {
    const dir = tempDir('swp-stop-search-');
    const street = ['Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'];
    for (let k = 0; k < 40; k++) street.push(`,2019-06,Greater Manchester Police,Greater Manchester Police,-2.24,53.48,On or near Deansgate,E01005${String(100 + (k % 8))},Manchester 0${String(10 + (k % 8))}A,Anti-social behaviour,,`);
    writeTree(dir, {
      'swp.config.yaml': ['version: 1', 'partnership:', '  name: Manchester Community Safety Partnership', 'area:', '  name: Manchester', '  code: E08000003', 'inputs:', '  policeUk: [crime]', '  population: [population.csv]', ''].join('\n'),
      'population.csv': 'area_code,area_name,year,age_band,population\nE08000003,Manchester,2019,all,547627\n',
      'crime/2019-06/2019-06-greater-manchester-street.csv': street.join('\r\n') + '\r\n',
    });
    mkdirSync(join(dir, 'crime/2019-06'), { recursive: true });
    copyFileSync(join(REAL_DATA, '2019-06-greater-manchester-stop-and-search.csv'), join(dir, 'crime/2019-06/2019-06-greater-manchester-stop-and-search.csv'));
    const out = { stdout: '', stderr: '' };
    const io = { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, env: {} as Record<string, string | undefined>, cwd: dir };
    const code = await run(['assess', '-w', dir, '--format', 'json', '--out', join(dir, 'out'), '--date', '2020-06-30', '--year', '2019/20'], io);
    expect(code, out.stderr).toBe(0);
    const file = readdirSync(join(dir, 'out')).find((f) => f.endsWith('.json'))!;
    const s = JSON.parse(readFileSync(join(dir, 'out', file), 'utf8')).stopSearch;
    const raw = csv(join(REAL_DATA, '2019-06-greater-manchester-stop-and-search.csv'));
    expect(s.level).toBe('force');
    expect(s.force).toBe('Greater Manchester Police');
    expect(s.searches).toBe(907);
    expect(s.arrests.count).toBe(raw.filter((r) => r['Outcome'] === 'Arrest').length);
    expect(s.linked.count).toBe(raw.filter((r) => r['Outcome linked to object of search'] === 'True').length);
    expect(s.noLocation).toBe(raw.filter((r) => r['Latitude'] === '').length);
    expect(s.notes[0]).toBe('Stop and search is shown for the whole of Greater Manchester Police: the files have no LSOA, and no boundaries were given to place the searches.');
    expect(s.byEthnicity.every((e: { rate: number | null }) => e.rate === null)).toBe(true);
    // Officer-defined searches counted for the force (no rates without the area's residents); 51 have none.
    const officer = (g: string) => raw.filter((r) => r['Officer-defined ethnicity'] === g).length;
    expect(s.byOfficerEthnicity.map((e: { group: string; searches: number | null; rate: number | null }) => [e.group, e.searches, e.rate])).toEqual(['White', 'Black', 'Asian', 'Other'].map((g) => [g, officer(g), null]));
    expect(s.officerNotRecorded).toBe(officer(''));
  }, 120_000);
});
