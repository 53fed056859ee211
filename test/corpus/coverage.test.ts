/**
 * Corpus (issue 11, points 1 and 4): police.uk coverage, and geography that changes. Each case assembles a
 * workspace from the real Essex Police street-level sample (test/fixtures/real/2022-12-essex-street-sample.csv, LSOA
 * names "<LA name> 012C"), split into month files named as in the bulk archive (`2022-11/2022-11-essex-street.csv`)
 * with the Month column and Crime IDs rewritten per month, and runs swp in-process. Expected figures are counted
 * here from the rows written, independently of swp's readers.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { REAL_DATA, tempDir, writeTree } from '../helpers.js';

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
  let json: any;
  try {
    json = JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8'));
  } catch {
    json = undefined;
  }
  return { code: r.code, stderr: r.stderr, json };
}

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

describe('corpus: geography that changes (issue 11, point 4)', () => {
  it('Essex street files where one Colchester LSOA stops appearing after the first year: no crash, the LSOA counts zero after', async () => {
    const gone = ROWS.map((l) => field(l, F.code)).find((c, i) => laOf(ROWS[i]!) === 'Colchester')!;
    const files = essexMonths([], {});
    for (const m of MONTHS.filter((m) => m >= '2022-04')) files[`${m}/${m}-essex-street.csv`] = monthRows(m, { keep: (l) => field(l, F.code) !== gone });
    const ws = workspace(files);
    const { code, stderr, json } = await assessJson(ws, '2022/23');
    expect(code, stderr).toBe(0);
    expect(json.places).toBeDefined();
    expect(json.places.top.every((p: { code: string }) => p.code !== gone)).toBe(true);
  });
});
