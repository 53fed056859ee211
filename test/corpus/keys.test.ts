/**
 * Corpus, issue 11 points 3 and 5: one figure per key across files, and the mismatches `validate` catches.
 *
 * Each case builds a workspace for Basildon (Essex) in a temporary folder from real-format files: the real police.uk
 * sample (Essex Police, December 2022), the real ONS wide population excerpt, and measures and population files in
 * the canonical layouts (README "Inputs"). Expected figures are computed here from the rows written, never read back
 * from swp.
 */
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAssessment } from '../../src/analysis/assessment.js';
import { buildReport } from '../../src/analysis/report.js';
import { run } from '../../src/cli/run.js';
import { loadWorkspace } from '../../src/ingest/workspace.js';
import type { Warning } from '../../src/model/errors.js';
import { FIXTURES, REAL_DATA, rejection, tempDir, writeTree } from '../helpers.js';

const ESSEX_STREET = readFileSync(join(REAL_DATA, '2022-12-essex-street-sample.csv'));
const ONS_WIDE = readFileSync(join(FIXTURES, 'ingest/population/ons-snpp2018-la-population_EXCERPT.tsv'));

const MEASURES_HEADER = 'indicator,area_code,area_name,period_start,period_end,numerator,denominator,reoffences,status';
const POPULATION_HEADER = 'area_code,area_name,year,age_band,population';

/** A proven reoffending row: adult cohort of one area and period (MoJ local-authority tables, canonical layout). */
interface Cohort {
  start: string;
  end: string;
  reoffenders: number;
  offenders: number;
  reoffences: number;
  status?: 'p' | 'r';
  code?: string;
  name?: string;
}
const row = (c: Cohort) =>
  `reoffending.adult,${c.code ?? 'E07000066'},${c.name ?? 'Basildon'},${c.start},${c.end},${c.reoffenders},${c.offenders},${c.reoffences},${c.status ?? ''}`;
const measures = (...cohorts: Cohort[]) => `${MEASURES_HEADER}\n${cohorts.map(row).join('\n')}\n`;

/** The four quarterly adult cohorts of 2020/21 for Basildon (invented figures of a plausible size). */
const Q2020: Cohort[] = [
  { start: '2020-04-01', end: '2020-06-30', reoffenders: 61, offenders: 248, reoffences: 214 },
  { start: '2020-07-01', end: '2020-09-30', reoffenders: 74, offenders: 291, reoffences: 260 },
  { start: '2020-10-01', end: '2020-12-31', reoffenders: 70, offenders: 277, reoffences: 231 },
  { start: '2021-01-01', end: '2021-03-31', reoffenders: 66, offenders: 263, reoffences: 220 },
];

const POPULATION = `${POPULATION_HEADER}\nE07000066,Basildon,2020,all,187199\nE07000066,Basildon,2021,all,187558\nE07000066,Basildon,2022,all,188810\n`;

/** swp.config.yaml for Basildon; `area` and `extra` replace or add lines. */
function config(o: { police?: boolean; scores?: boolean; code?: string; name?: string; extra?: string; measures?: string } = {}): string {
  return [
    'version: 1',
    'partnership:',
    '  name: Safer Basildon Partnership',
    'area:',
    `  name: ${o.name ?? 'Basildon'}`,
    `  code: ${o.code ?? 'E07000066'}`,
    '  force: Essex Police',
    'inputs:',
    ...(o.police === false ? [] : ['  policeUk: [crime]']),
    `  measures: ${o.measures ?? '[measures]'}`,
    '  population: [population]',
    ...(o.scores ? ['  scores: workspace/scores.csv'] : []),
    'indicators:',
    '  - { id: reoffending.adult, label: Adult proven reoffending, polarity: lower-is-better }',
    o.extra ?? '',
  ].join('\n');
}

/** A Basildon workspace: the real Essex street file, population, and the files given (path → content). */
function workspace(files: Record<string, string | Uint8Array>, o: Parameters<typeof config>[0] = {}): string {
  const dir = tempDir('swp-keys-');
  temps.push(dir);
  return writeTree(dir, {
    'swp.config.yaml': config(o),
    ...(o.police === false ? {} : { 'crime/2022-12/2022-12-essex-street.csv': ESSEX_STREET }),
    'population/mid-year-estimates.csv': POPULATION,
    ...files,
  });
}

/** Run the CLI in-process with the workspace as the working directory (paths in messages are relative to it). */
async function cli(ws: string, args: string[]) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    env: {} as Record<string, string | undefined>,
    cwd: ws,
  };
  const code = await run([...args, '-w', ws], io);
  expect(out.stderr, out.stderr).not.toMatch(/internal error|This is a bug in swp/);
  return { code, ...out };
}

/** Load a workspace with the library, collecting warnings. */
async function load(ws: string) {
  const warnings: Warning[] = [];
  const loaded = await loadWorkspace(ws, { displayBase: ws, onWarning: (w) => warnings.push(w), latestMonth: '2023-06' });
  return { ws: loaded, warnings };
}

const OPTIONS = { dataAsAt: '2023-06-30', version: 'test' };

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

describe('one figure per key across files (issue 11, point 3)', () => {
  it('the same measures file kept under two names (a browser download saved twice) is refused, naming both files and lines', async () => {
    const text = measures(...Q2020);
    const ws = workspace({ 'measures/proven-reoffending-la.csv': text, 'measures/proven-reoffending-la (1).csv': text });
    const r = await cli(ws, ['validate']);
    expect(r.code).toBe(3);
    // Folders are read in sorted order: "… (1).csv" sorts before "….csv" (space before full stop), so it is the first.
    expect(r.stderr).toContain(
      'error: measures/proven-reoffending-la.csv:2: a measure given twice: measures/proven-reoffending-la.csv line 2 and measures/proven-reoffending-la (1).csv line 2 both give reoffending.adult for Basildon (E07000066) from 2020-04-01 to 2020-06-30',
    );
    expect(r.stderr).toContain(`found:    ${Q2020.length} rows of measures/proven-reoffending-la.csv repeat rows of measures/proven-reoffending-la (1).csv with the same figures`);
    expect(r.stderr).toContain('keep one copy');
    // One problem for the pair of files, not one per row.
    expect(r.stderr.match(/^error:/gm)).toHaveLength(1);
  });

  it('a measures file named in the config beside the folder that holds it is refused as read twice, not as 4 duplicates', async () => {
    const ws = workspace({ 'measures/reoffending.csv': measures(...Q2020) }, { measures: '[measures, measures/reoffending.csv]' });
    const r = await cli(ws, ['validate']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error: measures/reoffending.csv (key inputs.measures): measures/reoffending.csv is read twice: the config names it twice, directly or through a folder that holds it');
    expect(r.stderr).toContain(`found:    ${Q2020.length} rows read twice`);
    expect(r.stderr.match(/^error:/gm)).toHaveLength(1);
  });

  it('a revised edition (status r) beside the provisional one: the revised figures are used, with a warning and a note naming both', async () => {
    const provisional = Q2020.map((c, i) => (i >= 2 ? { ...c, status: 'p' as const } : c));
    const revised = [
      { ...Q2020[2]!, reoffenders: 72, reoffences: 240, status: 'r' as const },
      { ...Q2020[3]!, reoffenders: 69, offenders: 265, reoffences: 229, status: 'r' as const },
    ];
    const ws = workspace({ 'measures/reoffending-jan-2023.csv': measures(...provisional), 'measures/reoffending-apr-2023.csv': measures(...revised) });
    const { ws: loaded, warnings } = await load(ws);
    const a = buildAssessment(loaded, 2020, OPTIONS).indicators.find((i) => i.id === 'reoffending.adult')!;
    // Q1 and Q2 from January's edition, Q3 and Q4 revised in April's: 61 + 74 + 72 + 69 reoffenders of 248 + 291 + 277 + 265.
    expect(a.count).toBe(61 + 74 + 72 + 69);
    expect(a.denominator).toBe(248 + 291 + 277 + 265);
    expect(a.revision).toBe('revised');
    expect(a.notes.join('\n')).toContain('measures/reoffending-apr-2023.csv line 2 replaces measures/reoffending-jan-2023.csv line 4; measures/reoffending-apr-2023.csv line 3 replaces measures/reoffending-jan-2023.csv line 5');
    const w = warnings.find((x) => x.message.startsWith('revised figures replace earlier ones'));
    expect(w?.message).toContain('2 rows marked r (revised) in measures/reoffending-apr-2023.csv replace the provisional or unmarked rows for the same indicator, area and period in measures/reoffending-jan-2023.csv');
    expect(w).toMatchObject({ file: 'measures/reoffending-apr-2023.csv', line: 2 });
  });

  it('a revised row added under the provisional one in the same file: the revised figure is used', async () => {
    const q4r = { ...Q2020[3]!, reoffenders: 64, offenders: 262, reoffences: 219, status: 'r' as const };
    const ws = workspace({ 'measures/reoffending.csv': measures(...Q2020.slice(0, 3), { ...Q2020[3]!, status: 'p' }, q4r) });
    const { ws: loaded, warnings } = await load(ws);
    const a = buildAssessment(loaded, 2020, OPTIONS).indicators.find((i) => i.id === 'reoffending.adult')!;
    expect(a.count).toBe(61 + 74 + 70 + 64);
    expect(a.denominator).toBe(248 + 291 + 277 + 262);
    expect(a.notes.join('\n')).toContain('measures/reoffending.csv line 6 replaces measures/reoffending.csv line 5');
    expect(warnings.some((w) => w.message.startsWith('revised figures replace earlier ones') && w.line === 6)).toBe(true);
  });

  it('two provisional editions with different figures and no revised mark are refused, naming both files and lines', async () => {
    const later = Q2020.map((c) => ({ ...c, status: 'p' as const, reoffenders: c.reoffenders + 1 }));
    const ws = workspace({ 'measures/2023-01-reoffending.csv': measures(...Q2020.map((c) => ({ ...c, status: 'p' as const }))), 'measures/2023-04-reoffending.csv': measures(...later) });
    const r = await cli(ws, ['validate']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error: measures/2023-04-reoffending.csv:2: a measure given twice: measures/2023-04-reoffending.csv line 2 and measures/2023-01-reoffending.csv line 2 both give reoffending.adult');
    expect(r.stderr).toContain(', 4 with different figures');
    expect(r.stderr).toContain('mark the newer figures r (revised)');
  });

  it('population for mid-2021 in two canonical files (a new estimates file beside the old one) is refused, naming both', async () => {
    const ws = workspace({ 'population/mid-2021-estimates.csv': `${POPULATION_HEADER}\nE07000066,Basildon,2021,All ages,187600\n` });
    const r = await cli(ws, ['validate']);
    expect(r.code).toBe(3);
    // Sorted: mid-2021-estimates.csv is read before mid-year-estimates.csv ("2" before "y").
    expect(r.stderr).toContain(
      'error: population/mid-year-estimates.csv:3: a population given twice: population/mid-year-estimates.csv line 3 and population/mid-2021-estimates.csv line 2 both give the mid-2021 population of Basildon (E07000066), age band all',
    );
    expect(r.stderr).toContain('1 row of population/mid-year-estimates.csv repeats rows of population/mid-2021-estimates.csv, 1 with different figures');
  });

  it('the ONS wide table and a canonical file both giving County Durham mid-2019 are refused, naming both files and lines', async () => {
    const ws = workspace(
      {
        'population/ons-snpp2018-la-population.tsv': ONS_WIDE,
        'population/county-durham.csv': `${POPULATION_HEADER}\nE06000047,County Durham,2019,all,"530,094"\n`,
      },
      { name: 'County Durham', code: 'E06000047', police: false },
    );
    rmSync(join(ws, 'population/mid-year-estimates.csv'));
    const r = await cli(ws, ['validate']);
    expect(r.code).toBe(3);
    // County Durham "All ages" is the 5th data row of the ONS excerpt: line 6. county-durham.csv is read first (sorted).
    expect(r.stderr).toContain(
      'error: population/ons-snpp2018-la-population.tsv:6: a population given twice: population/ons-snpp2018-la-population.tsv line 6 and population/county-durham.csv line 2 both give the mid-2019 population of County Durham (E06000047), age band all',
    );
  });

  it('quarterly and 12-month cohorts with one small quarterly cohort: the 12-month figure is shown, the small quarter cannot be worked out from the reports', async () => {
    // Q2's cohort has 3 reoffenders (below the threshold of 5). The 12-month cohort (232 of 861) is a figure of its
    // own, checked on its own; the quarters' years to date are sums of the quarters and follow the year's rule.
    const quarters: Cohort[] = [Q2020[0]!, { start: '2020-07-01', end: '2020-09-30', reoffenders: 3, offenders: 19, reoffences: 4 }, Q2020[2]!, Q2020[3]!];
    const annual: Cohort = { start: '2020-04-01', end: '2021-03-31', reoffenders: 232, offenders: 861, reoffences: 905 };
    const monitored = 'strategicPriorities:\n  - { id: reoffending, label: Reducing Reoffending, indicators: [reoffending.adult] }';
    const ws = workspace({ 'measures/quarterly.csv': measures(...quarters), 'measures/annual.csv': measures(annual) }, { police: false, extra: monitored });
    const { ws: loaded } = await load(ws);
    const a = buildAssessment(loaded, 2020, OPTIONS).indicators.find((i) => i.id === 'reoffending.adult')!;
    expect(a.count).toBe(232);
    expect(a.suppressed).toBe(false);
    // Every count the four quarterly reports publish for the year: no combination of them gives Q2's 3 back.
    const published: Record<string, number | null> = {};
    for (const q of [1, 2, 3, 4]) {
      const r = buildReport(loaded, { startYear: 2020, quarter: q as 1 | 2 | 3 | 4 }, OPTIONS).rows.find((x) => x.id === 'reoffending.adult')!;
      published[`Q${q}`] = r.quarter.count;
      published[`Y${q}`] = r.yearToDate.count;
    }
    expect(published.Q1).toBe(61);
    expect(published.Q2).toBeNull();
    const known = (k: string) => published[k] !== null && published[k] !== undefined;
    // Q2 = Y2 − Q1 = Y3 − Q1 − Q3 = (year to date at Q4 from the quarters) − Q1 − Q3 − Q4: each needs a hidden cell.
    expect(known('Y2') && known('Q1')).toBe(false);
    expect(known('Y3') && known('Q1') && known('Q3')).toBe(false);
  });

  it('quarterly and 12-month reoffending cohorts for the same year: the 12-month row is used as published, and the note says so', async () => {
    const annual: Cohort = { start: '2020-04-01', end: '2021-03-31', reoffenders: 232, offenders: 861, reoffences: 905 };
    const ws = workspace({ 'measures/reoffending-quarterly.csv': measures(...Q2020), 'measures/reoffending-annual.csv': measures(annual) });
    const { ws: loaded } = await load(ws);
    const a = buildAssessment(loaded, 2020, OPTIONS).indicators.find((i) => i.id === 'reoffending.adult')!;
    // The 12-month cohort counts each offender once: its own figures, not the quarters' sum (271 of 1,079) nor both.
    expect(a.count).toBe(232);
    expect(a.denominator).toBe(861);
    expect(a.period).toMatchObject({ start: '2020-04-01', end: '2021-03-31' });
    expect(a.notes).toContain('the 12-month row for 2020-04-01 to 2021-03-31 is used as published; the 4 shorter rows for the same months are not added to it');
    expect(a.notes.join('\n')).not.toMatch(/lag|latest available/);
  });

  it('a year whose quarterly rows stop at September: the previous year is used and the note gives that reason, not a lag (JSON, --fail-on-warnings exit 6)', async () => {
    const y2021: Cohort[] = [
      { start: '2021-04-01', end: '2021-06-30', reoffenders: 58, offenders: 240, reoffences: 199 },
      { start: '2021-07-01', end: '2021-09-30', reoffenders: 63, offenders: 251, reoffences: 207 },
    ];
    const ws = workspace({ 'measures/reoffending.csv': measures(...Q2020, ...y2021) }, { police: false });
    const out = join(ws, 'out');
    const plain = await cli(ws, ['assess', '--year', '2021/22', '--format', 'json', '--out', out, '--date', '2023-06-30']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).not.toMatch(/^warning:/m);
    const doc = JSON.parse(readFileSync(join(out, 'assessment-2021-22.json'), 'utf8'));
    const a = doc.indicators.find((i: { id: string }) => i.id === 'reoffending.adult');
    expect(a.count).toBe(61 + 74 + 70 + 66);
    expect(a.period.label).toBe('2020/21');
    const note = 'latest available: 2020/21; no figure for 2021/22: the rows for 2021/22 cover April to September 2021 only: no rows for October 2021 to March 2022';
    expect(a.notes).toContain(note);
    expect(a.notes.join('\n')).not.toContain('lag');
    // The same run with --fail-on-warnings: the document's note is a warning (a figure taken from another year).
    const strict = await cli(ws, ['assess', '--year', '2021/22', '--format', 'json', '--out', join(ws, 'out2'), '--date', '2023-06-30', '--fail-on-warnings']);
    expect(strict.code).toBe(6);
    expect(strict.stderr).toContain(`warning: in the document: Adult proven reoffending (reoffending.adult): ${note}`);
  });

  it('reoffending rows that end before the year asked (published later): the note says where the rows end', async () => {
    const ws = workspace({ 'measures/reoffending.csv': measures(...Q2020) });
    const { ws: loaded } = await load(ws);
    const a = buildAssessment(loaded, 2022, OPTIONS).indicators.find((i) => i.id === 'reoffending.adult')!;
    expect(a.period.label).toBe('2020/21');
    expect(a.count).toBe(61 + 74 + 70 + 66);
    expect(a.notes[0]).toBe('latest available: 2020/21; no figure for 2022/23: the measures have no rows for 2022/23 yet; the latest ends on 2021-03-31');
  });
});

describe('mismatches caught by validate (issue 11, point 5)', () => {
  it('measures under another area code than the config’s (a neighbour’s code copied): a warning lists the codes found, closest first', async () => {
    const rows = [...Q2020, ...Q2020.map((c) => ({ ...c, code: 'E07000068', name: 'Brentwood' })), ...Q2020.map((c) => ({ ...c, code: 'K04000001', name: 'England and Wales', offenders: c.offenders * 400 }))];
    // The config carries Braintree's code (E07000067) with Basildon's name.
    const ws = workspace({ 'measures/reoffending.csv': measures(...rows) }, { code: 'E07000067' });
    const r = await cli(ws, ['validate']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: the measures have no rows for Basildon (E07000067): the areas they cover are Basildon (E07000066), Brentwood (E07000068), England and Wales (K04000001)');
    expect(r.stderr).toContain('hint: set area.code to the code the measures use for Basildon');
    expect((await cli(ws, ['validate', '--fail-on-warnings'])).code).toBe(6);
  });

  it('workshop scores for a misspelt candidate and an unweighted criterion: warnings with a did-you-mean and the configured ids', async () => {
    const extra = [
      'priorities:',
      '  candidates:',
      '    - { id: violence, label: Violence, indicators: [recorded-crime.violence-and-sexual-offences] }',
      '    - { id: reoffending, label: Reoffending, indicators: [reoffending.adult] }',
      '  criteria:',
      '    - { id: volume, weight: 2 }',
      '    - { id: public-concern, weight: 2 }',
    ].join('\n');
    const scores = [
      'candidate,criterion,score,source',
      'violence,public-concern,4,"CSP workshop, 12 January 2023"',
      'violance,public-concern,5,"CSP workshop, 12 January 2023"',
      'reoffending,public-concern,3,"CSP workshop, 12 January 2023"',
      'reoffending,vulnerability,4,"CSP workshop, 12 January 2023"',
    ].join('\n');
    const ws = workspace({ 'measures/reoffending.csv': measures(...Q2020), 'workspace/scores.csv': `${scores}\n` }, { scores: true, extra });
    const r = await cli(ws, ['validate']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: workspace/scores.csv:3: 1 score for "violance", which is not a candidate in priorities.candidates: ignored; the candidates are violence, reoffending');
    expect(r.stderr).toContain('hint: did you mean "violence"?');
    expect(r.stderr).toContain('warning: workspace/scores.csv:5: 1 score for the criterion "vulnerability", which priorities.criteria does not weight: ignored; the weighted criteria are volume, public-concern');
  });

  it('a strategic priority naming a misspelt indicator: a warning with the ids that have data and a did-you-mean', async () => {
    const extra = ['strategicPriorities:', '  - { id: reducing-reoffending, label: Reducing reoffending, indicators: [reoffending.adults] }'].join('\n');
    const ws = workspace({ 'measures/reoffending.csv': measures(...Q2020) }, { extra });
    const r = await cli(ws, ['validate']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: indicator "reoffending\.adults" has no data in any input; indicators with data: reoffending\.adult, /);
    expect(r.stderr).toContain('hint: did you mean "reoffending.adult"?');
  });

  it('a workspace for Ipswich given only Essex files: nothing can be produced, exit 3 naming what the files hold', async () => {
    const ws = workspace({ 'measures/reoffending.csv': measures(...Q2020) }, { name: 'Ipswich', code: 'E07000202' });
    const r = await cli(ws, ['validate']);
    expect(r.code).toBe(3);
    // The sample's rows, counted independently: every line after the header.
    const rows = ESSEX_STREET.toString('utf8').split(/\r?\n/).filter((l) => l !== '').length - 1;
    expect(r.stderr).toContain('error: key area: nothing can be produced for Ipswich (E07000202): no input has a row for the area');
    expect(r.stderr).toContain(`found:    ${rows.toLocaleString('en-GB')} police.uk rows, none in Ipswich; measures for Basildon (E07000066)`);
  });

  it('assess --year 2030/31 with police.uk data for December 2022 only: exit 3 naming the years the data cover', async () => {
    const ws = workspace({ 'measures/reoffending.csv': measures(...Q2020) });
    const r = await cli(ws, ['assess', '--year', '2030/31', '--format', 'json', '--out', join(ws, 'out')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error: key --year: --year 2030/31 is outside the data: no police.uk month falls in 2030/31 (April 2030 to March 2031)');
    expect(r.stderr).toContain('expected: a financial year the data cover: 2022/23');
    expect(r.stderr).toContain('found:    police.uk data for 2022/23 (2022-12 to 2022-12); measures for E07000066 from 2020-04-01 to 2021-03-31');
  });

  it('a quarterly report whose reoffending figures are not yet published for the quarter: the note says where the rows end; the publication lag does not fail --fail-on-warnings', async () => {
    // The fixture workspace: police.uk April to June 2016, adult reoffending cohorts to September 2015.
    const ws = tempDir('swp-keys-report-');
    temps.push(ws);
    cpSync(join(FIXTURES, 'workspaces/valid'), ws, { recursive: true });
    const args = ['report', '--quarter', '2016/17-Q1', '--format', 'json', '--date', '2016-08-01'];
    const plain = await cli(ws, [...args, '--out', join(ws, 'out')]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).not.toMatch(/^warning:/m);
    const doc = JSON.parse(readFileSync(join(ws, 'out/report-2016-17-Q1.json'), 'utf8'));
    const note = 'the measures have no rows for 2016/17 year to date (April to June 2016) yet; the latest ends on 2015-09-30';
    expect(doc.indicators.find((i: { id: string }) => i.id === 'reoffending.adult').notes).toContain(note);
    // Every partnership's reoffending figures lag by more than a year: a scripted run must not stop for that. (The
    // fixture's peer has no population, which is a warning of its own, so the lag is checked by what is printed.)
    const strict = await cli(ws, [...args, '--out', join(ws, 'out2'), '--fail-on-warnings']);
    expect(strict.stderr).toContain('warning: in the document');
    expect(strict.stderr).not.toContain(`warning: in the document: Adult proven reoffending (reoffending.adult): ${note}`);
    expect(strict.stderr).not.toMatch(/warning: in the document: .*the latest ends on/);
  });

  it('a loader error still lists every clash: two copied files and a duplicated population file in one run', async () => {
    const text = measures(...Q2020);
    const ws = workspace({
      'measures/a.csv': text,
      'measures/b.csv': text,
      'population/copy of mid-year-estimates.csv': POPULATION,
    });
    const err = await rejection(loadWorkspace(ws, { displayBase: ws }));
    expect(err.code).toBe(3);
    expect(err.problems.map((p) => [p.file, p.line])).toEqual([
      ['population/mid-year-estimates.csv', 2],
      ['measures/b.csv', 2],
    ]);
  });
});
