/**
 * Corpus: Home Office CSP table assemblies as analysts keep them (issue 11, point 2 and the "CSP name not in the
 * table" check of point 5). Each case builds a workspace from real-format files: the Home Office police recorded
 * crime CSP open-data layout (Financial Year, Financial Quarter, Force Name, CSP Name, Offence Description, Offence
 * Group, Offence Subgroup, Offence Code, Number of Offences), the Essex and Avon and Somerset partnerships as the
 * table names them, and the ONS mid-year population layout the reader accepts. Every expected figure is computed
 * here from the numbers the case writes, never copied from swp's output.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineIndicator } from '../../src/analysis/catalogue.js';
import { buildAssessment } from '../../src/analysis/assessment.js';
import { computeIndicator } from '../../src/analysis/indicator.js';
import { financialYear } from '../../src/analysis/periods.js';
import { DataSource } from '../../src/analysis/sources.js';
import { run } from '../../src/cli/run.js';
import { loadWorkspace } from '../../src/ingest/workspace.js';
import type { Warning } from '../../src/model/errors.js';
import { REAL_DATA, rejection, tempDir, writeTree } from '../helpers.js';

const HEADER = 'Financial Year,Financial Quarter,Force Name,CSP Name,Offence Description,Offence Group,Offence Subgroup,Offence Code,Number of Offences';

/** Offences as the table publishes them: description, group, subgroup, code; `burglary` marks the burglary rows. */
interface Offence {
  description: string;
  group: string;
  subgroup: string;
  code: string;
  burglary?: boolean;
  /** Counted in all recorded crime (police.uk categories; fraud is not). */
  all: boolean;
}
const OFFENCES: Offence[] = [
  { description: 'Burglary - Residential', group: 'Theft offences', subgroup: 'Domestic burglary', code: '28E', burglary: true, all: true },
  { description: 'Burglary - Business and Community', group: 'Theft offences', subgroup: 'Non-domestic burglary', code: '30C', burglary: true, all: true },
  { description: 'Assault with injury', group: 'Violence against the person', subgroup: 'Violence with injury', code: '8N', all: true },
  { description: 'Shoplifting', group: 'Theft offences', subgroup: 'Shoplifting', code: '46', all: true },
  { description: 'Criminal damage to a dwelling', group: 'Criminal damage and arson', subgroup: 'Criminal damage', code: '58A', all: true },
  { description: 'Other notifiable offences', group: 'Miscellaneous crimes against society', subgroup: 'Miscellaneous crimes against society', code: '99', all: true },
];

/** A deterministic, different count for every CSP, year, quarter and offence. */
function countOf(csp: string, year: number, quarter: number, offence: number): number {
  let h = 7;
  for (const c of `${csp}|${year}|${quarter}|${offence}`) h = (h * 31 + c.charCodeAt(0)) % 1000;
  return 20 + h;
}

interface Area {
  csp: string;
  force: string;
  /** Quarters present, per financial year start. */
  years: Record<number, number[]>;
}

const fyLabel = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;

/** Rows of the CSP table, and the lines they fall on (header = line 1). */
function table(areas: Area[], offences: Offence[] = OFFENCES): string {
  const lines = [HEADER];
  for (const a of areas) {
    for (const [y, quarters] of Object.entries(a.years)) {
      for (const q of quarters) {
        offences.forEach((o, i) => {
          lines.push([fyLabel(Number(y)), q, a.force, a.csp, o.description, o.group, o.subgroup, o.code, countOf(a.csp, Number(y), q, i)].map(csvCell).join(','));
        });
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
const csvCell = (v: string | number) => (typeof v === 'string' && /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));

/** Independent sum: burglary offences of a CSP over some quarters of a year, from the same generator. */
function burglary(csp: string, year: number, quarters: number[]): number {
  let total = 0;
  for (const q of quarters) OFFENCES.forEach((o, i) => (total += o.burglary ? countOf(csp, year, q, i) : 0));
  return total;
}

/** Essex partnerships with their ONS codes and (rounded) mid-2022 populations. */
const ESSEX: Record<string, { code: string; pop: number }> = {
  Basildon: { code: 'E07000066', pop: 188_600 },
  Chelmsford: { code: 'E07000070', pop: 182_400 },
  Colchester: { code: 'E07000071', pop: 195_900 },
  Harlow: { code: 'E07000073', pop: 94_100 },
  'Southend-on-Sea': { code: 'E06000033', pop: 180_700 },
};

function population(entries: { code: string; name: string; pop: number }[], years: number[]): string {
  const lines = ['area_code,area_name,year,age_band,population'];
  for (const e of entries) for (const y of years) lines.push(`${e.code},${csvCell(e.name)},${y},all,${e.pop}`);
  return `${lines.join('\n')}\n`;
}
const essexPopulation = (years: number[]) =>
  population(
    Object.entries(ESSEX).map(([name, v]) => ({ code: v.code, name, pop: v.pop })),
    years,
  );

function config(area: { name: string; code: string; cspName?: string; peers: string[] }, homeOffice: string[], extra = ''): string {
  return [
    'version: 1',
    'partnership:',
    `  name: ${area.name} Community Safety Partnership`,
    'area:',
    `  name: "${area.name}"`,
    `  code: ${area.code}`,
    ...(area.cspName ? [`  cspName: "${area.cspName}"`] : []),
    `  peers: [${area.peers.map((p) => `"${p}"`).join(', ')}]`,
    'inputs:',
    `  homeOffice: [${homeOffice.join(', ')}]`,
    '  population: [population/population.csv]',
    extra,
    '',
  ].join('\n');
}

async function load(dir: string) {
  const warnings: Warning[] = [];
  const ws = await loadWorkspace(dir, { displayBase: dir, onWarning: (w) => warnings.push(w), latestMonth: '2024-12' });
  return { ws, warnings };
}

/** Burglary for a financial year, computed the way the documents do. */
function burglaryIndicator(ws: Awaited<ReturnType<typeof loadWorkspace>>, startYear: number) {
  const def = defineIndicator('recorded-crime.burglary', ws.config);
  return computeIndicator(def, financialYear(startYear), { config: ws.config, source: new DataSource(ws), startYear });
}

/** Run the CLI in-process with captured streams. */
async function cli(args: string[], cwd: string) {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, env: {} as Record<string, string | undefined>, cwd };
  const code = await run(args, io);
  return { code, ...out };
}

const essex = (csp: string, years: Record<number, number[]>): Area => ({ csp, force: 'Essex', years });
const FULL = [1, 2, 3, 4];

describe('corpus: Home Office CSP table', () => {
  it('two editions of the Essex table side by side (2022 and 2023 releases) are refused, naming both files and lines', async () => {
    const dir = tempDir();
    // The 2023 release repeats 2021/22 (revised) and adds 2022/23: 2021/22 would be counted twice.
    const older = table([essex('Basildon', { 2021: FULL }), essex('Colchester', { 2021: FULL })]);
    const newer = table([essex('Basildon', { 2021: FULL, 2022: FULL }), essex('Colchester', { 2021: FULL, 2022: FULL })]);
    writeTree(dir, {
      'swp.config.yaml': config({ name: 'Basildon', code: 'E07000066', peers: ['Colchester'] }, ['home-office']),
      'home-office/prc-csp-mar22.csv': older,
      'home-office/prc-csp-mar23.csv': newer,
      'population/population.csv': essexPopulation([2021, 2022]),
    });
    const r = await cli(['validate', '-w', dir], dir);
    expect(r.code).toBe(3);
    // The first row of each file is Basildon 2021/22 Q1 burglary (line 2 of both files).
    expect(r.stderr).toContain('error: home-office/prc-csp-mar23.csv:2: the Home Office table is given twice: home-office/prc-csp-mar22.csv line 2 and home-office/prc-csp-mar23.csv line 2 both give 2021/22 Q1 "Burglary - Residential" (28E) for Basildon');
    // 2 CSPs × 4 quarters × 6 offences of 2021/22 overlap.
    expect(r.stderr).toContain(`(${2 * 4 * OFFENCES.length} rows of these two files overlap)`);
    expect(r.stderr).toMatch(/hint: +two editions of the table are probably kept side by side: keep one edition/);
  });

  it('an annual edition and a quarterly edition of the same year are refused (the annual row overlaps every quarter)', async () => {
    const dir = tempDir();
    const quarterly = table([essex('Chelmsford', { 2022: FULL })]);
    const annual = `${HEADER}\n2022/23,,Essex,Chelmsford,Shoplifting,Theft offences,Shoplifting,46,"1,912"\n`;
    writeTree(dir, {
      'swp.config.yaml': config({ name: 'Chelmsford', code: 'E07000070', peers: [] }, ['home-office/annual.csv', 'home-office/quarterly.csv']),
      'home-office/annual.csv': annual,
      'home-office/quarterly.csv': quarterly,
      'population/population.csv': essexPopulation([2022]),
    });
    const err = await rejection(load(dir));
    expect(err.code).toBe(3);
    // Shoplifting is the 4th offence: quarter q's row is on line 1 + (q − 1) × 6 + 4.
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: 'home-office/quarterly.csv', line: 5 });
    expect(err.problems[0]!.message).toContain('home-office/annual.csv line 2 and home-office/quarterly.csv line 5 both give 2022/23 Q1 "Shoplifting" (46) for Chelmsford (4 rows of these two files overlap)');
  });

  it('two editions pasted into one file, one rewording a description under the same offence code, are refused naming both lines', async () => {
    const dir = tempDir();
    const first = table([essex('Harlow', { 2022: [1] })]);
    // The later edition's rows, pasted below, with "Burglary - Residential" reworded as "Residential burglary".
    const pasted = table([essex('Harlow', { 2022: [1] })]).split('\r\n').slice(1).filter(Boolean).map((l) => l.replace('Burglary - Residential', 'Residential burglary'));
    writeTree(dir, {
      'swp.config.yaml': config({ name: 'Harlow', code: 'E07000073', peers: [] }, ['home-office/csp.csv']),
      'home-office/csp.csv': `${first}${pasted.join('\r\n')}\r\n`,
      'population/population.csv': essexPopulation([2022]),
    });
    const err = await rejection(load(dir));
    expect(err.code).toBe(3);
    // 6 offences on lines 2–7, pasted again on lines 8–13: every pasted row is a duplicate of the row 6 lines up.
    expect(err.problems.map((p) => p.line)).toEqual([8, 9, 10, 11, 12, 13]);
    expect(err.problems[0]).toMatchObject({ file: 'home-office/csp.csv', message: 'duplicate row: lines 2 and 8 both give 2022/23 Q1 "Residential burglary" for Harlow' });
    expect(err.problems[0]!.hint).toMatch(/keep one edition/);
  });

  it('a partial current year (2023/24, April to December) is compared with the peers and the force on the same quarters only', async () => {
    const dir = tempDir();
    // Basildon and Colchester have Q1–Q3 of 2023/24; Chelmsford's table is a quarter ahead (all four quarters).
    const areas = [essex('Basildon', { 2023: [1, 2, 3] }), essex('Colchester', { 2023: [1, 2, 3] }), essex('Chelmsford', { 2023: FULL })];
    writeTree(dir, {
      'swp.config.yaml': config({ name: 'Basildon', code: 'E07000066', peers: ['Colchester', 'Chelmsford'] }, ['home-office/csp.csv']),
      'home-office/csp.csv': table(areas),
      'population/population.csv': essexPopulation([2023]),
    });
    const { ws, warnings } = await load(dir);
    expect(warnings).toEqual([]);
    const r = burglaryIndicator(ws, 2023);
    const q = [1, 2, 3];
    const rate = (csp: string) => (burglary(csp, 2023, q) / ESSEX[csp]!.pop) * 1000;
    // Chelmsford's fourth quarter is not added: its rate is over April to December, as the others'.
    expect(r.peers!.average).toBeCloseTo((rate('Colchester') + rate('Chelmsford')) / 2, 10);
    expect(r.peers!.of).toBe(3);
    const rates = ['Basildon', 'Colchester', 'Chelmsford'].map(rate);
    expect(r.peers!.rank).toBe(1 + rates.slice(1).filter((v) => v > rates[0]!).length);
    // The force figure: the three partnerships' April-to-December offences over their populations.
    const forceCount = ['Basildon', 'Colchester', 'Chelmsford'].reduce((a, c) => a + burglary(c, 2023, q), 0);
    const forcePop = ESSEX.Basildon!.pop + ESSEX.Colchester!.pop + ESSEX.Chelmsford!.pop;
    expect(r.force!.name).toBe('Essex');
    expect(r.force!.value).toBeCloseTo((forceCount / forcePop) * 1000, 10);
    expect(r.notes).toContain('2023/24 Home Office figures cover April to December only: compared with the same quarters of the other areas');
    // validate says so too, without a warning (the current year is always partial).
    const v = await cli(['validate', '--fail-on-warnings', '-w', dir], dir);
    expect(v.code).toBe(0);
    expect(v.stderr).toContain('Basildon: 2023/24 covers April to December only: compared as a year to date, with the same quarters of the other areas');
  });

  it('a peer missing a quarter (Harlow has no 2022/23 Q4) is left out of the comparison with a note, never compared on nine months against twelve', async () => {
    const dir = tempDir();
    const areas = [essex('Basildon', { 2022: FULL }), essex('Colchester', { 2022: FULL }), essex('Harlow', { 2022: [1, 2, 3] })];
    writeTree(dir, {
      'swp.config.yaml': config({ name: 'Basildon', code: 'E07000066', peers: ['Colchester', 'Harlow'] }, ['home-office/csp.csv']),
      'home-office/csp.csv': table(areas),
      'population/population.csv': essexPopulation([2022]),
    });
    const { ws } = await load(dir);
    const r = burglaryIndicator(ws, 2022);
    // Only Colchester is compared: the average is Colchester's whole-year rate, ranked among two.
    const colchester = (burglary('Colchester', 2022, FULL) / ESSEX.Colchester!.pop) * 1000;
    expect(r.peers).toMatchObject({ of: 2 });
    expect(r.peers!.average).toBeCloseTo(colchester, 10);
    expect(r.notes).toContain("Harlow left out of the most similar group: its 2022/23 Home Office figures cover April to December, not all of April to March as Basildon's do");
    // The force figure leaves Harlow out too, and says so; it is Basildon and Colchester's.
    expect(r.notes).toContain('left out of the Essex figure, as their 2022/23 Home Office figures do not cover April to March: Harlow (April to December)');
    const both = (burglary('Basildon', 2022, FULL) + burglary('Colchester', 2022, FULL)) / (ESSEX.Basildon!.pop + ESSEX.Colchester!.pop);
    expect(r.force!.value).toBeCloseTo(both * 1000, 10);
    // The partnership's whole year is not shortened to the peer's nine months.
    expect(r.notes.some((n) => n.includes('cover April to December only'))).toBe(false);
    const v = await cli(['validate', '-w', dir], dir);
    expect(v.stderr).toContain('Basildon: 2022/23 complete (April to March)');
    expect(v.stderr).toContain('peers left out of 2022/23 comparisons, with fewer quarters than Basildon: Harlow (April to December)');
  });

  it('subgroups renamed across editions (2013/14 spellings and 2022/23 spellings in two files) are all counted', async () => {
    const dir = tempDir();
    // The same offences as spelt in an older and a newer edition: case, "&", "Misc", "Arson and criminal damage",
    // "Residential burglary" for "Domestic burglary".
    const old: Offence[] = [
      { description: 'Burglary in a dwelling', group: 'Burglary', subgroup: 'Domestic Burglary', code: '28A', burglary: true, all: true },
      { description: 'Assault with injury', group: 'Violence Against the Person', subgroup: 'Violence with Injury', code: '8N', all: true },
      { description: 'Criminal damage to a dwelling', group: 'Arson & Criminal Damage', subgroup: 'Criminal Damage', code: '58A', all: true },
      { description: 'Other notifiable offences', group: 'Misc crimes against society', subgroup: 'Misc crimes against society', code: '99', all: true },
    ];
    const renamed: Offence[] = [
      { description: 'Burglary - Residential', group: 'Theft offences', subgroup: 'Residential burglary', code: '28E', burglary: true, all: true },
      { description: 'Stalking', group: 'Violence against the person', subgroup: 'Stalking and harassment', code: '8Q', all: true },
      { description: 'Causing death or serious injury by dangerous driving', group: 'Violence against the person', subgroup: 'Death or serious injury caused by unlawful driving', code: '4.4', all: true },
      { description: 'Rape of a female aged 16 and over', group: 'Sexual offences', subgroup: 'Rape', code: '19C', all: true },
      { description: 'Arson not endangering life', group: 'Arson and criminal damage', subgroup: 'Arson', code: '56B', all: true },
    ];
    writeTree(dir, {
      'swp.config.yaml': config({ name: 'Colchester', code: 'E07000071', peers: [] }, ['home-office']),
      'home-office/prc-csp-2013.csv': table([essex('Colchester', { 2013: FULL })], old),
      'home-office/prc-csp-2022.csv': table([essex('Colchester', { 2022: FULL })], renamed),
      'population/population.csv': essexPopulation([2013, 2022]),
    });
    const { ws, warnings } = await load(dir);
    expect(warnings).toEqual([]);
    const src = new DataSource(ws);
    const sum = (year: number, offences: Offence[], pick: (o: Offence) => boolean) => {
      let t = 0;
      for (const q of FULL) offences.forEach((o, i) => (t += pick(o) ? countOf('Colchester', year, q, i) : 0));
      return t;
    };
    expect(src.homeOfficeCount('Colchester', 'recorded-crime.all', 2013)).toBe(sum(2013, old, () => true));
    expect(src.homeOfficeCount('Colchester', 'recorded-crime.all', 2022)).toBe(sum(2022, renamed, () => true));
    expect(src.homeOfficeCount('Colchester', 'recorded-crime.burglary', 2022)).toBe(sum(2022, renamed, (o) => !!o.burglary));
    expect(src.homeOfficeCount('Colchester', 'recorded-crime.other-crime', 2013)).toBe(sum(2013, old, (o) => o.code === '99'));
    expect(src.homeOfficeCount('Colchester', 'recorded-crime.criminal-damage-and-arson', 2022)).toBe(sum(2022, renamed, (o) => o.code === '56B'));
    expect(src.homeOfficeCount('Colchester', 'recorded-crime.violence-and-sexual-offences', 2022)).toBe(sum(2022, renamed, (o) => ['8Q', '4.4', '19C'].includes(o.code)));
  });

  it('an unknown subgroup is reported with its file, line, text and the offences not allocated; fraud (Action Fraud) is known and allocated to no category', async () => {
    const dir = tempDir();
    const offences: Offence[] = [
      ...OFFENCES,
      { description: 'Fraud offences recorded by the police', group: 'Fraud offences', subgroup: 'Fraud offences', code: '53', all: false },
      { description: 'Knife crime (experimental)', group: 'Violence against the person', subgroup: 'Knife enabled violence', code: 'X1', all: false },
    ];
    writeTree(dir, {
      'swp.config.yaml': config({ name: 'Southend-on-Sea', code: 'E06000033', peers: [] }, ['home-office/csp.csv']),
      'home-office/csp.csv': table([essex('Southend-on-Sea', { 2022: FULL })], offences),
      'population/population.csv': essexPopulation([2022]),
    });
    const { ws, warnings } = await load(dir);
    // One warning, for the unknown subgroup only (fraud is known). Its first row is offence 8 of quarter 1: line 9.
    const unknownIndex = offences.length - 1;
    const unallocated = FULL.reduce((a, q) => a + countOf('Southend-on-Sea', 2022, q, unknownIndex), 0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'home-office/csp.csv', line: 1 + unknownIndex + 1 });
    expect(warnings[0]!.message).toContain('offence subgroup "Knife enabled violence" (group "Violence against the person") is not one swp knows');
    expect(warnings[0]!.message).toContain(`its ${unallocated.toLocaleString('en-GB')} offences (4 rows, the first on this line) are not allocated to any police.uk category`);
    // All crime is the police.uk categories only: neither fraud nor the unknown rows are in it.
    let expected = 0;
    for (const q of FULL) offences.forEach((o, i) => (expected += o.all ? countOf('Southend-on-Sea', 2022, q, i) : 0));
    expect(new DataSource(ws).homeOfficeCount('Southend-on-Sea', 'recorded-crime.all', 2022)).toBe(expected);
  });

  it('ONS "Bristol, City of" in the population file and config, Home Office "Bristol" in the table: the same area, compared with its force', async () => {
    const dir = tempDir();
    const avon = (csp: string): Area => ({ csp, force: 'Avon and Somerset', years: { 2022: FULL } });
    const AVON: Record<string, { code: string; ons: string; pop: number }> = {
      Bristol: { code: 'E06000023', ons: 'Bristol, City of', pop: 472_400 },
      'Bath and North East Somerset': { code: 'E06000022', ons: 'Bath and North East Somerset', pop: 193_400 },
      'North Somerset': { code: 'E06000024', ons: 'North Somerset', pop: 216_700 },
      'South Gloucestershire': { code: 'E06000025', ons: 'South Gloucestershire', pop: 292_900 },
    };
    writeTree(dir, {
      // No cspName: the area's ONS name is matched to the table's "Bristol"; a peer is given by its ONS code.
      'swp.config.yaml': config({ name: 'Bristol, City of', code: 'E06000023', peers: ['E06000024', 'South Gloucestershire'] }, ['home-office/csp.csv']),
      // One partnership spelt with "&", and the force spelt with "&" on another's rows, as editions differ.
      'home-office/csp.csv': table(Object.keys(AVON).map(avon))
        .replace(/,Bath and North East Somerset,/g, ',Bath & North East Somerset,')
        .replace(/,Avon and Somerset,South Gloucestershire,/g, ',Avon & Somerset,South Gloucestershire,'),
      'population/population.csv': population(Object.values(AVON).map((v) => ({ code: v.code, name: v.ons, pop: v.pop })), [2022]),
    });
    const { ws, warnings } = await load(dir);
    expect(warnings).toEqual([]);
    const r = burglaryIndicator(ws, 2022);
    const rate = (csp: string) => (burglary(csp, 2022, FULL) / AVON[csp]!.pop) * 1000;
    expect(r.peers!.of).toBe(3);
    expect(r.peers!.average).toBeCloseTo((rate('North Somerset') + rate('South Gloucestershire')) / 2, 10);
    const total = Object.keys(AVON).reduce((a, c) => a + burglary(c, 2022, FULL), 0);
    const pop = Object.values(AVON).reduce((a, v) => a + v.pop, 0);
    expect(r.force).toMatchObject({ name: 'Avon and Somerset' });
    expect(r.force!.value).toBeCloseTo((total / pop) * 1000, 10);
  });

  it('a misspelt peer ("Colchster") is flagged by validate with "did you mean" and left out of the comparison', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'swp.config.yaml': config({ name: 'Basildon', code: 'E07000066', peers: ['Colchster', 'Chelmsford'] }, ['home-office/csp.csv']),
      'home-office/csp.csv': table([essex('Basildon', { 2022: FULL }), essex('Colchester', { 2022: FULL }), essex('Chelmsford', { 2022: FULL })]),
      'population/population.csv': essexPopulation([2022]),
    });
    const r = await cli(['validate', '-w', dir], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: peer "Colchster" is not in the Home Office CSP table: it is left out of the most similar group comparison; did you mean "Colchester"?');
    const strict = await cli(['validate', '--fail-on-warnings', '-w', dir], dir);
    expect(strict.code).toBe(6);
    // In the document: only Chelmsford is compared, and the note says which peer is missing.
    const { ws } = await load(dir);
    const ind = burglaryIndicator(ws, 2022);
    expect(ind.peers!.of).toBe(2);
    expect(ind.peers!.average).toBeCloseTo((burglary('Chelmsford', 2022, FULL) / ESSEX.Chelmsford!.pop) * 1000, 10);
    expect(ind.notes).toContain('peer Colchster is not in the Home Office CSP table: left out of the most similar group');
  });

  it('the partnership name is not in the table ("Basildon District"): validate warns naming the nearest names, and no comparison is made', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'swp.config.yaml': config({ name: 'Basildon', code: 'E07000066', cspName: 'Basildon District', peers: ['Colchester'] }, ['home-office/csp.csv']),
      'home-office/csp.csv': table([essex('Basildon', { 2022: FULL }), essex('Colchester', { 2022: FULL }), essex('Harlow', { 2022: FULL })]),
      'population/population.csv': essexPopulation([2022]),
    });
    const r = await cli(['validate', '-w', dir], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: the partnership "Basildon District" is not in the Home Office CSP table, so it cannot be compared with its most similar group or its police force area: the nearest names in the table are "Basildon", /);
    expect(r.stderr).toContain('set area.cspName to the name the table uses');
    const { ws } = await load(dir);
    const ind = burglaryIndicator(ws, 2022);
    expect(ind.peers).toBeNull();
    expect(ind.force).toBeNull();
  });

  it('a whole year of the national table (310 partnerships, over 150,000 rows, as one file) loads and compares the partnership', async () => {
    const dir = tempDir();
    // One year's national file has more rows than a JavaScript call takes arguments (push(...rows) overflowed).
    const many: Offence[] = Array.from({ length: 121 }, (_, k) => ({ ...OFFENCES[k % OFFENCES.length]!, code: `${OFFENCES[k % OFFENCES.length]!.code}.${k}` }));
    const areas = [...Object.keys(ESSEX).map((csp) => essex(csp, { 2022: FULL })), ...Array.from({ length: 305 }, (_, i) => ({ csp: `Partnership ${i + 1}`, force: `Force ${(i % 42) + 1}`, years: { 2022: FULL } }))];
    const text = table(areas, many);
    expect(text.split('\r\n').length - 2).toBe(310 * 4 * 121);
    writeTree(dir, {
      'swp.config.yaml': config({ name: 'Basildon', code: 'E07000066', peers: ['Colchester'] }, ['home-office/prc-csp-2022-23.csv']),
      'home-office/prc-csp-2022-23.csv': text,
      'population/population.csv': essexPopulation([2022]),
    });
    const { ws, warnings } = await load(dir);
    expect(warnings).toEqual([]);
    expect(ws.homeOffice).toHaveLength(310 * 4 * 121);
    let colchester = 0;
    for (const q of FULL) many.forEach((o, i) => (colchester += o.burglary ? countOf('Colchester', 2022, q, i) : 0));
    const r = burglaryIndicator(ws, 2022);
    expect(r.peers!.average).toBeCloseTo((colchester / ESSEX.Colchester!.pop) * 1000, 10);
  }, 120_000);

  it('the strategic assessment of Basildon (police.uk Essex December 2022 sample) carries the year-to-date note for 2022/23 in its indicators', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'swp.config.yaml': config({ name: 'Basildon', code: 'E07000066', peers: ['Colchester', 'Harlow'] }, ['home-office/csp.csv']).replace(
        'inputs:\n',
        'inputs:\n  policeUk: [crime]\n',
      ),
      'home-office/csp.csv': table([essex('Basildon', { 2022: [1, 2, 3] }), essex('Colchester', { 2022: [1, 2, 3] }), essex('Harlow', { 2022: [1, 2] })]),
      'population/population.csv': essexPopulation([2022]),
    });
    writeTree(dir, { 'crime/2022-12/.keep': '' });
    copyFileSync(join(REAL_DATA, '2022-12-essex-street-sample.csv'), join(dir, 'crime/2022-12/2022-12-essex-street.csv'));
    const { ws } = await load(dir);
    const a = buildAssessment(ws, 2022, { dataAsAt: '2023-03-31', version: 'test' });
    const burg = a.indicators.find((i) => i.id === 'recorded-crime.burglary')!;
    expect(burg.notes).toContain('2022/23 Home Office figures cover April to December only: compared with the same quarters of the other areas');
    expect(burg.notes).toContain("Harlow left out of the most similar group: its 2022/23 Home Office figures cover April to September, not all of April to December as Basildon's do");
    const rate = (csp: string) => (burglary(csp, 2022, [1, 2, 3]) / ESSEX[csp]!.pop) * 1000;
    expect(burg.peers).toMatchObject({ of: 2 });
    expect(burg.peers!.average).toBeCloseTo(rate('Colchester'), 10);
  });
});
