/**
 * The needs assessment's analysis on small hand-built inputs: the definition from the config (default, valid, bad
 * values as located config errors), hospital admissions for violence (rates and Byar limits computed here from the
 * formula, England comparison, small counts), the Home Office offence detail with a peer, and the data gaps.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataGaps } from '../../../../src/analysis/needs/gaps.js';
import { matchesEntry, violenceDefinition } from '../../../../src/analysis/needs/definition.js';
import { homeOfficeDetail } from '../../../../src/analysis/needs/home-office.js';
import { hospitalAdmissions, pooledLabel } from '../../../../src/analysis/needs/hospital.js';
import { DataSource } from '../../../../src/analysis/sources.js';
import { loadConfig } from '../../../../src/ingest/config.js';
import type { Workspace } from '../../../../src/ingest/workspace.js';
import { configSchema } from '../../../../src/model/config.js';
import type { HomeOfficeRow, MeasureRow } from '../../../../src/model/data.js';
import { ExitCode } from '../../../../src/model/errors.js';
import { rejection, tempDir, writeTree } from '../../../helpers.js';

const MINIMAL = `partnership:
  name: Castlebridge Community Safety Partnership
area:
  name: Castlebridge
  code: E08099001
inputs:
  population: [population]
`;

async function load(extra: string) {
  const dir = tempDir();
  writeTree(dir, { 'swp.config.yaml': MINIMAL + extra });
  return loadConfig(join(dir, 'swp.config.yaml'), dir);
}

describe('the serious violence definition (config seriousViolence)', () => {
  it('is the default without the key: police.uk violence, robbery and weapons; Home Office homicide, violence with injury, robbery, weapons', async () => {
    const d = violenceDefinition(await load(''));
    expect(d.from).toBe('default');
    expect(d.policeUk).toEqual(['Violence and sexual offences', 'Robbery', 'Possession of weapons']);
    expect(d.homeOffice).toEqual(['Homicide', 'Violence with injury', 'Robbery', 'Possession of weapons offences']);
    // CRIME_TYPES order (src/model/data.ts): Possession of weapons 7, Robbery 9, Violence and sexual offences 13.
    expect(d.typeIndices).toEqual([13, 9, 7]);
  });

  it('takes the partnership\'s own list, and fills the other half with its default', async () => {
    const d = violenceDefinition(await load('seriousViolence:\n  definition:\n    policeUk: [Robbery, Robbery]\n'));
    expect(d).toMatchObject({ from: 'config', policeUk: ['Robbery'], typeIndices: [9] });
    expect(d.homeOffice).toContain('Homicide');
  });

  it('refuses a crime type police.uk does not have, as a located config error (exit 4)', async () => {
    const err = await rejection(load('seriousViolence:\n  definition:\n    policeUk: [Knife crime]\n'));
    expect(err.code).toBe(ExitCode.CONFIG);
    expect(err.problems[0]).toMatchObject({ keyPath: 'seriousViolence.definition.policeUk[0]', line: 10 });
  });

  it('refuses an unknown key and an empty list', async () => {
    expect((await rejection(load('seriousViolence:\n  defintion: {}\n'))).problems[0]!.keyPath).toBe('seriousViolence.defintion');
    expect((await rejection(load('seriousViolence:\n  definition:\n    policeUk: []\n'))).code).toBe(ExitCode.CONFIG);
  });

  it('matches Home Office rows by subgroup, group or offence code, as the table spells them', () => {
    const row = hoRow('Castlebridge', 1, 'Violence with Injury', 10, '8N');
    expect(matchesEntry(row, 'violence with injury')).toBe(true);
    expect(matchesEntry(row, 'Violence against the person')).toBe(true);
    expect(matchesEntry(row, '8n')).toBe(true);
    expect(matchesEntry(row, 'Robbery')).toBe(false);
  });
});

function measure(areaCode: string, start: string, end: string, numerator: number | null, denominator: number | null): MeasureRow {
  return { indicator: 'violence.hospital-admissions', areaCode, areaName: areaCode, periodStart: start, periodEnd: end, numerator, denominator, reoffences: null, source: { file: 'f.csv', line: 2 } };
}

/** Byar's approximation to the exact Poisson limits (PHE Technical Guide: Confidence Intervals), z = qnorm(0.975) in full. */
function byar(o: number, n: number, per: number): [number, number] {
  const z = 1.959963984540054;
  const lo = o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3;
  const up = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3;
  return [(lo / n) * per, (up / n) * per];
}

describe('hospital admissions for violence (Fingertips 11201, three-year pooled periods)', () => {
  const rows = [
    measure('E08099001', '2014-04-01', '2017-03-31', 474, 784_948),
    measure('E08099001', '2013-04-01', '2016-03-31', 3, 780_650),
    measure('E92000001', '2014-04-01', '2017-03-31', 71_367, 164_116_880),
    measure('E08099002', '2014-04-01', '2017-03-31', 900, 100_000),
  ];
  const h = hospitalAdmissions(rows, 'E08099001', 5)!;

  it('gives the crude rate per 100,000 a year with Byar limits, in time order, against England', () => {
    expect(h.points.map((p) => p.period.label)).toEqual(['2013/14 to 2015/16', '2014/15 to 2016/17']);
    const last = h.points[1]!;
    expect(last.count).toBe(474);
    // 474 / 784,948 × 100,000 = 60.386…
    expect(last.value).toBeCloseTo((474 / 784_948) * 1e5, 9);
    expect(last.value).toBeCloseTo(60.386, 3);
    const [lo, up] = byar(474, 784_948, 1e5);
    expect(last.ci95![0]).toBeCloseTo(lo, 6);
    expect(last.ci95![1]).toBeCloseTo(up, 6);
    // England 71,367 / 164,116,880 × 100,000 = 43.49: below Castlebridge's lower limit (55.1), so "higher".
    expect(last.england!.value).toBeCloseTo(43.4855, 3);
    expect(last.comparison).toBe('higher');
  });

  it('ranks the partnership among its peers in the latest period (1 = lowest), by code or name', () => {
    // Castlebridge 60.39; the peer E08099002: 900 / 100,000 × 100,000 = 900 per 100,000, so Castlebridge is 1 of 2.
    const p = hospitalAdmissions(rows, 'E08099001', 5, ['E08099002', 'Nowhere'])!.peers!;
    expect(p).toMatchObject({ rank: 1, of: 2 });
    expect(p.average).toBeCloseTo(900, 9);
    expect(hospitalAdmissions(rows, 'E08099001', 5, [])!.peers).toBeNull();
  });

  it("shows OHID's published (age-standardised) value and limits when the export gives them, against England's published value", () => {
    const pub = (row: MeasureRow, value: number, lower: number | null, upper: number | null): MeasureRow => ({ ...row, published: { value, lower, upper } });
    const withPublished = [
      pub(rows[0]!, 58.1, 52.9, 63.6),
      pub(rows[2]!, 43.7, 43.3, 44.0),
      pub(rows[3]!, 870.0, 812.1, 930.6),
    ];
    const hp = hospitalAdmissions(withPublished, 'E08099001', 5, ['E08099002'])!;
    const last = hp.points[0]!;
    expect(last).toMatchObject({ basis: 'published', count: 474, value: 58.1, ci95: [52.9, 63.6], england: { value: 43.7, ci95: [43.3, 44.0] } });
    // 52.9 > 43.7: the whole interval above England's value.
    expect(last.comparison).toBe('higher');
    expect(hp.unit).toMatch(/age-standardised/);
    expect(hp.peers).toMatchObject({ rank: 1, of: 2, average: 870 });
    // Limits left blank: the value is shown, not compared, and a note says why.
    const bare = hospitalAdmissions([pub(rows[0]!, 58.1, null, null), pub(rows[2]!, 43.7, 43.3, 44.0)], 'E08099001', 5)!;
    expect(bare.points[0]).toMatchObject({ basis: 'published', value: 58.1, ci95: null, comparison: 'not-compared' });
    expect(bare.notes.join(' ')).toMatch(/no 95% limits/);
    // Crude rows say so.
    expect(h.points[1]!.basis).toBe('crude');
    expect(h.notes.join(' ')).toMatch(/crude rate/);
  });

  it('holds back a count of 1 to 4 with its rate', () => {
    expect(h.points[0]).toMatchObject({ count: null, value: null, ci95: null, suppressed: true, comparison: 'not-compared' });
  });

  it('is null without rows for the area', () => {
    expect(hospitalAdmissions(rows, 'E08099003', 5)).toBeNull();
  });

  it('labels pooled financial and calendar years', () => {
    expect(pooledLabel('2018-04-01', '2021-03-31')).toBe('2018/19 to 2020/21');
    expect(pooledLabel('2019-04-01', '2020-03-31')).toBe('2019/20');
    expect(pooledLabel('2018-01-01', '2020-12-31')).toBe('2018 to 2020');
  });
});

function hoRow(csp: string, quarter: number, subgroup: string, count: number | null, code = 'X', year = '2016/17'): HomeOfficeRow {
  const group = subgroup === 'Homicide' || /violence/i.test(subgroup) ? 'Violence against the person' : subgroup;
  return { financialYear: year, quarter, forceName: 'Midshire', cspName: csp, offenceDescription: subgroup, offenceGroup: group, offenceSubgroup: subgroup, offenceCode: code, count, source: { file: 'ho.csv', line: 2 } };
}

function workspace(extra: Partial<Workspace> & { configExtra?: object } = {}): Workspace {
  const config = configSchema.parse({ partnership: { name: 'P' }, area: { name: 'Castlebridge', code: 'E08099001', peers: ['Hollinbury'] }, inputs: { population: ['p'] }, ...(extra.configExtra ?? {}) });
  const pop = (areaCode: string, areaName: string, population: number) => ({ areaCode, areaName, year: 2016, ageBand: 'all', population, source: { file: 'p.csv', line: 2 } });
  return { config, measures: [], homeOffice: [], population: [pop('E08099001', 'Castlebridge', 200_000), pop('E08099002', 'Hollinbury', 100_000)], ...extra } as unknown as Workspace;
}

describe('Home Office offence detail', () => {
  // Castlebridge: violence with injury 100 + 110 + 120 + 130 = 460 in 2016/17; 2 homicides; Hollinbury 50 a quarter.
  const rows: HomeOfficeRow[] = [];
  for (const q of [1, 2, 3, 4]) {
    rows.push(hoRow('Castlebridge', q, 'Violence with injury', 90 + 10 * q, '8N'), hoRow('Hollinbury', q, 'Violence with injury', 50, '8N'));
    rows.push(hoRow('Castlebridge', q, 'Violence with injury', 100, '8N', '2015/16'));
  }
  rows.push(hoRow('Castlebridge', 2, 'Homicide', 2, '1'));
  const ws = workspace({ homeOffice: rows });
  const d = homeOfficeDetail(new DataSource(ws), violenceDefinition(ws.config), 2016)!;
  const byName = new Map(d.offences.map((o) => [o.name, o]));

  it('counts each entry over the whole year, with its rate per 1,000 and the year before', () => {
    const v = byName.get('Violence with injury')!;
    expect(v).toMatchObject({ count: 460, previous: 400, subgroups: ['Violence with injury'], suppressed: false });
    expect(v.value).toBeCloseTo((460 / 200_000) * 1000, 9);
    const [lo, up] = byar(460, 200_000, 1000);
    expect(v.ci95![0]).toBeCloseTo(lo, 9);
    expect(v.ci95![1]).toBeCloseTo(up, 9);
  });

  it('compares with the most similar group: Hollinbury 200 / 100,000 = 2.0 per 1,000, Castlebridge 2.3: rank 2 of 2', () => {
    const v = byName.get('Violence with injury')!;
    expect(v.peerAverage).toBeCloseTo(2.0, 9);
    expect(v).toMatchObject({ rank: 2, of: 2, peers: 1 });
  });

  it('holds back 2 homicides, and says where an entry has no rows', () => {
    expect(byName.get('Homicide')).toMatchObject({ count: null, value: null, suppressed: true });
    expect(byName.get('Robbery')).toMatchObject({ count: null, subgroups: [], suppressed: false });
    expect(byName.get('Robbery')!.note).toMatch(/no rows for "Robbery"/);
  });
});

describe('data gaps', () => {
  const gapsOf = (ws: Workspace, hospital: Parameters<typeof dataGaps>[0]['hospital'] = null) =>
    dataGaps({ ws, startYear: 2016, byType: [], total: null, homeOffice: null, hospital, places: null });

  it('names each missing input and what to add', () => {
    const topics = gapsOf(workspace()).map((g) => g.topic);
    expect(topics).toEqual(['Recorded crime (police.uk)', 'Offence detail (Home Office CSP table)', 'Hospital admissions for violence (OHID Fingertips)', 'Where it happens', 'Who is affected', "Partners' data"]);
    expect(gapsOf(workspace()).find((g) => g.topic.startsWith('Hospital'))!.detail).toMatch(/indicator 11201/);
  });

  it('says when the latest hospital period ends before the year, and when England is missing', () => {
    const h = hospitalAdmissions([measure('E08099001', '2012-04-01', '2015-03-31', 400, 700_000)], 'E08099001', 5);
    const details = gapsOf(workspace(), h).filter((g) => g.topic.startsWith('Hospital')).map((g) => g.detail);
    expect(details[0]).toMatch(/latest period in the export is 2012\/13 to 2014\/15, before the end of 2016\/17/);
    expect(details[1]).toMatch(/no England rows/);
  });

  it('names the missing most similar group when the table is there but no peers are configured', () => {
    const ws = workspace({ homeOffice: [hoRow('Castlebridge', 1, 'Violence with injury', 10)], configExtra: { area: { name: 'Castlebridge', code: 'E08099001' } } });
    const gaps = dataGaps({ ws, startYear: 2016, byType: [], total: null, homeOffice: { csp: 'Castlebridge', period: { start: '', end: '', label: '' }, offences: [], notes: [] }, hospital: null, places: null });
    expect(gaps.map((g) => g.topic)).toContain('Most similar group');
  });
});
