/**
 * Corpus (issue 11, points 1 and 4): police.uk coverage, and geography that changes. Each case assembles a
 * workspace from the real Essex Police street-level sample (test/fixtures/real/2022-12-essex-street-sample.csv, LSOA
 * names "<LA name> 012C"), split into month files named as in the bulk archive (`2022-11/2022-11-essex-street.csv`)
 * with the Month column and Crime IDs rewritten per month, and runs swp in-process. Expected figures are counted
 * here from the rows written, independently of swp's readers.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/ingest/workspace.js';
import { DataSource } from '../../src/analysis/sources.js';
import { defineIndicator } from '../../src/analysis/catalogue.js';
import { financialYear } from '../../src/analysis/periods.js';
import { run } from '../../src/cli/run.js';
import { REAL_DATA, tempDir, writeTree } from '../helpers.js';
import { readPoliceUkCsvParse, readPoliceUkFast } from '../../src/ingest/formats/police-uk.js';

const SAMPLE = readFileSync(join(REAL_DATA, '2022-12-essex-street-sample.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
const HEADER = SAMPLE[0]!;
/** The sample's data rows as fields (no field of the sample holds a quoted comma in the columns used here). */
const ROWS = SAMPLE.slice(1);

/** Split a CSV line on commas outside quotes. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === ',' && !q) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
const F = { id: 0, month: 1, reported: 2, falls: 3, code: 7, name: 8, type: 9 } as const;
const field = (line: string, i: number) => fields(line)[i]!;
const laOf = (line: string) => field(line, F.name).replace(/ \d{3}[A-Z]$/, '');

/** The months of the financial years 2021/22 and 2022/23. */
const MONTHS: string[] = [];
for (let y = 2021; y <= 2023; y++) for (let m = 1; m <= 12; m++) {
  const k = `${y}-${String(m).padStart(2, '0')}`;
  if (k >= '2021-04' && k <= '2023-03') MONTHS.push(k);
}

/**
 * The sample's rows as a month's file: Month set to `month`, Crime IDs made unique per month (the first 6 hex digits
 * replaced by the month's digits) and, so that months differ, every row whose index is ≡ month number mod `drop`
 * left out (none when drop is 0). `keep` filters the rows further.
 */
function monthRows(month: string, opts: { drop?: number; keep?: (line: string) => boolean } = {}): string[] {
  const mm = Number(month.slice(5));
  const drop = opts.drop ?? 7;
  return ROWS.filter((l, i) => (drop === 0 || i % drop !== mm % drop) && (opts.keep?.(l) ?? true)).map((l) => {
    const f = fields(l);
    const id = f[F.id]!;
    const idOut = id === '' ? '' : month.replace('-', '') + id.slice(6);
    // Re-quote fields that hold a comma.
    return [idOut, month, ...f.slice(2)].map((x, i) => (i >= 2 && /[",]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x)).join(',');
  });
}

/** Rows of British Transport Police in the given LSOAs (code, name) for a month. */
function btpRows(month: string, lsoas: Array<[string, string]>, perLsoa = 2): string[] {
  const out: string[] = [];
  lsoas.forEach(([code, name], k) => {
    for (let j = 0; j < perLsoa; j++) {
      const id = `${month.replace('-', '')}b7${String(k).padStart(4, '0')}${String(j).padStart(2, '0')}`.padEnd(64, 'a');
      out.push(`${id},${month},British Transport Police,British Transport Police,0.9,51.9,On or near Station,${code},${name},Theft from the person,Under investigation,`);
    }
  });
  return out;
}

const POPULATION = [
  'area_code,area_name,year,age_band,population',
  ...[2020, 2021, 2022].flatMap((y) => [`E07000071,Colchester,${y},all,19${y - 2000}00`, `E07000070,Chelmsford,${y},all,18${y - 2000}00`]),
].join('\n');

/** A workspace for Colchester (or `area`) with police.uk files (path → lines without header). */
function workspace(files: Record<string, string[]>, area: string[] = ['name: Colchester', 'code: E07000071']): string {
  const dir = tempDir('swp-corpus-coverage-');
  temps.push(dir);
  const tree: Record<string, string> = {
    'swp.config.yaml': ['version: 1', 'partnership:', '  name: Colchester Community Safety Partnership', 'area:', ...area.map((l) => `  ${l}`), 'inputs:', '  policeUk: [crime]', '  population: [population.csv]', ''].join('\n'),
    'population.csv': POPULATION + '\n',
  };
  for (const [path, lines] of Object.entries(files)) tree[join('crime', path)] = [HEADER, ...lines].join('\n') + '\n';
  return writeTree(dir, tree);
}

/** Every month of MONTHS as an Essex file, except `skip`. */
function essexMonths(skip: string[] = [], opts: Parameters<typeof monthRows>[1] = {}): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of MONTHS) if (!skip.includes(m)) out[`${m}/${m}-essex-street.csv`] = monthRows(m, opts);
  return out;
}

/** Run swp in-process; stdout, stderr and the exit code. */
async function swp(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, env: {} as Record<string, string | undefined>, cwd };
  const code = await run(args, io);
  return { code, ...out };
}

/** `swp assess --format json` for a year; the parsed assessment. */
async function assessJson(ws: string, year?: string): Promise<{ code: number; stderr: string; json: any }> {
  const out = join(ws, 'out');
  const r = await swp(['assess', '-w', ws, '--format', 'json', '--out', out, '--date', '2023-06-30', ...(year ? ['--year', year] : [])], ws);
  // The file name carries the year the run chose (the default year when none is asked).
  const file = existsSync(out) ? readdirSync(out).find((f) => /^assessment-\d{4}-\d{2}\.json$/.test(f)) : undefined;
  const json: any = file ? JSON.parse(readFileSync(join(out, file), 'utf8')) : undefined;
  return { code: r.code, stderr: r.stderr, json };
}


const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** The LSOAs (code, name) of a local authority in the sample, sorted by code. */
function lsoasOf(la: string): Array<[string, string]> {
  const m = new Map<string, string>();
  for (const l of ROWS) if (laOf(l) === la) m.set(field(l, F.code), field(l, F.name));
  return [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/**
 * Crimes (anti-social behaviour excluded) counted independently from the files written: rows whose Month is in
 * `months` and whose LSOA passes `inArea`.
 */
function crimes(files: Record<string, string[]>, months: string[], inArea: (line: string) => boolean): number {
  let n = 0;
  for (const lines of Object.values(files)) {
    for (const l of lines) if (months.includes(field(l, F.month)) && field(l, F.type) !== 'Anti-social behaviour' && inArea(l)) n++;
  }
  return n;
}
const FY2122 = MONTHS.filter((m) => m <= '2022-03');
const FY2223 = MONTHS.filter((m) => m >= '2022-04');
const isColchester = (l: string) => laOf(l) === 'Colchester';
const allCrime = (json: any) => json.indicators.find((i: { id: string }) => i.id === 'recorded-crime.all');

describe('corpus: police.uk coverage, not presence (issue 11, point 1)', () => {
  it('Essex street files with one force-month missing (2022-11): 2022/23 is missing with a note, the default year is 2021/22 and its figure is right', async () => {
    const files = essexMonths(['2022-11']);
    const ws = workspace(files);
    const y2223 = await assessJson(ws, '2022/23');
    expect(y2223.code, y2223.stderr).toBe(0);
    const all = allCrime(y2223.json);
    expect(all.count).toBeNull();
    expect(all.change).toBeNull();
    expect(all.notes).toContain('no police.uk data for Essex Police for 2022-11');
    expect(y2223.json.coverage).toMatchObject({ forces: ['Essex Police'], forcesFrom: 'data', firstMonth: '2021-04', lastMonth: '2023-03', missing: [{ month: '2022-11', forces: ['Essex Police'] }], periodMissing: ['2022-11'] });
    expect(y2223.json.places).toBeUndefined();

    const dflt = await assessJson(ws);
    expect(dflt.code, dflt.stderr).toBe(0);
    expect(dflt.json.period.label).toBe('2021/22');
    expect(dflt.stderr).toContain('warning: 2022/23 is not complete (no police.uk data for Essex Police for 2022-11): the assessment is for 2021/22, the latest complete financial year');
    expect(allCrime(dflt.json).count).toBe(crimes(files, FY2122, isColchester));
  });

  it('British Transport Police rows in the missing month do not complete it, but count in a complete year', async () => {
    const files = essexMonths(['2022-11']);
    const stations = lsoasOf('Colchester').slice(0, 3);
    files['2022-11/2022-11-btp-street.csv'] = btpRows('2022-11', stations, 3);
    files['2021-06/2021-06-btp-street.csv'] = btpRows('2021-06', stations, 2);
    const ws = workspace(files);
    const y2223 = await assessJson(ws, '2022/23');
    expect(y2223.code, y2223.stderr).toBe(0);
    expect(allCrime(y2223.json).count).toBeNull();
    expect(y2223.json.coverage.forces).toEqual(['Essex Police']);
    expect(y2223.json.coverage.periodMissing).toEqual(['2022-11']);
    const y2122 = await assessJson(ws, '2021/22');
    // Essex rows of 2021/22 and the 6 BTP rows of June 2021.
    expect(allCrime(y2122.json).count).toBe(crimes(files, FY2122, isColchester));
    expect(crimes(files, FY2122, isColchester) - crimes(essexMonths(['2022-11']), FY2122, isColchester)).toBe(6);
  });

  it("a neighbouring force's few rows in border LSOAs are counted but do not make it a covering force", async () => {
    const files = essexMonths();
    // Suffolk Constabulary rows in two Colchester LSOAs in three months only (its own files are not in the folder).
    const border = lsoasOf('Colchester').slice(-2);
    for (const m of ['2022-05', '2022-08', '2023-01']) {
      files[`${m}/${m}-suffolk-street.csv`] = btpRows(m, border, 2).map((l) => l.replace(/British Transport Police/g, 'Suffolk Constabulary'));
    }
    const ws = workspace(files);
    const r = await assessJson(ws, '2022/23');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.coverage).toMatchObject({ forces: ['Essex Police'], missing: [] });
    expect(allCrime(r.json).count).toBe(crimes(files, FY2223, isColchester));
    expect(crimes(files, FY2223, isColchester) - crimes(essexMonths(), FY2223, isColchester)).toBe(12);
  });

  it('area.forces naming a second force with files for the first year only: the default year is the complete one, validate warns per missing force-month', async () => {
    const files = essexMonths();
    const lsoas = lsoasOf('Colchester').slice(0, 1);
    for (const m of FY2122) files[`${m}/${m}-suffolk-street.csv`] = btpRows(m, lsoas, 1).map((l) => l.replace(/British Transport Police/g, 'Suffolk Constabulary'));
    const ws = workspace(files, ['name: Colchester', 'code: E07000071', 'forces: [Essex Police, Suffolk Constabulary]']);
    const dflt = await assessJson(ws);
    expect(dflt.code, dflt.stderr).toBe(0);
    expect(dflt.json.period.label).toBe('2021/22');
    expect(dflt.json.coverage).toMatchObject({ forces: ['Essex Police', 'Suffolk Constabulary'], forcesFrom: 'config' });
    expect(dflt.json.coverage.missing.map((g: { month: string }) => g.month)).toEqual(FY2223);
    const v = await swp(['validate', '-w', ws], ws);
    expect(v.code).toBe(0);
    for (const m of FY2223) expect(v.stderr).toContain(`no street-level file from Suffolk Constabulary for ${m}, a month inside the data (2021-04 to 2023-03)`);
    expect(v.stderr).toContain('Suffolk Constabulary: 12 of 24 months; missing 2022-04 to 2023-03');
  });

  it('validate on Essex files with 2022-11 missing prints the coverage and warns; --fail-on-warnings exits 6', async () => {
    const files = essexMonths(['2022-11']);
    files['2022-11/2022-11-btp-street.csv'] = btpRows('2022-11', lsoasOf('Colchester').slice(0, 2), 1);
    const ws = workspace(files);
    const v = await swp(['validate', '-w', ws], ws);
    expect(v.code).toBe(0);
    expect(v.stderr).toContain('covering forces (forces other than British Transport Police with at least 10% of the rows in the area\'s LSOAs): Essex Police');
    expect(v.stderr).toContain('complete months: 23 of 24 (2021-04 to 2023-03)');
    expect(v.stderr).toMatch(/Essex Police: 23 of 24 months; missing 2022-11 \([\d,]+ rows in the area\)/);
    expect(v.stderr).toContain('rows also from British Transport Police (2): counted, but they never make a month complete');
    expect(v.stderr).toContain('warning: police.uk: no street-level file from Essex Police for 2022-11, a month inside the data (2021-04 to 2023-03)');
    expect((await swp(['validate', '--fail-on-warnings', '-w', ws], ws)).code).toBe(6);
  });

  it('report for a quarter containing the missing month marks its cells missing; --quarter latest takes the last complete quarter', async () => {
    const files = essexMonths(['2023-02']);
    const ws = workspace(files);
    const out = join(ws, 'out');
    const q4 = await swp(['report', '-w', ws, '--quarter', '2022/23-Q4', '--format', 'json', '--out', out, '--date', '2023-06-30'], ws);
    expect(q4.code, q4.stderr).toBe(0);
    const rep = JSON.parse(readFileSync(join(out, 'report-2022-23-Q4.json'), 'utf8'));
    const row = rep.rows.find((r: { id: string }) => r.id === 'recorded-crime.all');
    expect(row.quarter).toEqual({ count: null, value: null, status: 'missing' });
    expect(row.yearToDate.status).toBe('missing');
    expect(rep.coverage.periodMissing).toEqual(['2023-02']);
    const latest = await swp(['report', '-w', ws, '--quarter', 'latest', '--format', 'json', '--out', out, '--date', '2023-06-30'], ws);
    expect(latest.code, latest.stderr).toBe(0);
    expect(latest.stderr).toContain('warning: 2022/23-Q4 is not complete (no police.uk data for Essex Police for 2023-02): the report is for 2022/23-Q3, the latest complete quarter');
    const rep3 = JSON.parse(readFileSync(join(out, 'report-2022-23-Q3.json'), 'utf8'));
    const q3 = ['2022-10', '2022-11', '2022-12'];
    expect(rep3.rows.find((r: { id: string }) => r.id === 'recorded-crime.all').quarter).toMatchObject({ count: crimes(files, q3, isColchester), status: 'ok' });
  });

  it('a missing month in the comparison year: the change is left out with a note, and the SPC chart has a gap there, not a low point', async () => {
    const files = essexMonths(['2021-11']);
    const ws = workspace(files);
    const r = await assessJson(ws, '2022/23');
    expect(r.code, r.stderr).toBe(0);
    const all = allCrime(r.json);
    expect(all.count).toBe(crimes(files, FY2223, isColchester));
    expect(all.change).toBeNull();
    expect(all.notes).toContain('no change against 2021/22: no police.uk data for Essex Police for 2021-11');
    expect(all.notes).toContain('SPC chart has a gap: no police.uk data for Essex Police for 2021-11');
    const point = all.spc.points.find((p: { period: string }) => p.period === '2021-11');
    expect(point.value).toBeNull();
    expect(all.spc.points.find((p: { period: string }) => p.period === '2021-12').value).toBe(crimes(files, ['2021-12'], isColchester));
  });

  it('both readers count the rows by force in the area alike (fast scanner and csv-parse), BTP included', async () => {
    const files = essexMonths(['2022-11']);
    files['2022-11/2022-11-btp-street.csv'] = btpRows('2022-11', lsoasOf('Colchester').slice(0, 4), 2);
    const ws = workspace(files);
    const options = { area: { lsoaNamePrefix: 'Colchester' }, latestMonth: '2023-12', displayBase: ws };
    const ref = (await readPoliceUkCsvParse([join(ws, 'crime')], options)).data;
    const fast = (await readPoliceUkFast([join(ws, 'crime')], options, { threads: 0, streamAbove: 0, batchRows: 7, readSize: 13 })).data;
    const essex = Object.values(files).flat().filter((l) => isColchester(l) && field(l, F.falls) === 'Essex Police').length;
    expect([...ref.rowsByForce]).toEqual([['British Transport Police', 8], ['Essex Police', essex]]);
    expect([...fast.rowsByForce]).toEqual([...ref.rowsByForce]);
    expect(fast.coverage).toEqual(ref.coverage);
    expect(ref.coverage.missing).toEqual([{ month: '2022-11', forces: ['Essex Police'] }]);
  });
});

describe('corpus: geography that changes (issue 11, point 4)', () => {
  it('Essex street files where one Colchester LSOA stops appearing after the first year: no crash, the LSOA counts zero after', async () => {
    const gone = lsoasOf('Colchester')[0]![0];
    const files = essexMonths();
    for (const m of FY2223) files[`${m}/${m}-essex-street.csv`] = monthRows(m, { keep: (l) => field(l, F.code) !== gone });
    const ws = workspace(files);
    const { code, stderr, json } = await assessJson(ws, '2022/23');
    expect(code, stderr).toBe(0);
    expect(json.places.lsoas).toBe(lsoasOf('Colchester').length);
    expect(json.places.top.every((p: { code: string }) => p.code !== gone)).toBe(true);
    expect(allCrime(json).count).toBe(crimes(files, FY2223, isColchester));
  });

  it('a fifth of Colchester LSOAs disappear after 2021/22: validate reports LSOAs a year and warns of the sharp change', async () => {
    const all = lsoasOf('Colchester');
    const gone = new Set(all.filter((_, i) => i % 5 === 0).map(([c]) => c));
    const files = essexMonths([], { drop: 0 });
    for (const m of FY2223) files[`${m}/${m}-essex-street.csv`] = monthRows(m, { drop: 0, keep: (l) => !gone.has(field(l, F.code)) });
    const ws = workspace(files);
    const v = await swp(['validate', '-w', ws], ws);
    expect(v.code).toBe(0);
    expect(v.stderr).toContain(`LSOAs with rows a financial year: 2021/22 ${all.length}, 2022/23 ${all.length - gone.size}`);
    expect(v.stderr).toContain(`the LSOAs of Colchester change sharply between 2021/22 and 2022/23: ${gone.size} of ${all.length} have no rows in 2022/23 and 0 appear for the first time`);
  });

  it("area rows that stop before the data do (the authority renamed in the files): validate warns, the hint lists the names found after, most rows first", async () => {
    // From April 2022 Tendring's LSOAs are published as "North Essex 012C" (a merger, as Taunton Deane's were).
    const files = essexMonths([], { drop: 0 });
    for (const m of FY2223) files[`${m}/${m}-essex-street.csv`] = files[`${m}/${m}-essex-street.csv`]!.map((l) => l.replace(/,Tendring (\d{3}[A-Z]),/, ',North Essex $1,'));
    const ws = workspace(files, ['name: Tendring', 'code: E07000076']);
    const v = await swp(['validate', '-w', ws], ws);
    expect(v.code).toBe(0);
    expect(v.stderr).toContain('warning: police.uk rows for Tendring stop at 2022-03, but the data run to 2023-03');
    const hint = /hint: LSOA names in the files after 2022-03 begin with (.*)/.exec(v.stderr)?.[1] ?? '';
    // Most rows first, as counted in the sample (12 months of each): Basildon first, North Essex listed.
    const perLa = new Map<string, number>();
    for (const l of ROWS) if (field(l, F.name) !== '') perLa.set(laOf(l), (perLa.get(laOf(l)) ?? 0) + 12);
    const first = [...perLa].sort((a, b) => b[1] - a[1])[0]!;
    const rows = (k: number) => k.toLocaleString('en-GB');
    expect(hint.startsWith(`"${first[0]}" (${rows(first[1])} rows)`), hint).toBe(true);
    expect(hint).toContain(`"North Essex" (${rows(perLa.get('Tendring')!)} rows)`);
    expect(hint).not.toContain('"Tendring"');
  });

  it('an area name that no LSOA name uses (a typo): nothing can be produced (exit 3), and the error lists the names the files do use, most rows first', async () => {
    const files = essexMonths(MONTHS.slice(2));
    const ws = workspace(files, ['name: Colchster', 'code: E07000071']);
    const v = await swp(['validate', '-w', ws], ws);
    expect(v.code).toBe(3);
    expect(v.stderr).toContain('warning: no police.uk rows fall in Colchster: no LSOA name starts with "Colchster "');
    expect(v.stderr).toContain('error: key area: nothing can be produced for Colchster (E07000071)');
    // Two months of the sample with every seventh row left out (month 4: rows i ≡ 4 mod 7; month 5: i ≡ 5 mod 7).
    const count = (la: string) => ROWS.filter((l, i) => laOf(l) === la && i % 7 !== 4).length + ROWS.filter((l, i) => laOf(l) === la && i % 7 !== 5).length;
    const line = /hint: +LSOA names in the police\.uk files begin with (.*?): set area\.name/.exec(v.stderr)?.[1] ?? '';
    const names = [...line.matchAll(/"([^"]+)" \(([\d,]+) rows\)/g)].map((m) => [m[1], Number(m[2]!.replace(/,/g, ''))]);
    expect(names).toHaveLength(8);
    for (const [la, k] of names) expect(k, String(la)).toBe(count(String(la)));
    expect(names.map(([, k]) => k)).toEqual([...names.map(([, k]) => k)].sort((a, b) => Number(b) - Number(a)));
    expect(names.map(([la]) => la)).toContain('Colchester');
  });

  it('merged local-authority names in area.lsoaNamePrefix: both names count, and the year before is compared', async () => {
    const files = essexMonths();
    for (const m of FY2223) files[`${m}/${m}-essex-street.csv`] = files[`${m}/${m}-essex-street.csv`]!.map((l) => l.replace(/,Tendring (\d{3}[A-Z]),/, ',North Essex $1,'));
    const ws = workspace(files, ['name: North Essex', 'code: E07000076', 'lsoaNamePrefix: [Tendring, North Essex]']);
    const r = await assessJson(ws, '2022/23');
    expect(r.code, r.stderr).toBe(0);
    const inArea = (l: string) => laOf(l) === 'Tendring' || laOf(l) === 'North Essex';
    const all = allCrime(r.json);
    expect(all.count).toBe(crimes(files, FY2223, inArea));
    expect(all.previous.count).toBe(crimes(files, FY2122, inArea));
    expect(all.previous.count).toBeGreaterThan(0);
    const v = await swp(['validate', '-w', ws], ws);
    expect(v.stderr).not.toContain('stop at');
  });

  it('an ONS lookup file (LSOA11CD, LSOA21CD, LAD22CD) in area.lsoaCodes: 2011 codes before the switch, 2021 codes after, other districts left out', async () => {
    const col = lsoasOf('Colchester');
    // Every fourth Colchester LSOA was split in 2021 (CHGIND S): its rows after the switch carry a new 2021 code.
    const newCode = (c: string) => `E0103${c.slice(5)}`;
    const split = new Set(col.filter((_, i) => i % 4 === 0).map(([c]) => c));
    const files = essexMonths();
    for (const m of FY2223) {
      files[`${m}/${m}-essex-street.csv`] = files[`${m}/${m}-essex-street.csv`]!.map((l) => {
        const f = fields(l);
        return split.has(f[F.code]!) ? [...f.slice(0, F.code), newCode(f[F.code]!), ...f.slice(F.code + 1)].join(',') : l;
      });
    }
    const lookup = [
      'LSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,CHGIND,LAD22CD,LAD22NM,LAD22NMW,ObjectId',
      ...col.map(([c, n], i) => `${c},${n},${split.has(c) ? newCode(c) : c},${n},${split.has(c) ? 'S' : 'U'},E07000071,Colchester,,${i + 1}`),
      ...lsoasOf('Chelmsford').map(([c, n], i) => `${c},${n},${c},${n},U,E07000070,Chelmsford,,${1000 + i}`),
    ].join('\n');
    const ws = workspace(files, ['name: Colchester', 'code: E07000071', 'lsoaCodes: lookup.csv']);
    writeTree(ws, { 'lookup.csv': lookup + '\n' });
    const r = await assessJson(ws, '2022/23');
    expect(r.code, r.stderr).toBe(0);
    expect(allCrime(r.json).count).toBe(crimes(files, FY2223, isColchester));
    expect(allCrime(r.json).previous.count).toBe(crimes(files, FY2122, isColchester));
  });

  it('an ONS lookup with no rows for the area is refused (exit 3) naming the file and the authorities found', async () => {
    const files = essexMonths();
    const lookup = ['LSOA21CD,LSOA21NM,LAD22CD,LAD22NM', ...lsoasOf('Chelmsford').map(([c, n]) => `${c},${n},E07000070,Chelmsford`)].join('\n');
    const ws = workspace(files, ['name: Colchester', 'code: E07000071', 'lsoaCodes: lookup.csv']);
    writeTree(ws, { 'lookup.csv': lookup + '\n' });
    const v = await swp(['validate', '-w', ws], ws);
    expect(v.code).toBe(3);
    expect(v.stderr).toContain('error: lookup.csv (key area.lsoaCodes): the ONS lookup named in area.lsoaCodes has no rows for Colchester (E07000071)');
    expect(v.stderr).toContain('found:    1 local authorities, e.g. Chelmsford');
  });
});

describe('property: removed force-months never change a figure silently', () => {
  it('random Essex months removed (some replaced by BTP rows only): each year is the clean count, or missing with a note naming every removed month in it', async () => {
    const clean = essexMonths();
    const stations = lsoasOf('Colchester').slice(0, 2);
    await fc.assert(
      fc.asyncProperty(fc.subarray(MONTHS, { maxLength: 4 }), fc.boolean(), async (removed, btp) => {
        const files = essexMonths(removed);
        if (btp) for (const m of removed) files[`${m}/${m}-btp-street.csv`] = btpRows(m, stations, 1);
        const ws = await loadWorkspace(workspace(files), { latestMonth: '2023-12' });
        const src = new DataSource(ws);
        const def = defineIndicator('recorded-crime.all', ws.config);
        for (const y of [2021, 2022]) {
          const fy = financialYear(y);
          const months = y === 2021 ? FY2122 : FY2223;
          const gone = removed.filter((m) => months.includes(m)).sort();
          const obs = src.observe(def, 'E07000071', fy);
          if (gone.length === 0) {
            expect(obs.status).toBe('ok');
            expect(obs.count).toBe(crimes(files, months, isColchester));
            if (!btp) expect(obs.count).toBe(crimes(clean, months, isColchester));
          } else {
            expect(obs.status).toBe('missing');
            expect(obs.count).toBeNull();
            // Consecutive months are written as a run "A to B" (index in MONTHS tells consecutive apart).
            const runs: string[] = [];
            for (let i = 0; i < gone.length; ) {
              let j = i;
              while (j + 1 < gone.length && MONTHS.indexOf(gone[j + 1]!) === MONTHS.indexOf(gone[j]!) + 1) j++;
              runs.push(i === j ? gone[i]! : `${gone[i]} to ${gone[j]}`);
              i = j + 1;
            }
            expect(obs.notes).toEqual([`no police.uk data for Essex Police for ${runs.join(', ')}`]);
          }
        }
        rmSync(ws.root, { recursive: true, force: true });
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 12) },
    );
  }, 120_000);
});
