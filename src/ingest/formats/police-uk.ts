/**
 * police.uk street-level crime files (data.police.uk "Custom download" and the monthly bulk archive).
 *
 * Reads single files or the bulk-download tree (`YYYY-MM/YYYY-MM-<force>-street.csv`, several forces at once),
 * keeps the rows that fall in the partnership (by LSOA code list or by local-authority name: LSOA names are
 * "<LA name> <3 digits><letter>") and aggregates them to partnership × month × crime type and LSOA × month × type.
 * Outcomes and stop-and-search files in the same tree are recognised by name and header and skipped with a note:
 * the documents do not use them (yet), and they are not errors.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { ExitCode, ProblemCollector, SwpError, showFound, type Warning } from '../../model/errors.js';
import { ASB_INDEX, CRIME_TYPES, type FileSummary, type PoliceUkData } from '../../model/data.js';
import { readCsvRows, type CsvRow, type Encoding } from '../csv.js';
import { matchHeader, wrongHeaderError, type ColumnSpec } from '../header.js';

export const FORMAT_NAME = 'police.uk street-level crime';

/** The street-level header, in police.uk's order. */
export const COLUMNS: readonly ColumnSpec[] = [
  { name: 'Crime ID', aliases: [], required: true },
  { name: 'Month', aliases: [], required: true },
  { name: 'Reported by', aliases: [], required: true },
  { name: 'Falls within', aliases: [], required: true },
  { name: 'Longitude', aliases: [], required: false },
  { name: 'Latitude', aliases: [], required: false },
  { name: 'Location', aliases: [], required: false },
  { name: 'LSOA code', aliases: [], required: true },
  { name: 'LSOA name', aliases: [], required: true },
  { name: 'Crime type', aliases: [], required: true },
  { name: 'Last outcome category', aliases: [], required: false },
  { name: 'Context', aliases: [], required: false },
];

/** Headers of the two other police.uk files that sit in the same bulk tree. */
const OUTCOMES_COLUMNS: readonly ColumnSpec[] = [
  { name: 'Crime ID', aliases: [], required: true },
  { name: 'Outcome type', aliases: [], required: true },
];
const STOP_SEARCH_COLUMNS: readonly ColumnSpec[] = [
  { name: 'Type', aliases: [], required: true },
  { name: 'Object of search', aliases: [], required: true },
  { name: 'Legislation', aliases: [], required: true },
];

/** Which rows belong to the partnership. */
export interface AreaFilter {
  /** Exact LSOA codes (wins over the name prefix when given). */
  lsoaCodes?: ReadonlySet<string>;
  /** Local-authority name: rows whose LSOA name is "<prefix> 123A". */
  lsoaNamePrefix?: string;
}

export interface PoliceUkOptions {
  area: AreaFilter;
  encoding?: Encoding;
  columns?: Record<string, string>;
  /** Base folder for the paths shown in messages (default: cwd). */
  displayBase?: string;
  onWarning?: (w: Warning) => void;
  maxProblems?: number;
  /** The latest month that may appear (default: the current month); later months are errors. */
  latestMonth?: string;
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;
const LSOA_NAME_RE = /^(.*) \d{3}[A-Z]$/;
/** Bulk-archive file names: 2016-04-west-midlands-street.csv and its -outcomes / -stop-and-search siblings. */
const FILE_NAME_RE = /^(\d{4}-\d{2})-(.+)-(street|outcomes|stop-and-search)\.csv$/i;

const TYPE_INDEX = new Map<string, number>(CRIME_TYPES.map((t, i) => [t.toLowerCase(), i]));

/** The month the user's clock is in, `YYYY-MM`, from UTC so that time zone does not change results. */
function currentMonth(): string {
  const d = new Date();
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Every .csv under a folder, sorted so that reads (and so messages and tallies) are deterministic. */
async function listCsv(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listCsv(p)));
    else if (e.isFile() && e.name.toLowerCase().endsWith('.csv')) out.push(p);
  }
  return out;
}

/** Expand configured paths (files or folders) to files, dropping the same file reached twice by overlapping paths. */
export async function expandPaths(paths: readonly string[], displayBase: string): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new SwpError(ExitCode.INPUT, {
        message: 'the police.uk input does not exist',
        file: relative(displayBase, p) || p,
        hint: 'check inputs.policeUk in swp.config.yaml; paths are relative to the config file',
      });
    }
    const list = st.isDirectory() ? await listCsv(p) : [p];
    for (const f of list) {
      const real = await realpath(f);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push(f);
    }
  }
  return files;
}

/** Does this LSOA belong to the partnership? */
function inArea(filter: AreaFilter, code: string, name: string): boolean {
  if (filter.lsoaCodes) return filter.lsoaCodes.has(code);
  if (filter.lsoaNamePrefix === undefined) return true;
  const m = LSOA_NAME_RE.exec(name);
  return m !== null && m[1] === filter.lsoaNamePrefix;
}

/**
 * Read police.uk files and folders into aggregated counts for the partnership. Problems in rows are collected
 * across all files and thrown together; skipped files (outcomes, stop and search) are reported as warnings.
 */
export async function readPoliceUk(
  paths: readonly string[],
  options: PoliceUkOptions,
): Promise<{ data: PoliceUkData; summaries: FileSummary[] }> {
  const displayBase = options.displayBase ?? process.cwd();
  const show = (f: string) => relative(displayBase, f) || f;
  const latest = options.latestMonth ?? currentMonth();
  const problems = new ProblemCollector(options.maxProblems ?? 20);
  const data: PoliceUkData = {
    byMonth: new Map(),
    byLsoa: new Map(),
    monthsByForce: new Map(),
    tally: { rows: 0, inArea: 0, outOfArea: 0, noLocation: 0, duplicates: 0 },
    files: [],
  };
  const summaries: FileSummary[] = [];
  // Crime IDs already counted: the same crime in two files (a re-download, overlapping folders) counts once.
  const seenIds = new Set<string>();
  // (force, month) → file that supplied it: two street files for one force-month would double-count ASB,
  // which has no Crime ID to de-duplicate on.
  const forceMonthFile = new Map<string, string>();

  for (const file of await expandPaths(paths, displayBase)) {
    const display = show(file);
    const nameMatch = FILE_NAME_RE.exec(basename(file));
    const kindFromName = nameMatch?.[3]?.toLowerCase();
    const rows = readCsvRows(file, { displayPath: display, encoding: options.encoding ?? 'auto', onWarning: options.onWarning });
    const first = await rows.next();
    const header = first.done ? undefined : first.value;
    if (!header) throw wrongHeaderError(display, undefined, FORMAT_NAME, COLUMNS, []);

    const { index, missing } = matchHeader(header.fields, COLUMNS, options.columns);
    if (missing.length > 0) {
      // The bulk tree also holds outcomes and stop-and-search files: recognise and skip them.
      const isOutcomes = matchHeader(header.fields, OUTCOMES_COLUMNS).missing.length === 0;
      const isStopSearch = matchHeader(header.fields, STOP_SEARCH_COLUMNS).missing.length === 0;
      if (isOutcomes || isStopSearch || kindFromName === 'outcomes' || kindFromName === 'stop-and-search') {
        await rows.return(undefined);
        const what = isStopSearch || kindFromName === 'stop-and-search' ? 'stop and search' : 'outcomes';
        options.onWarning?.({ message: `police.uk ${what} file skipped: the documents use street-level crime files only`, file: display });
        summaries.push({ file: display, kind: what === 'outcomes' ? 'police-uk-outcomes' : 'police-uk-stop-search', rows: 0, note: 'skipped' });
        continue;
      }
      await rows.return(undefined);
      throw wrongHeaderError(display, header, FORMAT_NAME, COLUMNS, missing);
    }

    const col = (name: string) => index[name]!;
    const iId = col('Crime ID');
    const iMonth = col('Month');
    const iFalls = col('Falls within');
    const iCode = col('LSOA code');
    const iName = col('LSOA name');
    const iType = col('Crime type');
    const width = header.fields.length;
    const summary: FileSummary = { file: display, kind: 'police-uk-street', rows: 0 };
    let firstMonth: string | undefined;
    let lastMonth: string | undefined;
    const lsoasInFile = new Set<string>();
    const problemAt = (row: CsvRow, column: number, columnName: string, message: string, expected: string, found: string, hint: string) =>
      problems.add({ message, file: display, line: row.line, column: column + 1, columnName, expected, found, hint });

    for await (const row of rows) {
      const f = row.fields;
      summary.rows++;
      data.tally.rows++;
      if (f.length !== width) {
        problems.add({
          message: `expected ${width} fields, found ${f.length}`,
          file: display,
          line: row.line,
          expected: `${width} comma-separated fields, as in the header`,
          found: `${f.length} fields`,
          hint: f.length < width ? 'the file may be truncated, or a row was cut short' : 'a field containing a comma must be in double quotes',
        });
        continue;
      }
      const month = f[iMonth]!.trim();
      const m = MONTH_RE.exec(month);
      const mm = m ? Number(m[2]) : 0;
      if (!m || mm < 1 || mm > 12) {
        problemAt(row, iMonth, 'Month', 'invalid month', 'a month as YYYY-MM, e.g. 2016-04', showFound(month),
          'police.uk months are YYYY-MM; a spreadsheet may have rewritten them (e.g. "Dec-16"): export again without opening in Excel');
        continue;
      }
      if (month > latest) {
        problemAt(row, iMonth, 'Month', 'month is in the future', `a month no later than ${latest}`, showFound(month), 'check the Month column and the file name');
        continue;
      }
      const type = f[iType]!.trim();
      const t = TYPE_INDEX.get(type.toLowerCase());
      if (t === undefined) {
        problemAt(row, iType, 'Crime type', 'unknown crime type', `one of the 14 police.uk crime types (${CRIME_TYPES.join(', ')})`, showFound(type),
          'police.uk category names are used as published; "Violent crime" and "Public disorder and weapons" are pre-2013 categories and are not supported');
        continue;
      }
      const id = f[iId]!.trim();
      if (t !== ASB_INDEX && id === '') {
        problemAt(row, iId, 'Crime ID', 'a crime has no Crime ID', 'a Crime ID (only anti-social behaviour rows have none)', '""', 'the file may have been edited; download it again');
        continue;
      }
      const force = f[iFalls]!.trim() || nameMatch?.[2] || 'unknown force';
      const fmKey = `${force}\u0000${month}`;
      const earlier = forceMonthFile.get(fmKey);
      if (earlier === undefined) forceMonthFile.set(fmKey, display);
      else if (earlier !== display) {
        await rows.return(undefined);
        throw new SwpError(ExitCode.INPUT, {
          message: `two street-level files hold ${force} for ${month}`,
          file: display,
          line: row.line,
          expected: 'one street-level file per force and month',
          found: `also in ${earlier}`,
          hint: 'remove the duplicate file or the overlapping folder from inputs.policeUk; anti-social behaviour would be counted twice',
        });
      }
      let forceMonths = data.monthsByForce.get(force);
      if (!forceMonths) data.monthsByForce.set(force, (forceMonths = new Set()));
      forceMonths.add(month);
      if (firstMonth === undefined || month < firstMonth) firstMonth = month;
      if (lastMonth === undefined || month > lastMonth) lastMonth = month;

      const code = f[iCode]!.trim();
      const lname = f[iName]!.trim();
      if (code === '') {
        data.tally.noLocation++;
        continue;
      }
      if (!inArea(options.area, code, lname)) {
        data.tally.outOfArea++;
        continue;
      }
      if (id !== '') {
        if (seenIds.has(id)) {
          data.tally.duplicates++;
          continue;
        }
        seenIds.add(id);
      }
      data.tally.inArea++;
      lsoasInFile.add(code);
      let monthCounts = data.byMonth.get(month);
      if (!monthCounts) data.byMonth.set(month, (monthCounts = new Uint32Array(CRIME_TYPES.length)));
      monthCounts[t]! += 1;
      let lsoa = data.byLsoa.get(code);
      if (!lsoa) data.byLsoa.set(code, (lsoa = { name: lname, byMonth: new Map() }));
      let lsoaCounts = lsoa.byMonth.get(month);
      if (!lsoaCounts) lsoa.byMonth.set(month, (lsoaCounts = new Uint32Array(CRIME_TYPES.length)));
      lsoaCounts[t]! += 1;
    }
    if (summary.rows === 0) {
      problems.add({
        message: 'the file has a header but no data rows',
        file: display,
        line: header.line,
        expected: 'at least one crime or anti-social behaviour row',
        found: 'only the header',
        hint: 'the download may have failed; police.uk files always have rows for a month with data',
      });
    }
    if (firstMonth !== undefined) summary.firstPeriod = firstMonth;
    if (lastMonth !== undefined) summary.lastPeriod = lastMonth;
    summary.areas = lsoasInFile.size;
    summaries.push(summary);
    data.files.push(display);
  }
  if (data.tally.duplicates > 0) {
    options.onWarning?.({ message: `${data.tally.duplicates} crime${data.tally.duplicates === 1 ? '' : 's'} appeared in more than one file and ${data.tally.duplicates === 1 ? 'was' : 'were'} counted once` });
  }
  problems.throwIfAny(ExitCode.INPUT);
  return { data, summaries };
}
